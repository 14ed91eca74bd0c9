import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { completeTrial } from './support/complete-trial';
import { runCli } from './support/run-cli';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

// Anyone can reproduce the published board: export → `arena rate` → the same ratings.
describe('reproducibility of the published board', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t, 4);
    const preferences = ['A', 'B', 'A', 'tie', 'A', 'both_bad', 'B', 'A', 'A', 'B', 'A', 'tie'] as const;
    for (const [i, preference] of preferences.entries()) {
      await completeTrial(world.evaluator, { preference, category: i % 2 === 0 ? 'kitchen' : 'office' });
    }
  });
  afterAll(async () => t?.stop());

  it.each([
    ['bt', undefined],
    ['elo', undefined],
    ['bt', 'kitchen'],
  ] as const)(
    'export → arena rate --method %s (category %s) gives the snapshot’s ratings',
    async (method, category) => {
      const snapshot = await t.anonymous.leaderboard({ method, ...(category ? { category } : {}) });
      expect(snapshot.trials).toBe(category ? 6 : 12);
      const file = join(t.dataDir, `trials-${method}-${category ?? 'all'}.jsonl`);
      await writeFile(file, await t.anonymous.exportTrials());
      const args = [
        'rate',
        '--input',
        file,
        '--method',
        method,
        '--format',
        'json',
        ...(category ? ['--category', category] : []),
      ];
      const cli = await runCli(args);
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      const recomputed = JSON.parse(cli.stdout) as { inputDigest: string; trials: number; rows: unknown[] };
      expect(recomputed.trials).toBe(snapshot.trials);
      expect(recomputed.inputDigest).toBe(snapshot.inputDigest);
      expect(recomputed.rows).toEqual(snapshot.rows);
    },
  );

  it('exports evaluators only by their stable pseudonym', async () => {
    const lines = (await t.anonymous.exportTrials())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(12);
    const evaluators = new Set(lines.map((l) => l['evaluator']));
    expect([...evaluators]).toEqual([expect.stringMatching(/^evaluator-[0-9a-z]{8}$/)]);
    expect(JSON.stringify(lines)).not.toContain('Eve Evaluator');
    expect(JSON.stringify(lines)).not.toContain(world.evaluatorId);
  });
});
