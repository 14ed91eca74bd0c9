import type {
  BlindTrialView,
  CreateAccount,
  CreateSite,
  CreateTrial,
  RecordEpisode,
  SubmitOutcome,
  TrialReveal,
} from '@policy-arena/domain';
import { z } from 'zod';
import { ArenaApiError } from './arena-api-error';
import type {
  CreatedAccount,
  Health,
  IssuedApiKey,
  Leaderboard,
  OwnedPolicyVersionView,
  PublicPolicyVersionView,
  SiteView,
  AccountView,
} from './api-types';
import { RegisterPolicyVersion } from '@policy-arena/domain';

export interface TrialView extends BlindTrialView {
  leaseExpiresAt: string | null;
  relay?: { A: string; B: string };
  reveal?: TrialReveal;
}

export interface ArenaClientOptions {
  baseUrl: string;
  apiKey?: string;
  fetch?: typeof fetch;
}

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Typed client for the REST API, used by the CLI, the web app and the tests. */
export class ArenaClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ArenaClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    // Called through a wrapper: browsers refuse `fetch` invoked as a method of another object.
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The same client speaking with another key. */
  as(apiKey: string): ArenaClient {
    return new ArenaClient({ ...this.options, apiKey });
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const response = await this.fetchImpl(`${this.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed: unknown =
      text.length > 0 && /^application\/(problem\+)?json/.test(response.headers.get('content-type') ?? '')
        ? JSON.parse(text)
        : text;
    if (!response.ok)
      throw new ArenaApiError(response.status, parsed as ArenaApiError['body'], response.headers);
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    return (await this.request<T>(method, path, body, headers)).body;
  }

  health(): Promise<Health> {
    return this.call('GET', '/health');
  }

  bootstrapAdmin(token: string, displayName?: string): Promise<CreatedAccount> {
    return this.call('POST', '/api/v1/admin/bootstrap', { token, ...(displayName ? { displayName } : {}) });
  }

  me(): Promise<AccountView> {
    return this.call('GET', '/api/v1/accounts/me');
  }

  createSite(input: CreateSite): Promise<SiteView> {
    return this.call('POST', '/api/v1/sites', input);
  }

  createAccount(input: CreateAccount): Promise<CreatedAccount> {
    return this.call('POST', '/api/v1/accounts', input);
  }

  issueApiKey(accountId: string, label = 'default'): Promise<IssuedApiKey> {
    return this.call('POST', `/api/v1/accounts/${accountId}/keys`, { label });
  }

  revokeApiKey(keyId: string): Promise<{ id: string; revokedAt: string }> {
    return this.call('DELETE', `/api/v1/api-keys/${keyId}`);
  }

  registerPolicyVersion(input: z.input<typeof RegisterPolicyVersion>): Promise<OwnedPolicyVersionView> {
    return this.call('POST', '/api/v1/policy-versions', input);
  }

  listPolicyVersions(): Promise<PublicPolicyVersionView[]> {
    return this.call('GET', '/api/v1/policy-versions');
  }

  myPolicyVersions(): Promise<OwnedPolicyVersionView[]> {
    return this.call('GET', '/api/v1/policy-versions/mine');
  }

  startTrial(input: CreateTrial): Promise<TrialView> {
    return this.call('POST', '/api/v1/trials', input);
  }

  getTrial(trialId: string): Promise<TrialView> {
    return this.call('GET', `/api/v1/trials/${trialId}`);
  }

  heartbeat(trialId: string): Promise<TrialView> {
    return this.call('POST', `/api/v1/trials/${trialId}/heartbeat`);
  }

  recordEpisode(trialId: string, input: RecordEpisode): Promise<TrialView> {
    return this.call('POST', `/api/v1/trials/${trialId}/episodes`, input);
  }

  /** Send the same idempotencyKey when retrying: the outcome is then counted once. */
  submitOutcome(trialId: string, input: SubmitOutcome, idempotencyKey: string): Promise<Answer<TrialReveal>> {
    return this.request('POST', `/api/v1/trials/${trialId}/outcome`, input, {
      'idempotency-key': idempotencyKey,
    });
  }

  leaderboard(query: { method?: string; category?: string } = {}): Promise<Leaderboard> {
    const params = new URLSearchParams(
      Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][],
    );
    return this.call('GET', `/api/v1/leaderboard${params.size > 0 ? `?${params}` : ''}`);
  }

  leaderboardSnapshot(snapshotId: string): Promise<Leaderboard> {
    return this.call('GET', `/api/v1/leaderboard/snapshots/${snapshotId}`);
  }

  async exportTrials(): Promise<string> {
    return (await this.request<string>('GET', '/api/v1/export/trials.jsonl')).body;
  }

  createStation(
    siteId: string,
    input: { name: string; embodiment: string; cameras?: ('wrist' | 'exterior_1' | 'exterior_2')[] },
  ): Promise<{
    station: { id: string; siteId: string; name: string; embodiment: string; cameras: string[] };
    token: string;
  }> {
    return this.call('POST', `/api/v1/sites/${siteId}/stations`, input);
  }

  setPolicyVersionStatus(
    versionId: string,
    status: 'active' | 'paused' | 'retired',
  ): Promise<OwnedPolicyVersionView> {
    return this.call('PATCH', `/api/v1/policy-versions/${versionId}`, { status });
  }

  /** Tells the platform where a version's policy server runs now. */
  movePolicyVersion(versionId: string, endpoint: string): Promise<OwnedPolicyVersionView> {
    return this.call('PATCH', `/api/v1/policy-versions/${versionId}`, { endpoint });
  }

  withdrawPolicyVersion(versionId: string): Promise<void> {
    return this.call('DELETE', `/api/v1/policy-versions/${versionId}`);
  }

  voidTrial(trialId: string, reason: string): Promise<TrialView> {
    return this.call('POST', `/api/v1/trials/${trialId}/void`, { reason });
  }
}
