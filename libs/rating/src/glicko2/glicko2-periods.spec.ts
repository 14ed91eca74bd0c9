import { describe, expect, it } from 'vitest';
import { rate } from '../rate';
import { runGlicko2 } from './glicko2-runner';
import { splitPeriods } from './periods';

const system = { tau: 0.5, initial: { rating: 1000, rd: 350, vol: 0.06 } };

// The package's traps: updateRatings() re-counts old games; makePlayer(0, …) ignores zeros.
describe('Glicko-2: explicit rating periods', () => {
  it('counts a period’s games once, even when a later period is empty', () => {
    const once = runGlicko2([[['x', 'y', 1]]], system);
    const thenEmpty = runGlicko2([[['x', 'y', 1]], []], system);
    // An empty period only widens RD; the rating must not move again.
    expect(thenEmpty.get('x')?.rating).toBeCloseTo(once.get('x')?.rating as number, 12);
    expect(thenEmpty.get('x')?.rd as number).toBeGreaterThan(once.get('x')?.rd as number);
  });

  it('keeps a starting rating of 0 instead of replacing it with the default', () => {
    const start = new Map([['zero', { rating: 0, rd: 50, vol: 0.06 }]]);
    const result = runGlicko2([], system, start);
    expect(result.get('zero')?.rating).toBeCloseTo(0, 9);
  });

  it('groups records by UTC day when every record has a ts, in calendar order', () => {
    const split = splitPeriods(
      [
        { a: 'x', b: 'y', winner: 'a', ts: '2025-03-02T10:00:00Z' },
        { a: 'x', b: 'y', winner: 'b', ts: '2025-03-01T23:59:59Z' },
        { a: 'x', b: 'y', winner: 'a', ts: '2025-03-02T00:00:00+00:00' },
      ],
      'auto',
    );
    expect(split.by).toBe('day');
    expect(split.periods.map((p) => p.length)).toEqual([1, 2]);
  });

  it('falls back to fixed-size periods without timestamps and rejects day mode then', () => {
    const records = Array.from({ length: 5 }, () => ({ a: 'x', b: 'y', winner: 'a' as const }));
    expect(splitPeriods(records, 2).periods.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(splitPeriods(records, 'auto').by).toBe('size');
    expect(() => splitPeriods(records, 'day')).toThrow(/record 1: ts/);
  });

  it('publishes rating ± 1.96·RD as the interval', () => {
    const table = rate(
      [
        { a: 'x', b: 'y', winner: 'a' },
        { a: 'y', b: 'z', winner: 'tie' },
      ],
      { method: 'glicko2' },
    );
    for (const row of table.rows) {
      expect(row.ci[1] - row.rating).toBeCloseTo(row.rating - row.ci[0], 1);
    }
    expect(table.params).toMatchObject({ periodBy: 'size', periodSize: 100, periods: 1 });
  });
});
