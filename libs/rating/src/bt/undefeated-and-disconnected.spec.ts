import { describe, expect, it } from 'vitest';
import { rate } from '../rate';
import { repeat } from '../testing/records';

// Where the plain MLE does not exist: an undefeated policy, a winless one, two separate groups.
describe('Bradley–Terry: undefeated, winless and disconnected policies', () => {
  const records = [
    ...repeat('champion', 'middle', 'a', 8),
    ...repeat('middle', 'loser', 'a', 5),
    ...repeat('middle', 'loser', 'b', 2),
    ...repeat('islandA', 'islandB', 'a', 3),
    ...repeat('islandA', 'islandB', 'tie', 1),
  ];

  for (const method of ['bt', 'davidson', 'task'] as const) {
    it(`${method}: gives finite ratings and intervals, ordered as the wins say`, () => {
      const table = rate(records, { method });
      const byName = Object.fromEntries(table.rows.map((r) => [r.policy, r]));
      for (const row of table.rows) {
        expect(Number.isFinite(row.rating)).toBe(true);
        expect(row.ci[0]).toBeLessThanOrEqual(row.rating);
        expect(row.ci[1]).toBeGreaterThanOrEqual(row.rating);
      }
      expect(byName.champion.rating).toBeGreaterThan(byName.middle.rating);
      expect(byName.middle.rating).toBeGreaterThan(byName.loser.rating);
      expect(byName.islandA.rating).toBeGreaterThan(byName.islandB.rating);
      // The undefeated policy is high but not absurd: the prior caps it within a few thousand points.
      expect(byName.champion.rating).toBeLessThan(2500);
    });
  }

  it('keeps the board mean at 1000', () => {
    const table = rate(records);
    const mean = table.rows.reduce((s, r) => s + r.rating, 0) / table.rows.length;
    expect(mean).toBeCloseTo(1000, 1);
  });

  it('gives the disconnected pair an interval wider than the well-measured ones', () => {
    const table = rate(records);
    const width = (p: string): number => {
      const row = table.rows.find((r) => r.policy === p);
      return (row?.ci[1] as number) - (row?.ci[0] as number);
    };
    expect(width('islandB')).toBeGreaterThan(0);
    expect(width('islandB')).toBeGreaterThan(width('middle'));
  });
});
