import { getDataSourceToken } from '@nestjs/typeorm';
import { policyVersionHandle } from '@policy-arena/domain';
import { fitBradleyTerry, matchDistribution } from '@policy-arena/rating';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCountedTrials } from './support/counted-trials';
import { MATCHMAKING } from '../../apps/api/src/ratings/matchmaking-settings';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { completeTrial } from './support/complete-trial';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

interface TrialPair {
  handles: [string, string];
  propensity: number;
}

// The platform draws each pair with the probability libs/rating gives for the current board,
// counting the information of the trials still running, and stores exactly that probability.
describe('matchmaking in the API', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  let dataSource: DataSource;

  const trialPair = async (trialId: string): Promise<TrialPair> => {
    const [row] = (await dataSource.query(
      `SELECT pa.name AS a_name, pa.version AS a_version, pb.name AS b_name, pb.version AS b_version,
              t.pair_propensity AS propensity
         FROM trials t
         JOIN policy_versions pa ON pa.id = t.policy_a_id
         JOIN policy_versions pb ON pb.id = t.policy_b_id
        WHERE t.id = $1`,
      [trialId],
    )) as { a_name: string; a_version: string; b_name: string; b_version: string; propensity: number }[];
    return {
      handles: [
        policyVersionHandle(row!.a_name, row!.a_version),
        policyVersionHandle(row!.b_name, row!.b_version),
      ],
      propensity: row!.propensity,
    };
  };

  const expectedDistribution = async (running: [string, string][]) => {
    const records = await loadCountedTrials(dataSource);
    const model = fitBradleyTerry(records);
    const counts: Record<string, number> = {};
    for (const r of records) for (const p of [r.a, r.b]) counts[p] = (counts[p] ?? 0) + 1;
    return matchDistribution({
      policies: model.policies,
      thetas: model.theta,
      covariance: model.modelCovariance,
      eligible: world.versions.map((v) => policyVersionHandle(v.name, v.version)),
      pending: running,
      counts,
      strategy: MATCHMAKING.strategy,
      explorationFloor: MATCHMAKING.explorationFloor,
      newVersionBoost: MATCHMAKING.newVersionBoost,
      seed: 0,
    });
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t, 4);
    dataSource = t.platform.app.get<DataSource>(getDataSourceToken());
    for (let i = 0; i < 12; i++)
      await completeTrial(world.evaluator, { preference: i % 4 === 0 ? 'B' : 'A' });
  });
  afterAll(async () => t?.stop());

  it('stores the probability libs/rating gives the drawn pair, counting the trials still running', async () => {
    // Let the worker's cached fit (reused for a short while) see all twelve outcomes.
    await new Promise((resolve) => setTimeout(resolve, MATCHMAKING.fitReuseMs + 100));
    const first = await trialPair((await world.evaluator.startTrial({ instruction: 'stack the cups' })).id);
    const second = await trialPair((await world.evaluator.startTrial({ instruction: 'open the drawer' })).id);

    const withoutRunning = await expectedDistribution([]);
    const withFirstRunning = await expectedDistribution([first.handles]);
    const probability = (distribution: typeof withoutRunning, handles: [string, string]) =>
      distribution.find((d) => d.pair.join('|') === [...handles].sort().join('|'))!.probability;

    expect(first.propensity).toBeCloseTo(probability(withoutRunning, first.handles), 12);
    expect(second.propensity).toBeCloseTo(probability(withFirstRunning, second.handles), 12);
    // The running trial really moved the distribution: this test would notice it being ignored.
    const moved = withoutRunning.map((d, k) => Math.abs(d.probability - withFirstRunning[k]!.probability));
    expect(Math.max(...moved)).toBeGreaterThan(1e-3);
    // Every pair keeps at least the floor's share.
    for (const d of withFirstRunning)
      expect(d.probability).toBeGreaterThanOrEqual(MATCHMAKING.explorationFloor / withFirstRunning.length);
  });
});
