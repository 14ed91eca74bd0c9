import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rate } from './rate';
import { recordsArbitrary } from './testing/arbitraries';
import { RATING_METHODS } from './types';

function allNumbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allNumbers(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => allNumbers(v, out));
  return out;
}

// Random boards: undefeated and winless policies, disconnected graphs, all ties, weights.
describe('property: no NaN or Infinity for any input', () => {
  for (const method of RATING_METHODS) {
    it(method, () => {
      fc.assert(
        fc.property(
          recordsArbitrary(7, 50),
          fc.constantFrom('none' as const, 'ipw' as const),
          (records, weighting) => {
            const table = rate(records, { method, weighting, rounds: 10 });
            const numbers = allNumbers(table);
            expect(numbers.every(Number.isFinite)).toBe(true);
            expect(JSON.stringify(table)).not.toContain('null');
            for (const row of table.rows) {
              expect(row.ci[0]).toBeLessThanOrEqual(row.ci[1]);
              expect(row.rank).toBeGreaterThanOrEqual(1);
              expect(row.rankRange[1]).toBeLessThanOrEqual(table.rows.length);
              expect(row.rankRange[0]).toBeLessThanOrEqual(row.rankRange[1]);
            }
          },
        ),
        { numRuns: 40, seed: 99 },
      );
    });
  }

  it('an empty input gives an empty board', () => {
    expect(rate([]).rows).toEqual([]);
    expect(rate([], { method: 'task' }).rows).toEqual([]);
  });
});
