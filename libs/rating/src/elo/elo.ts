import type { PairwiseRecord } from '@policy-arena/domain';

export interface EloSettings {
  k: number;
  scale: number;
  base: number;
  initial: number;
}

export const FASTCHAT_ELO: EloSettings = { k: 4, scale: 400, base: 10, initial: 1000 };

/**
 * Online Elo exactly as FastChat's compute_elo: one pass in record order, each update using the
 * ratings after the previous one; a tie (and both_bad, FastChat's "tie (bothbad)") scores ½.
 * Order-dependent by design — that is what older boards published.
 */
export function computeElo(
  records: readonly Pick<PairwiseRecord, 'a' | 'b' | 'winner'>[],
  settings: EloSettings = FASTCHAT_ELO,
): Map<string, number> {
  const rating = new Map<string, number>();
  const get = (p: string): number => rating.get(p) ?? settings.initial;
  for (const r of records) {
    const ra = get(r.a);
    const rb = get(r.b);
    const ea = 1 / (1 + settings.base ** ((rb - ra) / settings.scale));
    const eb = 1 / (1 + settings.base ** ((ra - rb) / settings.scale));
    const sa = r.winner === 'a' ? 1 : r.winner === 'b' ? 0 : 0.5;
    rating.set(r.a, ra + settings.k * (sa - ea));
    rating.set(r.b, rb + settings.k * (1 - sa - eb));
  }
  return rating;
}
