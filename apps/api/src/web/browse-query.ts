import { z } from 'zod';

const category = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, "_" and "-"')
  .optional();

export const TrialSearch = z.object({
  /** Words of the instruction (case-insensitive substring). */
  q: z.string().trim().max(200).optional(),
  category,
  /** A policy handle (`name@version`) or a policy name (every version). */
  policy: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type TrialSearch = z.infer<typeof TrialSearch>;
/** Same type under another name, for decorator metadata (see LeaderboardController). */
export type TrialSearchInput = TrialSearch;

export const DiagnosticsQuery = z.object({ category });
export type DiagnosticsQuery = z.infer<typeof DiagnosticsQuery>;
export type DiagnosticsQueryInput = DiagnosticsQuery;
