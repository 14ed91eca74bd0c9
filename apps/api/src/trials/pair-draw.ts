import { randomInt } from 'node:crypto';
import type { TrialLabel } from '@policy-arena/domain';
import type { RunOrder } from './trial.entity';

export interface WeightedPair<T> {
  pair: readonly [T, T];
  probability: number;
}

export interface DrawnPair<T> {
  a: T;
  b: T;
  /** The probability with which this unordered pair was drawn (the trial's propensity). */
  propensity: number;
  runOrder: RunOrder;
}

// randomInt accepts ranges below 2^48.
const RESOLUTION = 2 ** 47;

/**
 * Draws a pair from the matchmaker's distribution, then flips a fair coin for which one is
 * labelled A and another for which label runs first. Everything comes from a CSPRNG, so an
 * evaluator cannot predict labels or order from anything they saw before.
 */
export function drawPair<T>(distribution: readonly WeightedPair<T>[]): DrawnPair<T> {
  if (distribution.length === 0) throw new Error('drawPair needs at least one pair');
  const total = distribution.reduce((s, d) => s + d.probability, 0);
  const u = (randomInt(RESOLUTION) / RESOLUTION) * total;
  let cumulative = 0;
  let chosen = distribution[distribution.length - 1]!;
  for (const entry of distribution) {
    cumulative += entry.probability;
    if (u < cumulative) {
      chosen = entry;
      break;
    }
  }
  const [first, second] = chosen.pair;
  const swap = randomInt(2) === 1;
  const firstLabel: TrialLabel = randomInt(2) === 1 ? 'A' : 'B';
  return {
    a: swap ? second : first,
    b: swap ? first : second,
    propensity: chosen.probability / total,
    runOrder: firstLabel === 'A' ? 'AB' : 'BA',
  };
}

/** Every pair equally likely. */
export function uniformOver<T>(pairs: readonly (readonly [T, T])[]): WeightedPair<T>[] {
  return pairs.map((pair) => ({ pair, probability: 1 / pairs.length }));
}
