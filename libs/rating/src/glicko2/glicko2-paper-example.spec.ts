import { describe, expect, it } from 'vitest';
import { glickoCase } from '../testing/reference-fixture';
import { runGlicko2, type GlickoState } from './glicko2-runner';

// Glickman's worked example (glicko2.pdf, rev. 2022-03-22) through our wrapper of the glicko2 package.
describe('Glicko-2: Glickman worked example', () => {
  const fixture = glickoCase('glicko2_paper_example');
  const { input, expected } = fixture;
  const start = new Map<string, GlickoState>([
    ['player', { rating: input.rating, rd: input.rd, vol: input.vol }],
  ]);
  input.opponents_rating_rd_score.forEach(([rating, rd], k) =>
    start.set(`opponent${k}`, { rating, rd, vol: 0.06 }),
  );
  const games = input.opponents_rating_rd_score.map(([, , score], k): [string, string, number] => [
    'player',
    `opponent${k}`,
    score,
  ]);
  const result = runGlicko2(
    [games],
    { tau: input.tau, initial: { rating: 1500, rd: 350, vol: 0.06 } },
    start,
  );
  const player = result.get('player') as GlickoState;

  it('reaches the published rating 1464.05 (full-precision value, not the paper-rounded 1464.06)', () => {
    expect(Math.abs(player.rating - 1464.05)).toBeLessThan(0.01);
    expect(player.rating).toBeCloseTo(expected.rating, 6);
  });

  it('reaches the published RD and volatility', () => {
    expect(player.rd).toBeCloseTo(expected.rd, 4);
    expect(Math.abs(player.rd - 151.52)).toBeLessThan(0.01);
    expect(player.vol).toBeCloseTo(expected.vol, 7);
  });
});
