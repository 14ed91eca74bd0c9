import type { AccountRole } from './roles';
import type { PolicyVersionRequirements } from './policy-version';

/**
 * The shapes the API answers with, shared by the server (which builds them) and the SDK (which
 * reads them), so the two cannot drift apart.
 */
export interface AccountView {
  id: string;
  role: AccountRole;
  displayName: string;
  pseudonym: string;
  siteId: string | null;
  createdAt: string;
}

export interface IssuedApiKey {
  id: string;
  label: string;
  /** Shown once; only its hash is stored. */
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

/** What anyone may see of a version: never its endpoint. */
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

/** What the owner (and admins) see: the private endpoint too. */
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
  /** Trials this version was drawn into (any status): what matchmaking actually did. */
  trials: number;
  /** Its share of all trials drawn. Unequal, undisclosed sampling is how boards get gamed. */
  share: number;
}

export interface LeaderboardView {
  snapshotId: string;
  method: string;
  category: string | null;
  params: Record<string, unknown>;
  inputDigest: string;
  trials: number;
  rows: LeaderboardRow[];
  samplingRates: SamplingRate[];
  computedAt: string;
  /** How to recompute this board from the open export. */
  reproduce: string;
}
