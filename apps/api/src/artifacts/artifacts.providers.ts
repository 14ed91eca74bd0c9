import { ArtifactCleanupService } from './artifact-cleanup.service';
import { ArtifactObjectsService } from './artifact-objects.service';
import { ArtifactVerifierService } from './artifact-verifier.service';
import { ArtifactService } from './artifact.service';
import { ArtifactsController } from './artifacts.controller';
import { ReplayBundleService } from './replay-bundle.service';
import { ReplayPageController } from './replay-page.controller';

/** Everything the artifacts feature adds to the app module (it uses the app's ObjectStorageService). */
export const artifactControllers = [ArtifactsController, ReplayPageController];
export const artifactProviders = [
  ArtifactObjectsService,
  ArtifactVerifierService,
  ArtifactService,
  ArtifactCleanupService,
  ReplayBundleService,
];
