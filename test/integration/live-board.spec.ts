import type { Leaderboard } from '@policy-arena/sdk';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { completeTrial } from './support/complete-trial';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

function nextEvent<T>(socket: Socket, event: string, accept: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const listener = (value: T) => {
      if (!accept(value)) return;
      socket.off(event, listener);
      resolve(value);
    };
    socket.on(event, listener);
  });
}

describe('the live board', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  let browser: Socket;
  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t, 3);
    browser = io(`${t.baseUrl}/live`, { transports: ['websocket'], forceNew: true });
  });
  afterAll(async () => {
    browser?.close();
    await t?.stop();
  });

  it('greets a new client with the current board, then pushes each outcome within a second', async () => {
    const greeting = await nextEvent<Leaderboard>(browser, 'leaderboard', () => true);
    expect(greeting.trials).toBe(0);
    for (let n = 1; n <= 3; n++) {
      const pushed = nextEvent<Leaderboard>(browser, 'leaderboard', (b) => b.trials === n);
      const counts = nextEvent<{ completed: number }>(browser, 'trials', (c) => c.completed === n);
      const submittedAt = Date.now();
      await completeTrial(world.evaluator);
      const board = await pushed;
      // The promise to browsers: an outcome is on every open board within 1 s.
      expect(Date.now() - submittedAt).toBeLessThan(1000);
      expect((await counts).completed).toBe(n);
      expect(board.snapshotId).toMatch(/^[0-9a-f-]{36}$/);
      expect(board.rows.reduce((s, r) => s + r.n, 0)).toBe(2 * n);
    }
  });

  it('publishes snapshots that can be fetched again by id, per method and category', async () => {
    const bt = await t.anonymous.leaderboard();
    expect(await t.anonymous.leaderboardSnapshot(bt.snapshotId)).toMatchObject({
      snapshotId: bt.snapshotId,
      inputDigest: bt.inputDigest,
      rows: bt.rows,
    });
    // The same inputs give the same snapshot, not a new one.
    expect((await t.anonymous.leaderboard()).snapshotId).toBe(bt.snapshotId);
    const elo = await t.anonymous.leaderboard({ method: 'elo' });
    expect(elo.method).toBe('elo');
    expect(elo.snapshotId).not.toBe(bt.snapshotId);
    const kitchen = await t.anonymous.leaderboard({ category: 'kitchen' });
    expect(kitchen).toMatchObject({ category: 'kitchen', trials: 0 });
    const wrong = await t.anonymous
      .request('GET', '/api/v1/leaderboard?method=best')
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ status: 400, body: { details: [{ field: 'query.method' }] } });
  });

  it('shows every version’s sampling rate', async () => {
    const board = await t.anonymous.leaderboard();
    expect(board.samplingRates.map((r) => r.policy).sort()).toEqual(
      world.versions.map((v) => v.handle).sort(),
    );
    expect(board.samplingRates.reduce((s, r) => s + r.trials, 0)).toBe(2 * 3);
    expect(board.samplingRates.reduce((s, r) => s + r.share, 0)).toBeCloseTo(2, 10);
  });
});
