import { randomUUID } from 'node:crypto';
import { ArenaApiError, type ArenaClient } from '@policy-arena/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, digestOf, type ArenaWorld } from './support/arena-world';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

async function failure(promise: Promise<unknown>): Promise<ArenaApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ArenaApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

// Bad input gets a 4xx in the one error shape, naming the field and what is accepted — never a 500.
describe('errors name the problem', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t);
  });
  afterAll(async () => t?.stop());

  it('names every bad field of a body, with what is accepted', async () => {
    const error = await failure(
      world.researcher.request('POST', '/api/v1/policy-versions', {
        name: 'has spaces',
        version: '1',
        artifactDigest: 'md5:abc',
        embodiment: 'droid-franka',
        endpoint: 'ftp://x',
      }),
    );
    expect(error.status).toBe(400);
    expect(error.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const fields = Object.fromEntries(error.body!.details!.map((d) => [d.field, d.problem]));
    expect(Object.keys(fields).sort()).toEqual(['body.artifactDigest', 'body.endpoint', 'body.name']);
    expect(fields['body.artifactDigest']).toContain('64 lower-case hex digits');
    expect(fields['body.endpoint']).toContain('ws://');
  });

  it('rejects out-of-range episode scores and unknown preferences by name', async () => {
    const trial = await world.evaluator.startTrial({ instruction: 'fold the towel' });
    const progress = await failure(
      world.evaluator.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 101, success: true }),
    );
    expect(progress.status).toBe(400);
    expect(progress.body!.details).toEqual([
      { field: 'body.progress', problem: expect.stringContaining('100') },
    ]);
    const preference = await failure(
      world.evaluator.request(
        'POST',
        `/api/v1/trials/${trial.id}/outcome`,
        { preference: 'C', reason: 'x' },
        { 'idempotency-key': 'k1' },
      ),
    );
    expect(preference.status).toBe(400);
    expect(preference.body!.details![0]!.field).toBe('body.preference');
    expect(preference.body!.details![0]!.problem).toMatch(/"A"\|"B"\|"tie"\|"both_bad"/);
  });

  it('requires an Idempotency-Key on outcomes and names the header', async () => {
    const trial = await world.evaluator.startTrial({ instruction: 'open the drawer' });
    const error = await failure(
      world.evaluator.request('POST', `/api/v1/trials/${trial.id}/outcome`, {
        preference: 'A',
        reason: 'better',
      }),
    );
    expect(error.status).toBe(400);
    expect(error.body!.details![0]!.field).toBe('headers.idempotency-key');
  });

  it('answers malformed JSON, bad ids and unknown routes in the same shape', async () => {
    const response = await fetch(`${t.baseUrl}/api/v1/sites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.adminKey}` },
      body: '{"slug": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'body: not valid JSON',
      details: [{ field: 'body', problem: 'not valid JSON' }],
    });
    const badId = await failure(world.evaluator.getTrial('not-a-uuid'));
    expect(badId.status).toBe(400);
    expect(badId.body!.details).toEqual([{ field: 'params.trialId', problem: 'expected a UUID' }]);
    const missing = await failure(world.evaluator.getTrial(randomUUID()));
    expect(missing.status).toBe(404);
    const route = await failure(t.anonymous.request('GET', '/api/v1/nothing-here'));
    expect(route.status).toBe(404);
    expect(route.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('tells apart no key (401), a revoked key (401) and the wrong role (403)', async () => {
    expect((await failure(t.anonymous.startTrial({ instruction: 'x' }))).status).toBe(401);
    const forbidden = await failure(world.researcher.startTrial({ instruction: 'x' }));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body!.message).toContain('evaluator');

    const spare = await world.admin.issueApiKey(world.evaluatorId, 'laptop');
    const spareClient: ArenaClient = t.anonymous.as(spare.key);
    expect((await spareClient.me()).id).toBe(world.evaluatorId);
    await spareClient.revokeApiKey(spare.id);
    const revoked = await failure(spareClient.me());
    expect(revoked.status).toBe(401);
    expect(revoked.body!.message).toContain('revoked');
    // The account's other key still works.
    expect((await world.evaluator.me()).id).toBe(world.evaluatorId);
  });

  it('refuses a second registration of the same name@version (versions are immutable)', async () => {
    const v = world.versions[0]!;
    const error = await failure(
      world.researcher.registerPolicyVersion({
        name: v.name,
        version: v.version,
        artifactDigest: digestOf('other'),
        embodiment: 'droid-franka',
        endpoint: 'ws://127.0.0.1:9/x',
      }),
    );
    expect(error.status).toBe(409);
    expect(error.body!.message).toContain(`${v.name}@${v.version} is already registered`);
  });

  it('keeps the run order and refuses an outcome before both episodes', async () => {
    const trial = await world.evaluator.startTrial({ instruction: 'stack the blocks' });
    const [first, second] = trial.runOrder;
    const outOfOrder = await failure(
      world.evaluator.recordEpisode(trial.id, { label: second, progress: 10, success: false }),
    );
    expect(outOfOrder.status).toBe(409);
    expect(outOfOrder.body!.message).toContain(`record ${first} first`);
    await world.evaluator.recordEpisode(trial.id, { label: first, progress: 10, success: false });
    const early = await failure(
      world.evaluator.submitOutcome(trial.id, { preference: 'tie', reason: 'meh' }, randomUUID()),
    );
    expect(early.status).toBe(409);
    expect(early.body!.message).toContain(`record the episode of ${second}`);
  });

  it('hides another evaluator’s trial', async () => {
    const other = await world.admin.createAccount({
      role: 'evaluator',
      displayName: 'Mallory',
      siteId: world.siteId,
    });
    const trial = await world.evaluator.startTrial({ instruction: 'wipe the table' });
    const error = await failure(t.anonymous.as(other.apiKey.key).getTrial(trial.id));
    expect(error.status).toBe(404);
  });
});
