import type { PolicyVersionRequirements } from '@policy-arena/domain';

export interface Health {
  status: 'ok' | 'unhealthy';
  checks: { database: string; objectStorage: string };
}

export interface AccountView {
  id: string;
  role: 'admin' | 'researcher' | 'evaluator';
  displayName: string;
  pseudonym: string;
  siteId: string | null;
  createdAt: string;
}

export interface IssuedApiKey {
  id: string;
  label: string;
  key: string;
  createdAt: string;
}

export interface CreatedAccount {
  account: AccountView;
  apiKey: IssuedApiKey;
}

export interface SiteView {
  id: string;
  slug: string;
  name: string;
  createdAt: string;
}

export interface PublicPolicyVersionView {
  id: string;
  handle: string;
  name: string;
  version: string;
  artifactDigest: string;
  embodiment: string;
  requirements: PolicyVersionRequirements;
  status: string;
  createdAt: string;
}

export interface OwnedPolicyVersionView extends PublicPolicyVersionView {
  endpoint: string;
  description: string | null;
  ownerId: string;
}

export interface LeaderboardRow {
  policy: string;
  rating: number;
  ci: [number, number];
  rank: number;
  rankRange: [number, number];
  n: number;
  wins: number;
  losses: number;
  ties: number;
}

export interface SamplingRate {
  policy: string;
  trials: number;
  share: number;
}

export interface Leaderboard {
  snapshotId: string;
  method: string;
  category: string | null;
  params: Record<string, unknown>;
  inputDigest: string;
  trials: number;
  rows: LeaderboardRow[];
  samplingRates: SamplingRate[];
  computedAt: string;
  reproduce: string;
}
