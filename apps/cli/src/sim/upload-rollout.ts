import { createHash } from 'node:crypto';
import { encodeRolloutBinary, ROLLOUT_BINARY_CONTENT_TYPE, type Rollout } from '@policy-arena/replay';
import { createArtifact, verifyArtifact, type ArenaClient, type ArtifactView } from '@policy-arena/sdk';
import type { TrialLabel } from '@policy-arena/domain';

/** Uploads a rollout the way any station does: announce, PUT to the presigned URL, verify. */
export async function uploadRollout(
  client: ArenaClient,
  trialId: string,
  label: TrialLabel,
  rollout: Rollout,
): Promise<ArtifactView> {
  const bytes = encodeRolloutBinary(rollout);
  const created = await createArtifact(client, trialId, {
    label,
    kind: 'rollout',
    name: `episode-${label.toLowerCase()}-rollout`,
    contentType: ROLLOUT_BINARY_CONTENT_TYPE,
    bytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  if (created.upload.method !== 'PUT') throw new Error('a small rollout should get a single presigned PUT');
  const response = await fetch(created.upload.url, {
    method: 'PUT',
    headers: created.upload.headers,
    body: bytes,
  });
  if (!response.ok) throw new Error(`upload of the ${label} rollout failed: ${response.status}`);
  return verifyArtifact(client, created.artifact.id);
}
