import { describe, expect, it } from 'vitest';
import { digestRecords } from './digest';
import { rate } from './rate';
import { repeat } from './testing/records';

// The public table: shape, order, rounding, LMArena rank and rank range, category boards, digest.
describe('rate(): the published table', () => {
  const records = [
    ...repeat('alpha', 'beta', 'a', 40),
    ...repeat('alpha', 'beta', 'b', 10),
    ...repeat('beta', 'gamma', 'a', 30),
    ...repeat('beta', 'gamma', 'b', 20),
    ...repeat('gamma', 'delta', 'a', 38),
    ...repeat('gamma', 'delta', 'b', 12),
    ...repeat('alpha', 'delta', 'tie', 5).map((r) => ({ ...r, category: 'wipe' })),
  ];
  const table = rate(records);

  it('sorts rows by rating, descending, with 2-decimal numbers', () => {
    expect(table.rows.map((r) => r.policy)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    for (const row of table.rows) {
      for (const v of [row.rating, ...row.ci]) expect(Math.round(v * 100) / 100).toBe(v);
    }
  });

  it('computes rank = 1 + #{j : lo_j > hi_i} and the rank range from the printed intervals', () => {
    const n = table.rows.length;
    for (const row of table.rows) {
      const above = table.rows.filter((o) => o.ci[0] > row.ci[1]).length;
      const below = table.rows.filter((o) => o.ci[1] < row.ci[0]).length;
      expect(row.rank).toBe(1 + above);
      expect(row.rankRange).toEqual([1 + above, n - below]);
    }
    expect(table.rows[0].rank).toBe(1);
  });

  it('counts trials, wins, losses and ties per policy', () => {
    const alpha = table.rows.find((r) => r.policy === 'alpha');
    expect(alpha).toMatchObject({ n: 55, wins: 40, losses: 10, ties: 5 });
    expect(table.trials).toBe(records.length);
    expect(table.method).toBe('bt');
  });

  it('digests the rated records as sha256 over the canonical serialisation', () => {
    expect(table.inputDigest).toBe(digestRecords(records));
    expect(table.inputDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Key order and absent optional fields do not change the digest; the values do.
    const reordered = records.map((r) => ({
      winner: r.winner,
      b: r.b,
      a: r.a,
      ...('category' in r ? { category: r.category } : {}),
    }));
    expect(digestRecords(reordered)).toBe(table.inputDigest);
    expect(digestRecords([...records].reverse())).not.toBe(table.inputDigest);
  });

  it('rates one category on its own when asked', () => {
    const wipe = rate(records, { category: 'wipe' });
    expect(wipe.trials).toBe(5);
    expect(wipe.rows.map((r) => r.policy).sort()).toEqual(['alpha', 'delta']);
    expect(wipe.inputDigest).toBe(digestRecords(records.filter((r) => r.category === 'wipe')));
    expect(wipe.params).toMatchObject({ category: 'wipe' });
  });

  it('rejects a bad option naming it and what is accepted', () => {
    expect(() => rate(records, { method: 'trueskill' as never })).toThrow(
      'method: expected one of bt|davidson|glicko2|elo|task',
    );
    expect(() => rate(records, { rounds: 1 })).toThrow(/^rounds:/);
    expect(() => rate(records, { level: 1.5 })).toThrow(/^level:/);
    expect(() => rate(records, { priorSd: 0 })).toThrow(/^priorSd:/);
  });

  it('rejects a record that compares a policy with itself', () => {
    expect(() => rate([{ a: 'x', b: 'x', winner: 'a' }])).toThrow('record 1: b: must differ from a');
  });

  it('weights by inverse propensity when asked, and says so', () => {
    const weighted = rate(
      records.map((r, k) => ({ ...r, propensity: k % 2 === 0 ? 0.1 : 0.5 })),
      { weighting: 'ipw' },
    );
    expect(weighted.params).toMatchObject({ weighting: 'ipw' });
    expect(weighted.rows.map((r) => r.policy)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
  });
});
