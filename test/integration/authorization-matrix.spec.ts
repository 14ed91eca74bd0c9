import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ArenaClient, TrialView } from '@policy-arena/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, digestOf, type ArenaWorld } from './support/arena-world';
import { completeTrial } from './support/complete-trial';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

/**
 * Who calls. `researcher` owns the world's policy versions and `evaluator` runs the trials and
 * owns the account whose keys are managed; the `other…` principals have the same role but own
 * nothing of it.
 */
const principals = [
  'anonymous',
  'admin',
  'researcher',
  'otherResearcher',
  'evaluator',
  'otherEvaluator',
] as const;
type Principal = (typeof principals)[number];

/** `allow`: the route runs (2xx/3xx, or a 4xx about the input or state — never 401/403/404). */
type Expected = 'allow' | 401 | 403 | 404;
type Access = Record<Principal, Expected>;

const PUBLIC: Access = {
  anonymous: 'allow',
  admin: 'allow',
  researcher: 'allow',
  otherResearcher: 'allow',
  evaluator: 'allow',
  otherEvaluator: 'allow',
};
const ANY_KEY: Access = { ...PUBLIC, anonymous: 401 };
const ADMIN_ONLY: Access = {
  anonymous: 401,
  admin: 'allow',
  researcher: 403,
  otherResearcher: 403,
  evaluator: 403,
  otherEvaluator: 403,
};
const RESEARCHERS: Access = { ...ADMIN_ONLY, researcher: 'allow', otherResearcher: 'allow' };
const VERSION_OWNER: Access = { ...ADMIN_ONLY, researcher: 'allow' };
const EVALUATORS: Access = { ...ADMIN_ONLY, admin: 403, evaluator: 'allow', otherEvaluator: 'allow' };
/** The trial's (or artifact's) own evaluator; anyone else's trial does not exist for them. */
const TRIAL_OWNER: Access = { ...ADMIN_ONLY, admin: 403, evaluator: 'allow', otherEvaluator: 404 };
const TRIAL_OWNER_OR_ADMIN: Access = { ...TRIAL_OWNER, admin: 'allow' };
const ACCOUNT_SELF_OR_ADMIN: Access = { ...ADMIN_ONLY, evaluator: 'allow' };

interface Call {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Row {
  access: Access;
  /** Builds the request; called once per principal, so a mutating route gets a fresh resource. */
  call?: (who: Principal) => Promise<Call> | Call;
}

async function trialWithEpisodes(evaluator: ArenaClient, episodes: 0 | 1 | 2): Promise<TrialView> {
  const trial = await evaluator.startTrial({ instruction: `matrix ${randomBytes(3).toString('hex')}` });
  for (const label of trial.runOrder.slice(0, episodes)) {
    await evaluator.recordEpisode(trial.id, { label, progress: 50, success: false });
  }
  return trial;
}

// Every route of the OpenAPI document × every kind of caller: exactly who may do what.
describe('authorization matrix', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  const keys = {} as Record<Exclude<Principal, 'anonymous'>, string>;
  const seen: { who: Principal; route: string; status: number; text: string }[] = [];
  let evaluatorName: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t);
    const otherResearcher = await world.admin.createAccount({
      role: 'researcher',
      displayName: 'Rita Rival',
    });
    const otherEvaluator = await world.admin.createAccount({
      role: 'evaluator',
      displayName: 'Oscar Other',
      siteId: world.siteId,
    });
    keys.admin = world.adminKey;
    keys.researcher = (await world.admin.issueApiKey(world.researcherId, 'matrix')).key;
    keys.otherResearcher = otherResearcher.apiKey.key;
    keys.evaluator = world.evaluatorKey;
    keys.otherEvaluator = otherEvaluator.apiKey.key;
    evaluatorName = (await world.evaluator.me()).displayName;
  });
  afterAll(async () => t?.stop());

  const freshVersion = async () =>
    world.researcher.registerPolicyVersion({
      name: 'matrixpolicy',
      version: `v${randomBytes(4).toString('hex')}`,
      artifactDigest: digestOf('matrix'),
      embodiment: 'droid-franka',
      endpoint: 'ws://127.0.0.1:9/unreachable',
    });

  const artifactOf = async (multipart: boolean) => {
    const trial = await trialWithEpisodes(world.evaluator, 2);
    const created = await world.evaluator.request<{ artifact: { id: string } }>(
      'POST',
      `/api/v1/trials/${trial.id}/artifacts`,
      {
        label: 'A',
        kind: multipart ? 'rollout' : 'image',
        contentType: multipart ? 'application/json' : 'image/png',
        bytes: 100,
        sha256: createHash('sha256').update('y').digest('hex'),
        ...(multipart ? { multipart: true } : {}),
      },
    );
    return created.body.artifact.id;
  };

  /** A verified image of a completed trial: public content. */
  const verifiedImage = async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const { trialId } = await completeTrial(world.evaluator);
    const created = await world.evaluator.request<{
      artifact: { id: string };
      upload: { url: string; headers: Record<string, string> };
    }>('POST', `/api/v1/trials/${trialId}/artifacts`, {
      label: 'A',
      kind: 'image',
      contentType: 'image/png',
      bytes: png.length,
      sha256: createHash('sha256').update(png).digest('hex'),
    });
    await fetch(created.body.upload.url, { method: 'PUT', headers: created.body.upload.headers, body: png });
    await world.evaluator.request('POST', `/api/v1/artifacts/${created.body.artifact.id}/verify`);
    return created.body.artifact.id;
  };

  /** A multipart upload whose one part is really in the bucket: completing it reaches the store. */
  const uploadedPart = async () => {
    const artifactId = await artifactOf(true);
    const presigned = await world.evaluator.request<{ parts: { url: string }[] }>(
      'POST',
      `/api/v1/artifacts/${artifactId}/parts`,
      { partNumbers: [1] },
    );
    const put = await fetch(presigned.body.parts[0]!.url, { method: 'PUT', body: 'x'.repeat(100) });
    return { artifactId, etag: put.headers.get('etag')! };
  };

  const matrix = (): Record<string, Row> => ({
    'GET /health': { access: PUBLIC },
    'POST /api/v1/admin/bootstrap': {
      // The platform has its admin: the answer is the same refusal, whoever asks.
      access: PUBLIC,
      call: () => ({ body: { token: 'x'.repeat(40) } }),
    },
    'POST /api/v1/accounts': {
      access: ADMIN_ONLY,
      call: () => ({ body: { role: 'researcher', displayName: 'Matrix Made' } }),
    },
    'GET /api/v1/accounts': { access: ADMIN_ONLY },
    'GET /api/v1/accounts/me': { access: ANY_KEY },
    'GET /api/v1/accounts/{accountId}/keys': {
      access: ACCOUNT_SELF_OR_ADMIN,
      call: () => ({ params: { accountId: world.evaluatorId } }),
    },
    'POST /api/v1/accounts/{accountId}/keys': {
      access: ACCOUNT_SELF_OR_ADMIN,
      call: () => ({ params: { accountId: world.evaluatorId }, body: { label: 'matrix' } }),
    },
    'DELETE /api/v1/api-keys/{keyId}': {
      access: ACCOUNT_SELF_OR_ADMIN,
      call: async () => ({
        params: { keyId: (await world.admin.issueApiKey(world.evaluatorId, 'spare')).id },
      }),
    },
    'POST /api/v1/sites': {
      access: ADMIN_ONLY,
      call: () => ({ body: { slug: `m-${randomBytes(4).toString('hex')}`, name: 'Matrix lab' } }),
    },
    'GET /api/v1/sites': { access: ADMIN_ONLY },
    'POST /api/v1/sites/{siteId}/stations': {
      access: ADMIN_ONLY,
      call: () => ({
        params: { siteId: world.siteId },
        body: { name: `m-${randomBytes(3).toString('hex')}`, embodiment: 'droid-franka', cameras: ['wrist'] },
      }),
    },
    'GET /api/v1/sites/{siteId}/stations': {
      access: ADMIN_ONLY,
      call: () => ({ params: { siteId: world.siteId } }),
    },
    'POST /api/v1/policy-versions': {
      access: RESEARCHERS,
      call: () => ({
        body: {
          name: 'matrixpolicy',
          version: `r${randomBytes(4).toString('hex')}`,
          artifactDigest: digestOf('matrix'),
          embodiment: 'droid-franka',
          endpoint: 'ws://127.0.0.1:9/unreachable',
        },
      }),
    },
    'GET /api/v1/policy-versions': { access: PUBLIC },
    'GET /api/v1/policy-versions/mine': { access: RESEARCHERS },
    'PATCH /api/v1/policy-versions/{versionId}': {
      access: VERSION_OWNER,
      call: async () => ({ params: { versionId: (await freshVersion()).id }, body: { status: 'paused' } }),
    },
    'DELETE /api/v1/policy-versions/{versionId}': {
      access: VERSION_OWNER,
      call: async () => ({ params: { versionId: (await freshVersion()).id } }),
    },
    'POST /api/v1/trials': {
      access: EVALUATORS,
      call: () => ({ body: { instruction: 'matrix: start a trial' } }),
    },
    'GET /api/v1/trials/{trialId}': {
      access: TRIAL_OWNER_OR_ADMIN,
      call: async () => ({ params: { trialId: (await trialWithEpisodes(world.evaluator, 0)).id } }),
    },
    'POST /api/v1/trials/{trialId}/heartbeat': {
      access: TRIAL_OWNER,
      call: async () => ({ params: { trialId: (await trialWithEpisodes(world.evaluator, 0)).id } }),
    },
    'POST /api/v1/trials/{trialId}/episodes': {
      access: TRIAL_OWNER,
      call: async () => {
        const trial = await trialWithEpisodes(world.evaluator, 0);
        return {
          params: { trialId: trial.id },
          body: { label: trial.runOrder[0], progress: 40, success: false },
        };
      },
    },
    'POST /api/v1/trials/{trialId}/outcome': {
      access: TRIAL_OWNER,
      call: async () => ({
        params: { trialId: (await trialWithEpisodes(world.evaluator, 2)).id },
        body: { preference: 'A', reason: 'matrix' },
        headers: { 'idempotency-key': randomUUID() },
      }),
    },
    'POST /api/v1/trials/{trialId}/abandon': {
      access: TRIAL_OWNER,
      call: async () => ({ params: { trialId: (await trialWithEpisodes(world.evaluator, 0)).id } }),
    },
    'POST /api/v1/trials/{trialId}/void': {
      access: ADMIN_ONLY,
      call: async () => ({
        params: { trialId: (await completeTrial(world.evaluator)).trialId },
        body: { reason: 'matrix: voided' },
      }),
    },
    'POST /api/v1/trials/{trialId}/artifacts': {
      access: TRIAL_OWNER,
      call: async () => ({
        params: { trialId: (await trialWithEpisodes(world.evaluator, 2)).id },
        body: {
          label: 'B',
          kind: 'image',
          contentType: 'image/png',
          bytes: 100,
          sha256: createHash('sha256').update('z').digest('hex'),
        },
      }),
    },
    'GET /api/v1/trials/{trialId}/artifacts': {
      access: TRIAL_OWNER_OR_ADMIN,
      call: async () => ({ params: { trialId: (await trialWithEpisodes(world.evaluator, 2)).id } }),
    },
    'GET /api/v1/trials/{trialId}/replay': {
      access: PUBLIC,
      call: async () => ({ params: { trialId: (await completeTrial(world.evaluator)).trialId } }),
    },
    'POST /api/v1/artifacts/{artifactId}/parts': {
      access: TRIAL_OWNER,
      call: async () => ({ params: { artifactId: await artifactOf(true) }, body: { partNumbers: [1] } }),
    },
    'POST /api/v1/artifacts/{artifactId}/complete': {
      access: TRIAL_OWNER,
      call: async () => {
        const { artifactId, etag } = await uploadedPart();
        return { params: { artifactId }, body: { parts: [{ partNumber: 1, etag }] } };
      },
    },
    'POST /api/v1/artifacts/{artifactId}/verify': {
      access: TRIAL_OWNER,
      call: async () => ({ params: { artifactId: await artifactOf(false) } }),
    },
    'GET /api/v1/artifacts/{artifactId}/content': {
      access: PUBLIC,
      call: async () => ({ params: { artifactId: await verifiedImage() } }),
    },
    'GET /api/v1/leaderboard': { access: PUBLIC, call: () => ({ query: 'method=bt' }) },
    'GET /api/v1/leaderboard/snapshots/{snapshotId}': {
      access: PUBLIC,
      call: async () => ({ params: { snapshotId: (await t.anonymous.leaderboard()).snapshotId } }),
    },
    'GET /api/v1/export/trials.jsonl': { access: PUBLIC },
    'GET /api/v1/browse/trials': { access: PUBLIC, call: () => ({ query: 'limit=5' }) },
    'GET /api/v1/browse/trials/{trialId}': {
      access: PUBLIC,
      call: async () => ({ params: { trialId: (await completeTrial(world.evaluator)).trialId } }),
    },
    'GET /api/v1/browse/policies/{handle}': {
      access: PUBLIC,
      call: () => ({ params: { handle: world.versions[0]!.handle } }),
    },
    'GET /api/v1/browse/diagnostics': { access: PUBLIC },
  });

  async function send(who: Principal, method: string, template: string, call: Call) {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = call.params?.[name];
      if (value === undefined) throw new Error(`${method} ${template}: no value for {${name}}`);
      return encodeURIComponent(value);
    });
    const response = await fetch(`${t.baseUrl}${path}${call.query ? `?${call.query}` : ''}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(who === 'anonymous' ? {} : { authorization: `Bearer ${keys[who]}` }),
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...call.headers,
      },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
    const text = await response.text();
    seen.push({ who, route: `${method} ${template}`, status: response.status, text });
    return { status: response.status, text };
  }

  it('covers every route of the OpenAPI document and nothing else', async () => {
    const document = (await (await fetch(`${t.baseUrl}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const covered = Object.keys(matrix());
    expect(
      documented.filter((r) => !covered.includes(r)),
      'routes the matrix does not cover',
    ).toEqual([]);
    expect(
      covered.filter((r) => !documented.includes(r)),
      'matrix rows for routes that do not exist',
    ).toEqual([]);
  });

  it('lets exactly the expected callers through on every route', async () => {
    const failures: string[] = [];
    for (const [route, row] of Object.entries(matrix())) {
      const [method, template] = route.split(' ') as [string, string];
      const statuses = new Map<Principal, number>();
      for (const who of principals) {
        const expected = row.access[who];
        const { status, text } = await send(who, method, template, (await row.call?.(who)) ?? {});
        statuses.set(who, status);
        const problem =
          status >= 500
            ? `server error ${text}`
            : expected === 'allow'
              ? [401, 403, 404].includes(status)
                ? `refused with ${status}: ${text}`
                : undefined
              : status !== expected
                ? `expected ${expected}, got ${status}: ${text.slice(0, 200)}`
                : undefined;
        if (problem) failures.push(`${route} as ${who}: ${problem}`);
        if (expected !== 'allow' && status === expected) {
          // Refusals use the one error body and say why.
          const body = JSON.parse(text) as { statusCode: number; message: string };
          if (body.statusCode !== status || !body.message)
            failures.push(`${route} as ${who}: refusal without the error body: ${text}`);
        }
      }
      // A public route answers everyone alike: a key neither opens nor closes anything there.
      if (Object.values(row.access).every((a) => a === 'allow') && new Set(statuses.values()).size !== 1) {
        failures.push(`${route}: public but answers differently: ${JSON.stringify([...statuses])}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never shows researchers or the public who evaluated', async () => {
    const evaluatorIds = [world.evaluatorId, evaluatorName];
    const exposed = seen.filter(
      (s) =>
        ['anonymous', 'researcher', 'otherResearcher'].includes(s.who) &&
        s.status < 400 &&
        evaluatorIds.some((id) => s.text.includes(id)),
    );
    expect(seen.filter((s) => s.who === 'researcher' && s.status < 300).length).toBeGreaterThan(10);
    expect(exposed.map((s) => `${s.route} as ${s.who}`)).toEqual([]);
  });
});
