import { randomUUID } from 'node:crypto';
import { ArenaApiError, type ArenaClient } from '@policy-arena/sdk';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

async function trialReadyForOutcome(evaluator: ArenaClient): Promise<string> {
  const trial = await evaluator.startTrial({ instruction: 'pour the beans into the cup' });
  await evaluator.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 70, success: false });
  await evaluator.recordEpisode(trial.id, { label: trial.runOrder[1], progress: 100, success: true });
  return trial.id;
}

const statusOf = (p: Promise<{ status: number }>) =>
  p.then(
    (r) => r.status,
    (e: unknown) => (e instanceof ArenaApiError ? e.status : -1),
  );

// A retried request is never counted twice, also when the retries race each other.
describe('outcome submission is idempotent', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t);
  });
  afterAll(async () => t?.stop());

  it('counts one outcome when 12 copies with one key arrive at once', async () => {
    const trialId = await trialReadyForOutcome(world.evaluator);
    const key = randomUUID();
    const statuses = await Promise.all(
      Array.from({ length: 12 }, () =>
        statusOf(world.evaluator.submitOutcome(trialId, { preference: 'B', reason: 'finished' }, key)),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(11);
    const dataSource = t.platform.app.get<DataSource>(getDataSourceToken());
    const rows: { n: string }[] = await dataSource.query(
      'SELECT count(*) AS n FROM outcomes WHERE trial_id = $1',
      [trialId],
    );
    expect(rows).toEqual([{ n: '1' }]);
    expect((await t.anonymous.leaderboard()).trials).toBe(1);
  });

  it('lets exactly one of several different submissions win; the rest get 409', async () => {
    const trialId = await trialReadyForOutcome(world.evaluator);
    const statuses = await Promise.all(
      (['A', 'B', 'tie', 'both_bad'] as const).map((preference) =>
        statusOf(
          world.evaluator.submitOutcome(trialId, { preference, reason: `say ${preference}` }, randomUUID()),
        ),
      ),
    );
    expect(statuses.sort()).toEqual([201, 409, 409, 409]);
    expect((await t.anonymous.leaderboard()).trials).toBe(2);
  });

  it('refuses a reused key with a different body instead of replaying it', async () => {
    const trialId = await trialReadyForOutcome(world.evaluator);
    const key = randomUUID();
    await world.evaluator.submitOutcome(trialId, { preference: 'A', reason: 'steadier' }, key);
    const error = await world.evaluator
      .submitOutcome(trialId, { preference: 'B', reason: 'changed my mind' }, key)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArenaApiError);
    expect((error as ArenaApiError).status).toBe(409);
    expect((error as ArenaApiError).body!.message).toContain('different body');
    expect((await world.evaluator.getTrial(trialId)).reveal!.preference).toBe('A');
  });
});
