/**
 * Maximises Σy subject to A·y ≤ 1, y ≥ 0, for A with positive entries (so the origin is feasible
 * and the optimum bounded). Dense tableau with Bland's rule: it cannot cycle, and the pivot
 * sequence depends only on A, so the answer is deterministic.
 */
export function maximiseUnitPacking(a: readonly (readonly number[])[]): number[] {
  const rows = a.length;
  const cols = a[0]?.length ?? 0;
  const eps = 1e-12;
  // Tableau columns: y (cols), slacks (rows), right-hand side.
  const t = a.map((row, r) => [...row, ...a.map((_, s) => (s === r ? 1 : 0)), 1]);
  const objective = [...new Array<number>(cols).fill(-1), ...new Array<number>(rows).fill(0), 0];
  const basis = a.map((_, r) => cols + r);
  for (let guard = 0; guard < 10_000; guard++) {
    const entering = objective.findIndex((v, k) => k < cols + rows && v < -eps);
    if (entering < 0) break;
    let leaving = -1;
    let best = Infinity;
    for (let r = 0; r < rows; r++) {
      const coefficient = t[r][entering];
      if (coefficient <= eps) continue;
      const ratio = t[r][cols + rows] / coefficient;
      if (ratio < best - eps || (Math.abs(ratio - best) <= eps && basis[r] < basis[leaving])) {
        best = ratio;
        leaving = r;
      }
    }
    if (leaving < 0) throw new Error('internal: unbounded packing LP (A must be positive)');
    const pivot = t[leaving][entering];
    t[leaving] = t[leaving].map((v) => v / pivot);
    for (let r = 0; r < rows; r++) {
      if (r === leaving) continue;
      const factor = t[r][entering];
      if (factor !== 0) t[r] = t[r].map((v, k) => v - factor * t[leaving][k]);
    }
    const factor = objective[entering];
    for (let k = 0; k < objective.length; k++) objective[k] -= factor * t[leaving][k];
    basis[leaving] = entering;
  }
  const y = new Array<number>(cols).fill(0);
  basis.forEach((variable, r) => {
    if (variable < cols) y[variable] = t[r][cols + rows];
  });
  return y;
}
