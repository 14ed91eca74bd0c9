import {
  policyVersionHandle,
  type BlindTrialView,
  type TrialLabel,
  type TrialReveal,
  type TrialStatus,
} from '@policy-arena/domain';
import { relayPaths } from '../relay/relay-ticket';
import type { EpisodeEntity } from './episode.entity';
import type { OutcomeEntity } from './outcome.entity';
import type { TrialEntity } from './trial.entity';

export interface TrialView extends BlindTrialView {
  leaseExpiresAt: string | null;
  /** While running: the trial-scoped relay paths through which the station reaches policy A and B. */
  relay?: Record<TrialLabel, string>;
  /** Present only once the outcome is in: which versions A and B were. */
  reveal?: TrialReveal;
}

export function effectiveStatus(trial: TrialEntity, now = new Date()): TrialStatus {
  return trial.status === 'running' && trial.leaseExpiresAt <= now ? 'expired' : trial.status;
}

/**
 * Builds what the evaluator sees. Before the outcome it holds only fields that are identical in
 * distribution for every pair — never an id, name, owner or endpoint of a policy.
 */
export function toTrialView(
  trial: TrialEntity,
  episodes: EpisodeEntity[],
  outcome: OutcomeEntity | null,
): TrialView {
  const status = effectiveStatus(trial);
  const view: TrialView = {
    id: trial.id,
    instruction: trial.instruction,
    category: trial.category,
    status,
    runOrder: trial.runOrder === 'AB' ? ['A', 'B'] : ['B', 'A'],
    leaseExpiresAt: status === 'running' ? trial.leaseExpiresAt.toISOString() : null,
    episodes: [...episodes]
      .sort((x, y) => (x.label < y.label ? -1 : 1))
      .map((e) => ({ label: e.label, progress: e.progress, success: e.success })),
  };
  if (status === 'running' && trial.relaySecret) view.relay = relayPaths(trial.relaySecret, trial.id);
  if (outcome) view.reveal = toReveal(trial, outcome);
  return view;
}

export function toReveal(trial: TrialEntity, outcome: Pick<OutcomeEntity, 'preference'>): TrialReveal {
  if (!trial.policyA || !trial.policyB)
    throw new Error('toReveal needs the trial loaded with policyA and policyB');
  return {
    trialId: trial.id,
    preference: outcome.preference,
    policies: [
      {
        label: 'A',
        policyVersionId: trial.policyA.id,
        handle: policyVersionHandle(trial.policyA.name, trial.policyA.version),
      },
      {
        label: 'B',
        policyVersionId: trial.policyB.id,
        handle: policyVersionHandle(trial.policyB.name, trial.policyB.version),
      },
    ],
  };
}
