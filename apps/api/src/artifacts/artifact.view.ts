import type { TrialLabel } from '@policy-arena/domain';
import type { ArtifactEntity, ArtifactState } from './artifact.entity';

export interface ArtifactView {
  id: string;
  trialId: string;
  label: TrialLabel;
  kind: string;
  name: string;
  contentType: string;
  bytes: number;
  sha256: string;
  state: ArtifactState;
  /** Set once verified: the episode the artifact is attached to. */
  episodeId: string | null;
  rejection: string | null;
  createdAt: string;
  verifiedAt: string | null;
}

/** Where and how to send the bytes. */
export type UploadInstructions =
  | { method: 'PUT'; url: string; headers: Record<string, string>; expiresAt: string }
  | { method: 'multipart'; partBytes: number; partCount: number };

export interface CreatedArtifactView {
  artifact: ArtifactView;
  upload: UploadInstructions;
}

export function toArtifactView(a: ArtifactEntity): ArtifactView {
  return {
    id: a.id,
    trialId: a.trialId,
    label: a.label,
    kind: a.kind,
    name: a.name,
    contentType: a.contentType,
    bytes: a.bytes,
    sha256: a.sha256,
    state: a.state,
    episodeId: a.episodeId,
    rejection: a.rejection,
    createdAt: a.createdAt.toISOString(),
    verifiedAt: a.verifiedAt?.toISOString() ?? null,
  };
}

export interface ArtifactLink {
  id: string;
  kind: string;
  name: string;
  contentType: string;
  bytes: number;
  sha256: string;
  /** Presigned GET, valid until the manifest's expiresAt. */
  url: string;
}

/** Everything the replay viewer needs for one completed trial, and nothing about who ran it. */
export interface ReplayManifest {
  trialId: string;
  instruction: string;
  category: string | null;
  completedAt: string | null;
  expiresAt: string;
  episodes: {
    label: TrialLabel;
    progress: number;
    success: boolean;
    rollout: ArtifactLink | null;
    videos: ArtifactLink[];
  }[];
}
