import type {
  ArtifactKind,
  ArtifactView,
  CreatedArtifact,
  ReplayManifest,
  TrialLabel,
} from '@policy-arena/domain';

export type {
  ArtifactKind,
  ArtifactLink,
  ArtifactState,
  ArtifactView,
  CreatedArtifact,
  ReplayManifest,
  UploadInstructions,
} from '@policy-arena/domain';
import type { ArenaClient } from './arena-client';

export interface NewArtifact {
  label: TrialLabel;
  kind: ArtifactKind;
  name?: string;
  contentType: string;
  bytes: number;
  /** Hex SHA-256 of the file. */
  sha256: string;
  multipart?: boolean;
  partBytes?: number;
}

// Artifact calls as functions over a client (not methods), so this feature stays in its own file.

/** Announces an upload; the answer says where to send the bytes (one PUT, or parts). */
export async function createArtifact(
  client: ArenaClient,
  trialId: string,
  input: NewArtifact,
): Promise<CreatedArtifact> {
  return (await client.request<CreatedArtifact>('POST', `/api/v1/trials/${trialId}/artifacts`, input)).body;
}

export async function presignArtifactParts(
  client: ArenaClient,
  artifactId: string,
  partNumbers: number[],
): Promise<{ parts: { partNumber: number; url: string }[] }> {
  return (
    await client.request<{ parts: { partNumber: number; url: string }[] }>(
      'POST',
      `/api/v1/artifacts/${artifactId}/parts`,
      { partNumbers },
    )
  ).body;
}

/** Assembles a multipart upload and verifies it (422 with details when the object is refused). */
export async function completeArtifact(
  client: ArenaClient,
  artifactId: string,
  parts: { partNumber: number; etag: string }[],
): Promise<ArtifactView> {
  return (await client.request<ArtifactView>('POST', `/api/v1/artifacts/${artifactId}/complete`, { parts }))
    .body;
}

/** Checks an uploaded object (size, type, SHA-256, format) and attaches it to its episode. */
export async function verifyArtifact(client: ArenaClient, artifactId: string): Promise<ArtifactView> {
  return (await client.request<ArtifactView>('POST', `/api/v1/artifacts/${artifactId}/verify`)).body;
}

export async function listTrialArtifacts(client: ArenaClient, trialId: string): Promise<ArtifactView[]> {
  return (await client.request<ArtifactView[]>('GET', `/api/v1/trials/${trialId}/artifacts`)).body;
}

/** Public, for completed trials only: rollouts and videos of both episodes with presigned URLs. */
export async function replayManifest(client: ArenaClient, trialId: string): Promise<ReplayManifest> {
  return (await client.request<ReplayManifest>('GET', `/api/v1/trials/${trialId}/replay`)).body;
}
