import { sandwich, zeros, type Matrix } from '../math/linalg';

/** One record's contribution to a fit: its score (gradient of its log-likelihood) and information. */
export interface RecordScore {
  /** Parameter indices the record touches (two skills, maybe a tie parameter or deviations). */
  indices: readonly number[];
  score: readonly number[];
  /** Its expected information over `indices` (square, same order). */
  information: readonly (readonly number[])[];
}

/**
 * The sandwich covariance H⁻¹·B·H⁻¹, with two changes from the textbook (HC0) version that the
 * ranking benchmark showed matter at a few trials per policy:
 *
 * - HC2 leverage correction: each record's score outer product is divided by (1 − h_r), with
 *   h_r = tr(J_r·H⁻¹) its leverage. A fitted model over-explains the records it was fitted to, so the
 *   raw residuals are too small; HC0 covered only 87% at 60 trials over 12 policies, HC2 with the
 *   prior term below 93.6%, and both converge to the same value as data grows.
 * - The prior counts as virtual data that fits its own model exactly, so its precision enters the
 *   meat as well as the bread. Without it an unidentified direction (a disconnected component, a
 *   pair seen only as ties) would get zero variance instead of the prior's.
 */
export function robustCovariance(
  modelCovariance: Matrix,
  records: Iterable<RecordScore>,
  priorPrecision: readonly number[],
): Matrix {
  const dim = modelCovariance.length;
  const meat = zeros(dim);
  for (let k = 0; k < dim; k++) meat[k][k] = priorPrecision[k];
  for (const record of records) {
    const { indices, score, information } = record;
    let leverage = 0;
    for (let a = 0; a < indices.length; a++) {
      for (let b = 0; b < indices.length; b++)
        leverage += information[a][b] * modelCovariance[indices[b]][indices[a]];
    }
    // h < 1 always (the prior keeps every direction's information above the record's own share);
    // the clamp only guards against rounding.
    const scale = 1 / Math.max(1e-6, 1 - leverage);
    for (let a = 0; a < indices.length; a++) {
      for (let b = 0; b < indices.length; b++) meat[indices[a]][indices[b]] += scale * score[a] * score[b];
    }
  }
  return sandwich(modelCovariance, meat);
}
