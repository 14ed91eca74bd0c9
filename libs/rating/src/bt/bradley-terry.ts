import type { RecordScore } from '../ci/robust-covariance';
import type { IndexedTrial, PairCell } from '../data/comparisons';
import { zeros, type Matrix } from '../math/linalg';
import { minimiseNewton, type ConvexObjective } from '../math/newton';
import { logistic, softplus } from '../math/special';

/**
 * Bradley–Terry with ties as half a win: P(i≻j) = σ(θi − θj), a tie scores ½ for each side (the
 * LMArena convention), penalised by the Gaussian prior of `prior.ts`.
 */
export interface BtFit {
  theta: number[];
  /** Negative Hessian of the penalised log-likelihood at θ̂ (observed information + prior). */
  information: Matrix;
  iterations: number;
  converged: boolean;
}

/** Effective score of i in the cell: wins plus half the ties. */
function scoreI(cell: PairCell): number {
  return cell.winI + cell.tie / 2;
}

function totalWeight(cell: PairCell): number {
  return cell.winI + cell.winJ + cell.tie;
}

function btObjective(cells: readonly PairCell[], n: number, priorSd: number): ConvexObjective {
  const precision = 1 / (priorSd * priorSd);
  return {
    value(theta) {
      let f = 0;
      for (const cell of cells) {
        const d = theta[cell.i] - theta[cell.j];
        const s = scoreI(cell);
        // −[s·log σ(d) + (m − s)·log σ(−d)], written with softplus so a lopsided cell cannot overflow.
        f += s * softplus(-d) + (totalWeight(cell) - s) * softplus(d);
      }
      for (let k = 0; k < n; k++) f += (precision * theta[k] * theta[k]) / 2;
      return f;
    },
    derivatives(theta) {
      const gradient = theta.map((t) => precision * t);
      const hessian = zeros(n);
      for (let k = 0; k < n; k++) hessian[k][k] = precision;
      for (const cell of cells) {
        const m = totalWeight(cell);
        const p = logistic(theta[cell.i] - theta[cell.j]);
        const residual = scoreI(cell) - m * p;
        gradient[cell.i] -= residual;
        gradient[cell.j] += residual;
        const h = m * p * (1 - p);
        hessian[cell.i][cell.i] += h;
        hessian[cell.j][cell.j] += h;
        hessian[cell.i][cell.j] -= h;
        hessian[cell.j][cell.i] -= h;
      }
      return { gradient, hessian };
    },
  };
}

export function fitBradleyTerryCells(
  cells: readonly PairCell[],
  n: number,
  priorSd: number,
  start?: readonly number[],
): BtFit {
  const result = minimiseNewton(btObjective(cells, n, priorSd), start ?? new Array<number>(n).fill(0));
  return {
    theta: result.x,
    information: result.hessian,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** Per-record scores for the robust covariance: g = w·(y − p)·(e_i − e_j), y = 1, 0 or ½. */
export function* btRecordScores(
  trials: readonly IndexedTrial[],
  theta: readonly number[],
): Generator<RecordScore> {
  for (const t of trials) {
    const p = logistic(theta[t.i] - theta[t.j]);
    const y = t.outcome === 'i' ? 1 : t.outcome === 'j' ? 0 : 0.5;
    const g = t.weight * (y - p);
    const h = t.weight * p * (1 - p);
    yield {
      indices: [t.i, t.j],
      score: [g, -g],
      information: [
        [h, -h],
        [-h, h],
      ],
    };
  }
}
