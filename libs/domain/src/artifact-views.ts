import type { TrialLabel } from './trial';

// Artifacts (rollouts, videos, images) as the API answers about them: shared by the server and
// the SDK, the web app and the viewer.

export type ArtifactKind = 'rollout' | 'video' | 'image';
export type ArtifactState = 'pending' | 'verified' | 'rejected';

export interface ArtifactView {
  id: string;
  trialId: string;
  label: TrialLabel;
  kind: ArtifactKind;
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

export interface CreatedArtifact {
  artifact: ArtifactView;
  upload: UploadInstructions;
}

export interface ArtifactLink {
  id: string;
  kind: ArtifactKind;
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
