import { randomUUID } from 'node:crypto';
import { ArenaClient } from '@policy-arena/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestOf } from './support/arena-world';
import { startReferencePolicyServer } from '../support/reference-policy-server';
import { runCli } from './support/run-cli';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

// The foundation's whole flow, over HTTP against real Postgres and S3:
// bootstrap (CLI) → site, accounts → versions → blind trial → episodes → outcome → reveal → leaderboard.
describe('one double-blind trial end to end', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.stop());

  it('runs from the first admin key to a leaderboard entry, revealing identities only after the outcome', async () => {
    const cli = await runCli([
      'admin',
      'bootstrap',
      '--url',
      t.baseUrl,
      '--token-file',
      `${t.dataDir}/bootstrap-token`,
    ]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const adminKey = /API key[^:]*: (pa_\S+)/.exec(cli.stdout)?.[1];
    expect(adminKey).toBeDefined();

    const admin = new ArenaClient({ baseUrl: t.baseUrl, apiKey: adminKey! });
    expect((await admin.me()).role).toBe('admin');
    const site = await admin.createSite({ slug: 'stanford-droid', name: 'Stanford DROID lab' });
    const researcherAccount = await admin.createAccount({ role: 'researcher', displayName: 'Ada' });
    const evaluatorAccount = await admin.createAccount({
      role: 'evaluator',
      displayName: 'Eve',
      siteId: site.id,
    });
    const researcher = admin.as(researcherAccount.apiKey.key);
    const evaluator = admin.as(evaluatorAccount.apiKey.key);

    const [pi0Server, dpServer] = await Promise.all([
      startReferencePolicyServer({ name: 'pi0' }),
      startReferencePolicyServer({ name: 'dp' }),
    ]);
    t.onStop(() => pi0Server.close());
    t.onStop(() => dpServer.close());
    const pi0 = await researcher.registerPolicyVersion({
      name: 'pi0-fast',
      version: '2026.11',
      artifactDigest: digestOf('pi0'),
      embodiment: 'droid-franka',
      endpoint: pi0Server.url,
    });
    const diffusion = await researcher.registerPolicyVersion({
      name: 'diffusion-policy',
      version: '1.4.0',
      artifactDigest: digestOf('dp'),
      embodiment: 'droid-franka',
      endpoint: dpServer.url,
    });
    expect((await researcher.myPolicyVersions()).map((v) => v.handle).sort()).toEqual([
      'diffusion-policy@1.4.0',
      'pi0-fast@2026.11',
    ]);
    // The public list never shows the private endpoint.
    expect(JSON.stringify(await t.anonymous.listPolicyVersions())).not.toContain(pi0Server.url);

    const trial = await evaluator.startTrial({
      instruction: 'put the red cup in the bowl',
      category: 'pick_place',
    });
    expect(trial.status).toBe('running');
    expect([...trial.runOrder].sort()).toEqual(['A', 'B']);
    const blind = JSON.stringify(trial);
    for (const secret of [
      pi0.id,
      diffusion.id,
      'pi0',
      'diffusion',
      '2026.11',
      '1.4.0',
      '10.1.2',
      researcherAccount.account.id,
    ]) {
      expect(blind).not.toContain(secret);
    }

    const [first, second] = trial.runOrder;
    await evaluator.recordEpisode(trial.id, { label: first, progress: 100, success: true });
    const afterEpisodes = await evaluator.recordEpisode(trial.id, {
      label: second,
      progress: 40,
      success: false,
    });
    expect(afterEpisodes.episodes).toHaveLength(2);
    expect(JSON.stringify(await evaluator.getTrial(trial.id))).not.toContain(pi0.id);

    const key = randomUUID();
    const submitted = await evaluator.submitOutcome(
      trial.id,
      { preference: first, reason: 'grasped the cup cleanly' },
      key,
    );
    expect(submitted.status).toBe(201);
    const reveal = submitted.body;
    expect(reveal.preference).toBe(first);
    expect(reveal.policies.map((p) => p.label)).toEqual(['A', 'B']);
    expect(reveal.policies.map((p) => p.handle).sort()).toEqual([
      'diffusion-policy@1.4.0',
      'pi0-fast@2026.11',
    ]);
    const winner = reveal.policies.find((p) => p.label === first)!.handle;
    const loser = reveal.policies.find((p) => p.label === second)!.handle;

    // A retry with the same key is answered with the same reveal and counted once.
    const retried = await evaluator.submitOutcome(
      trial.id,
      { preference: first, reason: 'grasped the cup cleanly' },
      key,
    );
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body).toEqual(reveal);
    expect((await evaluator.getTrial(trial.id)).reveal).toEqual(reveal);

    const board = await t.anonymous.leaderboard();
    expect(board.method).toBe('bt');
    expect(board.trials).toBe(1);
    expect(board.inputDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const rows = Object.fromEntries(board.rows.map((r) => [r.policy, r]));
    expect(rows[winner]).toMatchObject({ n: 1, wins: 1, losses: 0, ties: 0, rank: 1 });
    expect(rows[loser]).toMatchObject({ n: 1, wins: 0, losses: 1, ties: 0 });
    expect(rows[winner]!.rating).toBeGreaterThan(rows[loser]!.rating);
    // One trial proves little: the intervals must overlap, so both share rank range 1–2.
    expect(rows[winner]!.rankRange).toEqual([1, 2]);
    expect(rows[loser]!.rankRange).toEqual([1, 2]);
    expect((rows[winner]!.rating + rows[loser]!.rating) / 2).toBeCloseTo(1000, 1);
  });

  it('refuses a second bootstrap once the first admin exists', async () => {
    const again = await runCli(['admin', 'bootstrap', '--url', t.baseUrl, '--token', 'x'.repeat(40)]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/409 Conflict: the platform already has its first admin/);
  });
});
