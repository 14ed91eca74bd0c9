import { z } from 'zod';

export const trialLabels = ['A', 'B'] as const;
export const TrialLabel = z.enum(trialLabels);
export type TrialLabel = z.infer<typeof TrialLabel>;

export const preferences = ['A', 'B', 'tie', 'both_bad'] as const;
export const Preference = z.enum(preferences);
export type Preference = z.infer<typeof Preference>;

export const trialStatuses = ['running', 'completed', 'expired', 'voided'] as const;
export type TrialStatus = (typeof trialStatuses)[number];

export const CreateTrial = z.object({
  instruction: z.string().trim().min(1).max(2000),
  category: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, "_" and "-"')
    .optional(),
  stationId: z.uuid().optional(),
});
export type CreateTrial = z.infer<typeof CreateTrial>;

export const RecordEpisode = z.object({
  label: TrialLabel,
  progress: z.number().int().min(0).max(100),
  success: z.boolean(),
  durationSeconds: z.number().min(0).max(86_400).optional(),
  notes: z.string().max(5000).optional(),
});
export type RecordEpisode = z.infer<typeof RecordEpisode>;

export const SubmitOutcome = z.object({
  preference: Preference,
  reason: z.string().trim().min(1).max(10_000),
});
export type SubmitOutcome = z.infer<typeof SubmitOutcome>;

/**
 * What an evaluator sees of a trial before the outcome: opaque labels and a run order, nothing
 * that tells the two policies apart. Every field here must be safe to show blind.
 */
export interface BlindTrialView {
  id: string;
  instruction: string;
  category: string | null;
  status: TrialStatus;
  runOrder: [TrialLabel, TrialLabel];
  episodes: { label: TrialLabel; progress: number; success: boolean }[];
}

export interface RevealedPolicy {
  label: TrialLabel;
  policyVersionId: string;
  handle: string;
}

export interface TrialReveal {
  trialId: string;
  preference: Preference;
  policies: [RevealedPolicy, RevealedPolicy];
}

export const VoidTrial = z.object({
  reason: z.string().trim().min(1).max(5000),
});
export type VoidTrial = z.infer<typeof VoidTrial>;
