import { describe, expect, it } from 'vitest';
import { repeat } from '../testing/records';
import { diagnose } from './diagnose';

// A clean order x ≻ y ≻ z with BT-consistent margins.
describe('diagnostics: a transitive board', () => {
  const records = [
    ...repeat('x', 'y', 'a', 7),
    ...repeat('x', 'y', 'b', 3),
    ...repeat('y', 'z', 'a', 7),
    ...repeat('y', 'z', 'b', 3),
    ...repeat('x', 'z', 'a', 8),
    ...repeat('x', 'z', 'b', 2),
    ...repeat('x', 'z', 'both_bad', 2),
  ];
  const report = diagnose(records);

  it('names the Condorcet winner, which takes the whole lottery', () => {
    expect(report.condorcetWinner).toBe('x');
    expect(report.maximalLottery).toEqual({ x: 1, y: 0, z: 0 });
    expect(report.intransitive).toBe(false);
    expect(report.noClearWinner).toBe(false);
  });

  it('counts the win matrix, with both_bad as a tie', () => {
    const { policies, wins, ties, bothBad, trials } = report.winMatrix;
    expect(policies).toEqual(['x', 'y', 'z']);
    expect(wins[0][2]).toBe(8);
    expect(wins[2][0]).toBe(2);
    expect(ties[0][2]).toBe(2);
    expect(bothBad[2][0]).toBe(2);
    expect(trials[0][2]).toBe(12);
  });

  it('accepts the Bradley–Terry fit', () => {
    expect(report.goodnessOfFit.pValue).toBeGreaterThan(0.2);
    expect(report.goodnessOfFit.deviance).toBeGreaterThanOrEqual(0);
  });
});
