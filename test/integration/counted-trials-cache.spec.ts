import { getDataSourceToken } from '@nestjs/typeorm';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountedTrialsCache } from '../../apps/api/src/ratings/counted-trials-cache';
import { loadCountedTrials } from './support/counted-trials';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { completeTrial } from './support/complete-trial';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

// The rating worker keeps the counted trials between refits; whatever happened in between, what
// it hands the rating engine must be exactly what one full query returns, in the same order.
describe('counted trials kept between refits', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  let dataSource: DataSource;
  let pool: Pool;
  const cache = new CountedTrialsCache();

  const loadThroughCache = async () => {
    const client = await pool.connect();
    try {
      return await cache.load(client);
    } finally {
      client.release();
    }
  };
  const completeSome = async (n: number) => {
    const trialIds: string[] = [];
    for (let i = 0; i < n; i++) trialIds.push((await completeTrial(world.evaluator)).trialId);
    return trialIds;
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t, 3);
    dataSource = t.platform.app.get<DataSource>(getDataSourceToken());
    pool = new Pool({ connectionString: (dataSource.options as { url: string }).url, max: 1 });
    await completeSome(4);
  });
  afterAll(async () => {
    await pool?.end();
    await t?.stop();
  });

  it('loads everything once, then only what is new', async () => {
    expect(await loadThroughCache()).toEqual(await loadCountedTrials(dataSource));
    expect(cache.stats).toEqual({ full: 1, incremental: 0 });
    await completeSome(3);
    const records = await loadThroughCache();
    expect(records).toHaveLength(7);
    expect(records).toEqual(await loadCountedTrials(dataSource));
    expect(cache.stats).toEqual({ full: 1, incremental: 1 });
  });

  it('reloads everything after a trial is voided', async () => {
    const [oldest] = (await dataSource.query(
      `SELECT id FROM trials WHERE status = 'completed' ORDER BY completed_at LIMIT 1`,
    )) as { id: string }[];
    await world.admin.voidTrial(oldest!.id, 'evaluator misread the task');
    const records = await loadThroughCache();
    expect(records).toHaveLength(6);
    expect(records).toEqual(await loadCountedTrials(dataSource));
    expect(cache.stats.full).toBe(2);
  });

  it('puts a completion that sorts before the newest held trial in its place', async () => {
    const [early, late] = await completeSome(2);
    // `early` now sorts before the newest trial the cache already holds, by microseconds.
    await dataSource.query(
      `UPDATE trials SET completed_at = (SELECT min(completed_at) FROM trials WHERE status = 'completed') + interval '1 microsecond' WHERE id = $1`,
      [early],
    );
    const records = await loadThroughCache();
    expect(records).toEqual(await loadCountedTrials(dataSource));
    expect(records.at(-1)!.ts).toBe(
      (
        (await dataSource.query(`SELECT completed_at FROM trials WHERE id = $1`, [late])) as {
          completed_at: Date;
        }[]
      )[0]!.completed_at.toISOString(),
    );
  });

  it('reloads everything when a completion is older than the window it looks back over', async () => {
    const before = cache.stats.full;
    const [trialId] = await completeSome(1);
    await dataSource.query(
      `UPDATE trials SET completed_at = completed_at - interval '1 hour' WHERE id = $1`,
      [trialId],
    );
    const records = await loadThroughCache();
    expect(records).toEqual(await loadCountedTrials(dataSource));
    expect(cache.stats.full).toBe(before + 1);
  });
});
