import type { RecordScore } from '../ci/robust-covariance';
import type { IndexedTrial, PairCell } from '../data/comparisons';
import { zeros, type Matrix } from '../math/linalg';
import { minimiseNewton, type ConvexObjective } from '../math/newton';

/**
 * Davidson's tie model as RoboArena writes it: with Z = e^θi + e^θj + 2ν·e^((θi+θj)/2),
 * P(i≻j) = e^θi/Z, P(j≻i) = e^θj/Z, P(tie) = 2ν·e^((θi+θj)/2)/Z. Decisive outcomes follow the
 * same logistic law as Bradley–Terry, so θ sits on the same Elo scale. ν = e^κ is fitted jointly;
 * κ gets a weak N(0, 3²) prior so a board without ties still has a finite ν (≈ 0).
 *
 * Parameter vector: [θ_0 … θ_{n−1}, κ].
 */
export const KAPPA_PRIOR_SD = 3;

export interface DavidsonFit {
  theta: number[];
  nu: number;
  /** Penalised information over (θ, κ). */
  information: Matrix;
  converged: boolean;
}

interface CellProbabilities {
  /** log Z' with Z' = Z·e^(−(θi+θj)/2) = e^u + e^(−u) + 2ν, u = (θi − θj)/2. */
  logZ: number;
  pi: number;
  pj: number;
  pt: number;
}

function probabilities(u: number, kappa: number): CellProbabilities {
  const tieLog = Math.LN2 + kappa;
  const top = Math.max(u, -u, tieLog);
  const logZ = top + Math.log(Math.exp(u - top) + Math.exp(-u - top) + Math.exp(tieLog - top));
  return { logZ, pi: Math.exp(u - logZ), pj: Math.exp(-u - logZ), pt: Math.exp(tieLog - logZ) };
}

/** −∂²ℓ/∂(u,κ)² of one unit of weight: [uu, uκ, κκ]. */
function unitInformation(p: CellProbabilities): [number, number, number] {
  const diff = p.pi - p.pj;
  return [p.pi + p.pj - diff * diff, -diff * p.pt, p.pt * (1 - p.pt)];
}

/** Adds w × the unit information of a cell, mapped from (u, κ) to (θi, θj, κ) with u = (θi − θj)/2. */
function addInformation(h: Matrix, i: number, j: number, k: number, w: number, p: CellProbabilities): void {
  const [uu, uk, kk] = unitInformation(p);
  h[i][i] += (w * uu) / 4;
  h[j][j] += (w * uu) / 4;
  h[i][j] -= (w * uu) / 4;
  h[j][i] -= (w * uu) / 4;
  h[i][k] += (w * uk) / 2;
  h[k][i] += (w * uk) / 2;
  h[j][k] -= (w * uk) / 2;
  h[k][j] -= (w * uk) / 2;
  h[k][k] += w * kk;
}

function davidsonObjective(
  cells: readonly PairCell[],
  n: number,
  priorSd: number,
  kappaPriorSd: number,
): ConvexObjective {
  const precision = 1 / (priorSd * priorSd);
  const kappaPrecision = 1 / (kappaPriorSd * kappaPriorSd);
  return {
    value(x) {
      const kappa = x[n];
      let f = (kappaPrecision * kappa * kappa) / 2;
      for (let k = 0; k < n; k++) f += (precision * x[k] * x[k]) / 2;
      for (const cell of cells) {
        const u = (x[cell.i] - x[cell.j]) / 2;
        const { logZ } = probabilities(u, kappa);
        f -= cell.winI * (u - logZ) + cell.winJ * (-u - logZ) + cell.tie * (Math.LN2 + kappa - logZ);
      }
      return f;
    },
    derivatives(x) {
      const kappa = x[n];
      const gradient = x.map((v, k) => (k < n ? precision : kappaPrecision) * v);
      const hessian = zeros(n + 1);
      for (let k = 0; k < n; k++) hessian[k][k] = precision;
      hessian[n][n] = kappaPrecision;
      for (const cell of cells) {
        const m = cell.winI + cell.winJ + cell.tie;
        const p = probabilities((x[cell.i] - x[cell.j]) / 2, kappa);
        const du = cell.winI - cell.winJ - m * (p.pi - p.pj);
        gradient[cell.i] -= du / 2;
        gradient[cell.j] += du / 2;
        gradient[n] -= cell.tie - m * p.pt;
        addInformation(hessian, cell.i, cell.j, n, m, p);
      }
      return { gradient, hessian };
    },
  };
}

export function fitDavidsonCells(
  cells: readonly PairCell[],
  n: number,
  priorSd: number,
  start?: readonly number[],
  kappaPriorSd = KAPPA_PRIOR_SD,
): DavidsonFit {
  const result = minimiseNewton(
    davidsonObjective(cells, n, priorSd, kappaPriorSd),
    start ?? new Array<number>(n + 1).fill(0),
  );
  return {
    theta: result.x.slice(0, n),
    nu: Math.exp(result.x[n]),
    information: result.hessian,
    converged: result.converged,
  };
}

/** Per-record scores over (θi, θj, κ) for the robust covariance. */
export function* davidsonRecordScores(
  trials: readonly IndexedTrial[],
  theta: readonly number[],
  nu: number,
): Generator<RecordScore> {
  const n = theta.length;
  const kappa = Math.log(nu);
  for (const t of trials) {
    const p = probabilities((theta[t.i] - theta[t.j]) / 2, kappa);
    const y = t.outcome === 'i' ? 1 : t.outcome === 'j' ? -1 : 0;
    const du = t.weight * (y - (p.pi - p.pj));
    const dk = t.weight * ((t.outcome === 'tie' ? 1 : 0) - p.pt);
    const local = zeros(3);
    addInformation(local, 0, 1, 2, t.weight, p);
    yield { indices: [t.i, t.j, n], score: [du / 2, -du / 2, dk], information: local };
  }
}
