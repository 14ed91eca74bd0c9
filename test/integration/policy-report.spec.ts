import { getDataSourceToken } from '@nestjs/typeorm';
import type { DiagnosticsView, PolicyReport } from '@policy-arena/domain';
import { rate } from '@policy-arena/rating';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardDiagnostics } from '../../apps/api/src/ratings/board-reports';
import { loadCountedTrials } from './support/counted-trials';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { completeTrial } from './support/complete-trial';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

// A policy page's figures and the board's diagnostics are computed on the rating worker and kept
// until the counted trials change: they must be exactly what the counted trials say, and fresh.
describe('public policy reports and diagnostics', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  let dataSource: DataSource;

  const getJson = async <T>(path: string): Promise<T> => {
    const answer = await fetch(`${t.baseUrl}${path}`);
    expect(answer.status).toBe(200);
    return (await answer.json()) as T;
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t, 3);
    dataSource = t.platform.app.get<DataSource>(getDataSourceToken());
    for (let i = 0; i < 9; i++)
      await completeTrial(world.evaluator, {
        category: i % 2 ? 'kitchen' : 'office',
        preference: i % 3 ? 'A' : 'B',
      });
  });
  afterAll(async () => t?.stop());

  it("shows a version's board row, history and head-to-head as the counted trials say, and follows new outcomes", async () => {
    const handle = world.versions[0]!.handle;
    const report = await getJson<PolicyReport>(`/api/v1/browse/policies/${encodeURIComponent(handle)}`);
    const records = await loadCountedTrials(dataSource);
    const row = rate(records, { method: 'bt' }).rows.find((r) => r.policy === handle)!;
    expect(report.board).toEqual(row);
    // The history ends with what the board said right after this version's latest trial.
    const lastMine = records.findLastIndex((r) => r.a === handle || r.b === handle);
    const then = rate(records.slice(0, lastMine + 1), { method: 'bt' }).rows.find(
      (r) => r.policy === handle,
    )!;
    expect(report.history.at(-1)).toEqual({
      at: records[lastMine]!.ts,
      trials: lastMine + 1,
      n: row.n,
      rating: then.rating,
      ci: then.ci,
    });
    const h2h = report.headToHead;
    expect(h2h.reduce((s, r) => s + r.n, 0)).toBe(row.n);
    expect(h2h.reduce((s, r) => s + r.wins, 0)).toBe(row.wins);

    // The same question again is answered from what the worker kept; a new outcome changes it.
    expect(await getJson<PolicyReport>(`/api/v1/browse/policies/${encodeURIComponent(handle)}`)).toEqual(
      report,
    );
    let after = report;
    for (let i = 0; i < 12 && after.board!.n === row.n; i++) {
      await completeTrial(world.evaluator);
      after = await getJson<PolicyReport>(`/api/v1/browse/policies/${encodeURIComponent(handle)}`);
    }
    expect(after.board!.n).toBe(row.n + 1);
    expect(after.history.at(-1)!.n).toBe(row.n + 1);
  });

  it('gives the diagnostics of the counted trials, for all of them and for one category', async () => {
    const records = await loadCountedTrials(dataSource);
    expect(await getJson<DiagnosticsView>('/api/v1/browse/diagnostics')).toEqual(
      boardDiagnostics(records, undefined),
    );
    expect(await getJson<DiagnosticsView>('/api/v1/browse/diagnostics?category=kitchen')).toEqual(
      boardDiagnostics(records, 'kitchen'),
    );
  });
});
