import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TrialLabel } from '@policy-arena/domain';

/** A fresh per-trial secret; tickets for the trial's two relay URLs are derived from it. */
export function newRelaySecret(): string {
  return randomBytes(32).toString('base64url');
}

export function relayTicket(secret: string, trialId: string, label: TrialLabel): string {
  return createHmac('sha256', secret).update(`${trialId}:${label}`).digest('base64url');
}

export function relayTicketValid(
  secret: string,
  trialId: string,
  label: TrialLabel,
  ticket: string,
): boolean {
  const expected = Buffer.from(relayTicket(secret, trialId, label));
  const given = Buffer.from(ticket);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The trial-scoped relay paths handed to the station: they name the trial and a label, nothing else. */
export function relayPaths(secret: string, trialId: string): Record<TrialLabel, string> {
  return {
    A: `/relay/${trialId}/A?ticket=${relayTicket(secret, trialId, 'A')}`,
    B: `/relay/${trialId}/B?ticket=${relayTicket(secret, trialId, 'B')}`,
  };
}
