import type { PairwiseRecord } from '@policy-arena/domain';
import type { IntegrityReport } from './evaluator-integrity';

export interface DownWeightOptions {
  /**
   * `drop` (default): flagged evaluators' votes weigh 0, everyone else's 1.
   * `reliability`: every evaluator's votes weigh their reliability estimate, flagged ones 0.
   */
  mode?: 'drop' | 'reliability';
  /** Keep the sampler's propensities in the weights (inverse-propensity weighting as well). */
  keepPropensity?: boolean;
}

/**
 * Records re-weighted by evaluator integrity, for `rate(result, { weighting: 'ipw' })`: the rating
 * engine's one per-record weight is 1 / propensity (normalised to mean 1), so a weight w is
 * carried as a propensity ∝ 1 / w, scaled so every propensity stays in (0, 1]. Records of
 * weight 0 are left out; records without an evaluator keep weight 1.
 * (A first-class per-record weight in `rate` would say this more directly.)
 */
export function downWeightEvaluators(
  records: readonly PairwiseRecord[],
  report: IntegrityReport,
  options: DownWeightOptions = {},
): PairwiseRecord[] {
  const byName = new Map(report.evaluators.map((e) => [e.evaluator, e]));
  const weightOf = (r: PairwiseRecord): number => {
    const e = r.evaluator === undefined ? undefined : byName.get(r.evaluator);
    if (!e) return 1;
    if (e.flagged) return 0;
    return options.mode === 'reliability' ? e.reliability : 1;
  };
  const kept = records
    .map((r) => ({ r, w: weightOf(r) / (options.keepPropensity ? (r.propensity ?? 1) : 1) }))
    .filter(({ w }) => w > 0);
  // weight = 1 / propensity ∝ w: propensity = w_min / w lies in (0, 1] for every kept record.
  const smallest = Math.min(...kept.map(({ w }) => w));
  return kept.map(({ r, w }) => ({ ...r, propensity: smallest / w }));
}
