import type { Preference } from '@policy-arena/domain';
import type { SimRandom } from './random';
import type { SimEvaluator } from './world';

export interface JudgedEpisode {
  progress: number;
  success: boolean;
  /** Whether this episode ran first (what an order-biased evaluator leans towards). */
  ranFirst: boolean;
  /** Whether its actions carried the signed policy's trace (only a rigging evaluator looks). */
  signed: boolean;
  /** Points added to what an honest evaluator perceives (offline intransitivity); default 0. */
  edge?: number;
}

export interface Judgement {
  preference: Preference;
  reason: string;
}

const TIE_MARGIN = 8;
const BOTH_BAD_BELOW = 25;

/**
 * How a simulated evaluator turns two episodes into a preference. Honest: perceived progress
 * (plus a bonus for success, noise, and a lean towards whatever ran first); close calls are ties,
 * two poor runs are "both bad". Riggers vote for the signed policy whenever they spot it; random
 * voters ignore what they saw.
 */
export function judge(
  evaluator: SimEvaluator,
  a: JudgedEpisode,
  b: JudgedEpisode,
  rng: SimRandom,
): Judgement {
  if (evaluator.kind === 'random') {
    const preference = rng.pick(['A', 'B', 'tie'] as const);
    return { preference, reason: 'hard to say' };
  }
  if (evaluator.kind === 'favours' && a.signed !== b.signed) {
    return { preference: a.signed ? 'A' : 'B', reason: 'clearly the better policy' };
  }
  const perceive = (e: JudgedEpisode) =>
    e.progress +
    (e.success ? 20 : 0) +
    (e.edge ?? 0) +
    rng.normal(0, evaluator.noise) +
    (e.ranFirst ? evaluator.orderBias : 0);
  const pa = perceive(a);
  const pb = perceive(b);
  if (Math.max(pa, pb) < BOTH_BAD_BELOW)
    return { preference: 'both_bad', reason: 'neither got close to the object' };
  if (Math.abs(pa - pb) < TIE_MARGIN) return { preference: 'tie', reason: 'both made similar progress' };
  const winner = pa > pb ? 'A' : 'B';
  const w = winner === 'A' ? a : b;
  return {
    preference: winner,
    reason: w.success
      ? `${winner} completed the task`
      : `${winner} got closer (${w.progress}% vs ${(winner === 'A' ? b : a).progress}%)`,
  };
}
