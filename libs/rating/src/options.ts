import type { Weighting } from './data/comparisons';
import { assertPriorSd, DEFAULT_PRIOR_SD } from './bt/prior';
import {
  CI_METHODS,
  RATING_METHODS,
  type CiMethod,
  type PeriodSpec,
  type RateOptions,
  type RatingMethod,
} from './types';

export interface ResolvedOptions {
  method: RatingMethod;
  ci: CiMethod;
  level: number;
  rounds: number;
  seed: number | string;
  category: string | undefined;
  weighting: Weighting;
  priorSd: number;
  k: number;
  period: PeriodSpec;
  tau: number;
  categorySd: number;
}

function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value))
    throw new RangeError(`${name}: expected one of ${allowed.join('|')}, got ${String(value)}`);
  return value;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value))
    throw new RangeError(`${name}: expected a positive number, got ${value}`);
  return value;
}

/** Fills defaults and rejects bad settings with a message naming the option and what it accepts. */
export function resolveOptions(options: RateOptions = {}): ResolvedOptions {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`level: expected a number in (0, 1), got ${level}`);
  const rounds = options.rounds ?? 100;
  if (!Number.isInteger(rounds) || rounds < 2 || rounds > 100_000) {
    throw new RangeError(`rounds: expected an integer from 2 to 100000, got ${rounds}`);
  }
  const priorSd = options.priorSd ?? DEFAULT_PRIOR_SD;
  assertPriorSd(priorSd);
  const period = options.period ?? 'auto';
  if (
    typeof period === 'number'
      ? !Number.isInteger(period) || period < 1
      : period !== 'auto' && period !== 'day'
  ) {
    throw new RangeError(
      `period: expected auto|day or a positive integer number of trials, got ${String(period)}`,
    );
  }
  const seed = options.seed ?? 0;
  if (typeof seed === 'number' && !Number.isFinite(seed))
    throw new RangeError(`seed: expected a finite number or a string`);
  return {
    method: oneOf('method', options.method, RATING_METHODS, 'bt'),
    ci: oneOf('ci', options.ci, CI_METHODS, 'sandwich'),
    level,
    rounds,
    seed,
    category: options.category,
    weighting: oneOf('weighting', options.weighting, ['none', 'ipw'] as const, 'none'),
    priorSd,
    k: positive('k', options.k, 4),
    period,
    tau: positive('tau', options.tau, 0.5),
    categorySd: positive('categorySd', options.categorySd, 0.5),
  };
}
