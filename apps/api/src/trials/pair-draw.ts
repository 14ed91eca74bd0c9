import { randomInt } from 'node:crypto';
import type { TrialLabel } from '@policy-arena/domain';
import type { RunOrder } from './trial.entity';

export interface DrawnPair<T> {
  a: T;
  b: T;
  /** The probability with which this unordered pair was drawn. */
  propensity: number;
  runOrder: RunOrder;
}

/**
 * Uniform draw over every eligible unordered pair, then a fair coin for which one is labelled A
 * and another for which label runs first. Labels and order come from a CSPRNG so an evaluator
 * cannot predict them. (Information-gain matchmaking from libs/rating replaces the pair choice
 * once stations exist; the label and order coins stay here.)
 */
export function drawPair<T>(pairs: readonly (readonly [T, T])[]): DrawnPair<T> {
  if (pairs.length === 0) throw new Error('drawPair needs at least one pair');
  const [first, second] = pairs[randomInt(pairs.length)]!;
  const swap = randomInt(2) === 1;
  const firstLabel: TrialLabel = randomInt(2) === 1 ? 'A' : 'B';
  return {
    a: swap ? second : first,
    b: swap ? first : second,
    propensity: 1 / pairs.length,
    runOrder: firstLabel === 'A' ? 'AB' : 'BA',
  };
}
