export type {
  AccountView,
  CreatedAccount,
  IssuedApiKey,
  LeaderboardRow,
  OwnedPolicyVersionView,
  PublicPolicyVersionView,
  SamplingRate,
  SiteView,
} from '@policy-arena/domain';
import type { LeaderboardView } from '@policy-arena/domain';

export interface Health {
  status: 'ok' | 'unhealthy';
  checks: { database: string; objectStorage: string };
}

/** A published leaderboard snapshot. */
export type Leaderboard = LeaderboardView;
