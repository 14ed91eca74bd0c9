/**
 * Dense linear algebra for the small symmetric positive-definite systems of the rating fits
 * (one row per policy, a few hundred at most). Cholesky is exact and deterministic, which an
 * iterative solver would not be.
 */
export type Matrix = number[][];

export function zeros(rows: number, cols = rows): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** Lower-triangular L with A = L·Lᵀ; throws when A is not positive definite (a bug upstream). */
export function cholesky(a: Matrix): Matrix {
  const n = a.length;
  const l = zeros(n);
  for (let j = 0; j < n; j++) {
    let diag = a[j][j];
    for (let k = 0; k < j; k++) diag -= l[j][k] * l[j][k];
    if (!(diag > 0)) throw new RangeError(`matrix is not positive definite at row ${j}`);
    const ljj = Math.sqrt(diag);
    l[j][j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      l[i][j] = s / ljj;
    }
  }
  return l;
}

/** Solves L·Lᵀ·x = b given the Cholesky factor L. */
export function choleskySolve(l: Matrix, b: readonly number[]): number[] {
  const n = l.length;
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/** Inverse of a symmetric positive-definite matrix, symmetrised against rounding. */
export function inverseSpd(a: Matrix): Matrix {
  const n = a.length;
  const l = cholesky(a);
  const inv = zeros(n);
  const e = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j++) {
    e[j] = 1;
    const col = choleskySolve(l, e);
    e[j] = 0;
    for (let i = 0; i < n; i++) inv[i][j] = col[i];
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = (inv[i][j] + inv[j][i]) / 2;
      inv[i][j] = m;
      inv[j][i] = m;
    }
  }
  return inv;
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const m = b[0]?.length ?? 0;
  const inner = b.length;
  const out = zeros(n, m);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < inner; k++) {
      const aik = a[i][k];
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i][j] += aik * b[k][j];
    }
  }
  return out;
}

/** The sandwich A⁻¹·B·A⁻¹ for symmetric A⁻¹ and B. */
export function sandwich(inv: Matrix, meat: Matrix): Matrix {
  return multiply(multiply(inv, meat), inv);
}
