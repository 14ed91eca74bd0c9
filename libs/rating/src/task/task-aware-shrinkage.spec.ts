import { describe, expect, it } from 'vitest';
import { rate } from '../rate';
import { repeat } from '../testing/records';

// x is better at picking, y at wiping: per-category skills differ, the overall ones are close.
describe('task-aware model: partial pooling of per-category skills', () => {
  const records = [
    ...repeat('x', 'y', 'a', 24).map((r) => ({ ...r, category: 'pick' })),
    ...repeat('x', 'y', 'b', 8).map((r) => ({ ...r, category: 'pick' })),
    ...repeat('x', 'y', 'a', 8).map((r) => ({ ...r, category: 'wipe' })),
    ...repeat('x', 'y', 'b', 24).map((r) => ({ ...r, category: 'wipe' })),
    ...repeat('x', 'z', 'a', 10).map((r) => ({ ...r, category: 'wipe' })),
    ...repeat('y', 'z', 'a', 10).map((r) => ({ ...r, category: 'wipe' })),
  ];
  const gap = (table: ReturnType<typeof rate>, category: string): number => {
    const rows = table.categoryRows?.[category] ?? [];
    const r = (p: string): number => rows.find((row) => row.policy === p)?.rating as number;
    return r('x') - r('y');
  };

  it('reports an overall board plus one board per category', () => {
    const table = rate(records, { method: 'task' });
    expect(Object.keys(table.categoryRows ?? {})).toEqual(['pick', 'wipe']);
    expect(table.categoryRows?.pick.map((r) => r.policy).sort()).toEqual(['x', 'y']);
    expect(table.categoryRows?.wipe).toHaveLength(3);
    expect(table.categoryRows?.pick.find((r) => r.policy === 'x')).toMatchObject({
      n: 32,
      wins: 24,
      losses: 8,
    });
  });

  it('orders x above y in pick and below in wipe', () => {
    const table = rate(records, { method: 'task' });
    expect(gap(table, 'pick')).toBeGreaterThan(0);
    expect(gap(table, 'wipe')).toBeLessThan(0);
  });

  it('shrinks the category gaps towards the overall one as categorySd falls', () => {
    const loose = rate(records, { method: 'task', categorySd: 5 });
    const tight = rate(records, { method: 'task', categorySd: 0.05 });
    const separate = rate(records, { method: 'bt', category: 'pick' });
    const sep =
      (separate.rows.find((r) => r.policy === 'x')?.rating as number) -
      (separate.rows.find((r) => r.policy === 'y')?.rating as number);
    // No pooling ≈ the separate per-category board; strong pooling ≈ no category effect.
    expect(Math.abs(gap(loose, 'pick') - sep)).toBeLessThan(0.1 * sep);
    expect(Math.abs(gap(tight, 'pick'))).toBeLessThan(0.2 * Math.abs(gap(loose, 'pick')));
  });
});
