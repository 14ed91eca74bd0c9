import { createHash, randomUUID } from 'node:crypto';
import { createArtifact, verifyArtifact, type ArenaClient, type TrialView } from '@policy-arena/sdk';
import type { TrialLabel } from '@policy-arena/domain';

export interface EpisodeFile {
  bytes: Uint8Array;
  contentType: 'application/json' | 'application/x-arena-rollout';
}

/**
 * A completed trial whose episodes have verified rollouts, uploaded the way a station does it:
 * announce, PUT to the presigned URL, verify.
 */
export async function completedTrialWithRollouts(
  evaluator: ArenaClient,
  files: Record<TrialLabel, EpisodeFile>,
): Promise<TrialView> {
  const trial = await evaluator.startTrial({ instruction: 'put the red cup in the bowl' });
  for (const label of trial.runOrder) {
    await evaluator.recordEpisode(trial.id, {
      label,
      progress: label === 'A' ? 100 : 40,
      success: label === 'A',
    });
    const file = files[label];
    const created = await createArtifact(evaluator, trial.id, {
      label,
      kind: 'rollout',
      contentType: file.contentType,
      bytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
    });
    if (created.upload.method !== 'PUT') throw new Error('expected a single PUT');
    const put = await fetch(created.upload.url, {
      method: 'PUT',
      body: file.bytes,
      headers: created.upload.headers,
    });
    if (!put.ok) throw new Error(`upload failed: ${put.status}`);
    await verifyArtifact(evaluator, created.artifact.id);
  }
  await evaluator.submitOutcome(trial.id, { preference: 'A', reason: 'A placed the cup' }, randomUUID());
  return trial;
}
