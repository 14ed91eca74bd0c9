import { z } from 'zod';
import { cameraKinds } from './policy-version';
import { CreateTrial, Preference, RecordEpisode } from './trial';

export const CreateStation = z.object({
  name: z.string().trim().min(1).max(200),
  embodiment: z.string().trim().min(1).max(100),
  cameras: z.array(z.enum(cameraKinds)).max(3).default([]),
});
export type CreateStation = z.infer<typeof CreateStation>;

/**
 * The `/stations` socket.io protocol. A station connects with `auth: { stationToken, apiKey }`
 * (the robot's token and the evaluator operating it); every request is acknowledged with
 * `{ ok: true, ... }` or `{ ok: false, error: { statusCode, error, message, details? } }`.
 */
export const stationEvents = {
  startTrial: 'trial:start',
  getTrial: 'trial:get',
  currentTrial: 'trial:current',
  abandonTrial: 'trial:abandon',
  heartbeat: 'trial:heartbeat',
  recordEpisode: 'episode:record',
  submitOutcome: 'outcome:submit',
} as const;

export const StationStartTrial = CreateTrial.omit({ stationId: true });
export const StationTrialRef = z.object({ trialId: z.uuid() });
export const StationRecordEpisode = RecordEpisode.extend({ trialId: z.uuid() });
export const StationSubmitOutcome = z.object({
  trialId: z.uuid(),
  preference: Preference,
  reason: z.string().trim().min(1).max(10_000),
  idempotencyKey: z.string().regex(/^[\x21-\x7e]{1,200}$/, '1–200 visible ASCII characters'),
});
export type StationSubmitOutcome = z.infer<typeof StationSubmitOutcome>;
