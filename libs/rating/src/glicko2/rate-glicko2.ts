import type { PairwiseRecord } from '@policy-arena/domain';
import { zForLevel } from '../ci/normal-intervals';
import { buildComparisons } from '../data/comparisons';
import type { ResolvedOptions } from '../options';
import { ELO_BASE_RATING } from '../scale';
import { buildRows } from '../table';
import type { RatingTable } from '../types';
import { runGlicko2, type GlickoGame, type GlickoSystem } from './glicko2-runner';
import { splitPeriods } from './periods';

/**
 * Glicko-2 starts everyone at 1000 (not Glicko's 1500) with RD 350 and volatility 0.06. Its scale
 * constant 173.7178 = 400/ln 10 is the Elo scale of the BT board, so the two read alike — but the
 * mean is not re-centred. Interval: rating ± z·RD.
 */
export const GLICKO_INITIAL = { rating: ELO_BASE_RATING, rd: 350, vol: 0.06 };

function score(winner: PairwiseRecord['winner']): number {
  return winner === 'a' ? 1 : winner === 'b' ? 0 : 0.5;
}

export function rateGlicko2(
  records: readonly PairwiseRecord[],
  options: ResolvedOptions,
): Pick<RatingTable, 'rows' | 'params'> {
  const { policies, tallies } = buildComparisons(records);
  const split = splitPeriods(records, options.period);
  const system: GlickoSystem = { tau: options.tau, initial: GLICKO_INITIAL };
  const games = split.periods.map((period) => period.map((r): GlickoGame => [r.a, r.b, score(r.winner)]));
  const states = runGlicko2(games, system);
  const z = zForLevel(options.level);
  const ratings = policies.map((p) => states.get(p)?.rating ?? GLICKO_INITIAL.rating);
  const intervals = policies.map((p, k): [number, number] => {
    const rd = states.get(p)?.rd ?? GLICKO_INITIAL.rd;
    return [ratings[k] - z * rd, ratings[k] + z * rd];
  });
  return {
    rows: buildRows({ policies, ratings, intervals, tallies }),
    params: {
      ...GLICKO_INITIAL,
      tau: options.tau,
      periodBy: split.by,
      ...(split.size !== undefined ? { periodSize: split.size } : {}),
      periods: split.periods.length,
      ci: 'rating ± z·RD',
      level: options.level,
    },
  };
}
