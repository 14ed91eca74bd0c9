import { RATING_METHODS } from '@policy-arena/rating';
import { z } from 'zod';

export const LeaderboardQuery = z.object({
  method: z.enum(RATING_METHODS).default('bt'),
  category: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, "_" and "-"')
    .optional(),
});
export type LeaderboardQuery = z.infer<typeof LeaderboardQuery>;

/** Same type under another name, for decorator metadata (see LeaderboardController). */
export type LeaderboardQueryInput = LeaderboardQuery;
