import { describe, expect, it } from 'vitest';
import { repeat } from '../testing/records';
import { diagnose } from './diagnose';

// Rock–paper–scissors with unequal margins: x beats y 9–1, y beats z 6–4, z beats x 7–3.
// For a 3-cycle the maximal lottery is proportional to (M_yz, M_zx, M_xy) = (0.2, 0.4, 0.8).
describe('diagnostics: an intransitive cycle', () => {
  const records = [
    ...repeat('x', 'y', 'a', 9),
    ...repeat('x', 'y', 'b', 1),
    ...repeat('y', 'z', 'a', 6),
    ...repeat('y', 'z', 'b', 4),
    ...repeat('z', 'x', 'a', 7),
    ...repeat('z', 'x', 'b', 3),
  ];
  const report = diagnose(records);

  it('flags the cycle and finds no Condorcet winner', () => {
    expect(report.intransitive).toBe(true);
    expect(report.condorcetWinner).toBeNull();
    expect(report.noClearWinner).toBe(true);
  });

  it('solves the maximal lottery exactly: (1/7, 2/7, 4/7)', () => {
    expect(report.maximalLottery.x).toBeCloseTo(1 / 7, 8);
    expect(report.maximalLottery.y).toBeCloseTo(2 / 7, 8);
    expect(report.maximalLottery.z).toBeCloseTo(4 / 7, 8);
  });

  it('reports a poor Bradley–Terry fit (one number cannot explain a cycle)', () => {
    expect(report.goodnessOfFit.df).toBe(1);
    expect(report.goodnessOfFit.pValue).toBeLessThan(0.05);
  });

  it('keeps the margin matrix antisymmetric', () => {
    report.margins.forEach((row, i) =>
      row.forEach((v, j) => expect(v).toBeCloseTo(-report.margins[j][i], 12)),
    );
  });
});
