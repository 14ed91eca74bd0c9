import { AccountEntity } from '../accounts/account.entity';
import { ApiKeyEntity } from '../accounts/api-key.entity';
import { ArtifactEntity } from '../artifacts/artifact.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { RatingSnapshotEntity } from '../leaderboard/rating-snapshot.entity';
import { PolicyVersionEntity } from '../policies/policy-version.entity';
import { SiteEntity } from '../sites/site.entity';
import { StationEntity } from '../sites/station.entity';
import { EpisodeEntity } from '../trials/episode.entity';
import { OutcomeEntity } from '../trials/outcome.entity';
import { TrialEntity } from '../trials/trial.entity';

export const entities = [
  SiteEntity,
  StationEntity,
  AccountEntity,
  ApiKeyEntity,
  PolicyVersionEntity,
  TrialEntity,
  EpisodeEntity,
  OutcomeEntity,
  AuditEventEntity,
  RatingSnapshotEntity,
  ArtifactEntity,
];
