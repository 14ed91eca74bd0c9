import { cholesky, choleskySolve, type Matrix } from './linalg';

/** A smooth, strictly convex objective (a negative penalised log-likelihood). */
export interface ConvexObjective {
  value(x: readonly number[]): number;
  /** Gradient and (positive-definite) Hessian at x. */
  derivatives(x: readonly number[]): { gradient: number[]; hessian: Matrix };
}

export interface NewtonResult {
  x: number[];
  /** Hessian at the solution: the observed information, used for standard errors. */
  hessian: Matrix;
  iterations: number;
  converged: boolean;
}

export interface NewtonOptions {
  maxIterations?: number;
  /** Stop when half the squared Newton decrement, an estimate of f(x) − min f, falls below this. */
  tolerance?: number;
}

/**
 * Damped Newton with Armijo backtracking. The priors make every objective strictly convex, so
 * this converges from any start; a fixed start and a fixed number of halvings keep it
 * deterministic (no timing, no randomness).
 */
export function minimiseNewton(
  objective: ConvexObjective,
  start: readonly number[],
  options: NewtonOptions = {},
): NewtonResult {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-20;
  let x = [...start];
  let fx = objective.value(x);
  let { gradient, hessian } = objective.derivatives(x);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const step = choleskySolve(cholesky(hessian), gradient).map((v) => -v);
    const slope = step.reduce((s, v, k) => s + v * gradient[k], 0);
    if (-slope / 2 < tolerance) return { x, hessian, iterations: iteration - 1, converged: true };
    if (-slope / 2 < 1e-12 * (1 + Math.abs(fx))) {
      // The predicted decrease is below what f itself resolves (its rounding is ~1e-16·|f|): a
      // line search on f would only halve the step sixty times in the noise, every iteration. The
      // quadratic model is far more accurate than that here, so take the full step and stop.
      x = x.map((v, k) => v + step[k]);
      return { x, hessian: objective.derivatives(x).hessian, iterations: iteration, converged: true };
    }
    let t = 1;
    let candidate = x.map((v, k) => v + step[k]);
    let fc = objective.value(candidate);
    for (let halvings = 0; !(fc <= fx + 1e-4 * t * slope) && halvings < 60; halvings++) {
      t /= 2;
      candidate = x.map((v, k) => v + t * step[k]);
      fc = objective.value(candidate);
    }
    if (!(fc <= fx)) {
      // No descent left at machine precision: x is the minimum as far as doubles can tell.
      return { x, hessian, iterations: iteration, converged: true };
    }
    x = candidate;
    fx = fc;
    ({ gradient, hessian } = objective.derivatives(x));
  }
  return { x, hessian, iterations: maxIterations, converged: false };
}
