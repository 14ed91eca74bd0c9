import type {
  ArtifactKind,
  ArtifactLink,
  ArtifactView,
  CreatedArtifact,
  ReplayManifest,
  UploadInstructions,
} from '@policy-arena/domain';
import type { ArtifactEntity } from './artifact.entity';

export type { ArtifactLink, ArtifactView, ReplayManifest, UploadInstructions };
/** The answer to announcing an upload. */
export type CreatedArtifactView = CreatedArtifact;

export function toArtifactView(a: ArtifactEntity): ArtifactView {
  return {
    id: a.id,
    trialId: a.trialId,
    label: a.label,
    kind: a.kind as ArtifactKind,
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
