import { getDataSourceToken } from '@nestjs/typeorm';
import { ArenaApiError } from '@policy-arena/sdk';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferencePolicyServer } from '../support/reference-policy-server';
import { buildWorld, digestOf, type ArenaWorld } from './support/arena-world';
import { completeTrial } from './support/complete-trial';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e as ArenaApiError,
  );

// Where other arenas failed: no silent withdrawal, no silent voiding, sampling in the open.
describe('transparency of the record', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  let dataSource: DataSource;
  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t, 3);
    dataSource = t.platform.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => t?.stop());

  it('keeps an evaluated version on the record: it can retire, not be withdrawn', async () => {
    const reveal = await completeTrial(world.evaluator);
    const evaluated = world.versions.find((v) => v.id === reveal.policies[0].policyVersionId)!;
    const refused = await failure(world.researcher.withdrawPolicyVersion(evaluated.id));
    expect(refused.status).toBe(409);
    expect(refused.body!.message).toContain('stay on the public record');

    const retired = await world.researcher.setPolicyVersionStatus(evaluated.id, 'retired');
    expect(retired.status).toBe('retired');
    expect((await failure(world.researcher.setPolicyVersionStatus(evaluated.id, 'active'))).status).toBe(409);
    // Retired: never drawn again, and its results stay on the board.
    for (let i = 0; i < 10; i++) {
      const trial = await world.evaluator.startTrial({ instruction: `after retirement ${i}` });
      const rows: { a: string; b: string }[] = await dataSource.query(
        'SELECT policy_a_id AS a, policy_b_id AS b FROM trials WHERE id = $1',
        [trial.id],
      );
      expect([rows[0]!.a, rows[0]!.b]).not.toContain(evaluated.id);
    }
    expect((await t.anonymous.leaderboard()).rows.map((r) => r.policy)).toContain(evaluated.handle);
  });

  it('lets a never-evaluated version be withdrawn', async () => {
    const server = await startReferencePolicyServer({ name: 'fresh' });
    t.onStop(() => server.close());
    const fresh = await world.researcher.registerPolicyVersion({
      name: 'fresh-policy',
      version: '0.1',
      artifactDigest: digestOf('fresh'),
      embodiment: 'other-arm',
      endpoint: server.url,
    });
    await world.researcher.withdrawPolicyVersion(fresh.id);
    expect((await t.anonymous.listPolicyVersions()).map((v) => v.id)).not.toContain(fresh.id);
  });

  it('voids a trial only by an admin, with a reason, in the audit log, and stops counting it', async () => {
    const before = await t.anonymous.leaderboard();
    const reveal = await completeTrial(world.evaluator);
    expect((await t.anonymous.leaderboard()).trials).toBe(before.trials + 1);

    expect((await failure(world.researcher.voidTrial(reveal.trialId, 'I do not like it'))).status).toBe(403);
    const noReason = await failure(world.admin.request('POST', `/api/v1/trials/${reveal.trialId}/void`, {}));
    expect(noReason.status).toBe(400);
    expect(noReason.body!.details![0]!.field).toBe('body.reason');

    const voided = await world.admin.voidTrial(
      reveal.trialId,
      'the robot was miscalibrated during this trial',
    );
    expect(voided.status).toBe('voided');
    const after = await t.anonymous.leaderboard();
    expect(after.trials).toBe(before.trials);
    expect(after.inputDigest).toBe(before.inputDigest);
    const audit: { type: string; data: { reason: string } }[] = await dataSource.query(
      "SELECT type, data FROM audit_events WHERE subject_id = $1 AND type = 'trial.voided'",
      [reveal.trialId],
    );
    expect(audit).toEqual([
      {
        type: 'trial.voided',
        data: { reason: 'the robot was miscalibrated during this trial', previous: 'completed' },
      },
    ]);
    expect((await t.anonymous.exportTrials()).split('\n').filter(Boolean)).toHaveLength(after.trials);
  });

  it('stores with every trial the probability with which its pair was drawn', async () => {
    const rows: { p: number }[] = await dataSource.query('SELECT pair_propensity AS p FROM trials');
    expect(rows.length).toBeGreaterThan(0);
    for (const { p } of rows) {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });
});
