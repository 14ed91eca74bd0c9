import { z } from 'zod';

/** One counted trial in the open export and the input of `arena rate` (one JSON object per line). */
export const PairwiseRecord = z.object({
  a: z.string().min(1),
  b: z.string().min(1),
  winner: z.enum(['a', 'b', 'tie', 'both_bad']),
  category: z.string().min(1).optional(),
  evaluator: z.string().min(1).optional(),
  ts: z.string().optional(),
  propensity: z.number().gt(0).lte(1).optional(),
});
export type PairwiseRecord = z.infer<typeof PairwiseRecord>;
