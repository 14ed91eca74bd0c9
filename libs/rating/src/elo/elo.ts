import type { PairwiseRecord } from '@policy-arena/domain';

export interface EloSettings {
  k: number;
  scale: number;
  base: number;
  initial: number;
}

export const FASTCHAT_ELO: EloSettings = { k: 4, scale: 400, base: 10, initial: 1000 };

/** A record reduced to player indices and A's score (1, 0 or ½). */
export interface EloGame {
  a: number;
  b: number;
  score: number;
}

export function eloScore(winner: PairwiseRecord['winner']): number {
  return winner === 'a' ? 1 : winner === 'b' ? 0 : 0.5;
}

/**
 * The online update exactly as FastChat's compute_elo, over indexed games (the bootstrap reruns it
 * hundreds of times, so no string lookups here). Same operations in the same order as the Python.
 */
export function runElo(games: readonly EloGame[], players: number, settings: EloSettings): Float64Array {
  const rating = new Float64Array(players).fill(settings.initial);
  const { k, scale, base } = settings;
  for (const g of games) {
    const ra = rating[g.a];
    const rb = rating[g.b];
    const ea = 1 / (1 + base ** ((rb - ra) / scale));
    const eb = 1 / (1 + base ** ((ra - rb) / scale));
    rating[g.a] = ra + k * (g.score - ea);
    rating[g.b] = rb + k * (1 - g.score - eb);
  }
  return rating;
}

/**
 * Online Elo as FastChat's compute_elo: one pass in record order, each update using the ratings
 * after the previous one; a tie (and both_bad, FastChat's "tie (bothbad)") scores ½.
 * Order-dependent by design — that is what older boards published.
 */
export function computeElo(
  records: readonly Pick<PairwiseRecord, 'a' | 'b' | 'winner'>[],
  settings: EloSettings = FASTCHAT_ELO,
): Map<string, number> {
  const index = new Map<string, number>();
  const id = (p: string): number => {
    let k = index.get(p);
    if (k === undefined) {
      k = index.size;
      index.set(p, k);
    }
    return k;
  };
  const games = records.map((r) => ({ a: id(r.a), b: id(r.b), score: eloScore(r.winner) }));
  const ratings = runElo(games, index.size, settings);
  return new Map([...index].map(([p, k]) => [p, ratings[k]]));
}
