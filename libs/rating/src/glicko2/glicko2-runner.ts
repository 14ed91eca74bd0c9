// Projects that compile this lib through the path alias (cli, api) do not include its .d.ts files,
// so the ambient declaration travels with the one file that needs it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./glicko2.d.ts" />
import { Glicko2, type Match, type Player } from 'glicko2';

export interface GlickoState {
  rating: number;
  rd: number;
  vol: number;
}

export interface GlickoSystem {
  tau: number;
  /** Defaults for a player's first appearance. */
  initial: GlickoState;
}

/** [player, opponent, score of player]. */
export type GlickoGame = [string, string, number];

/**
 * Runs explicit rating periods through the glicko2 package, working around its two traps:
 * - `updateRatings()` without arguments re-counts the previous period's games, so every call
 *   passes that period's games (possibly none, which still widens the RDs of everyone);
 * - `makePlayer(0, …)` silently replaces a 0 rating/RD/volatility with the default (`x || default`),
 *   so players are created with defaults and then set explicitly.
 * A player joins at its first game (or from `start`); until then it does not age.
 */
export function runGlicko2(
  periods: readonly (readonly GlickoGame[])[],
  system: GlickoSystem,
  start: ReadonlyMap<string, GlickoState> = new Map(),
): Map<string, GlickoState> {
  const engine = new Glicko2({ tau: system.tau });
  const players = new Map<string, Player>();
  const join = (id: string): Player => {
    let player = players.get(id);
    if (!player) {
      const state = start.get(id) ?? system.initial;
      player = engine.makePlayer();
      // The package stores rating relative to its own default (1500), so this is exact for any base.
      player.setRating(state.rating);
      player.setRd(state.rd);
      player.setVol(state.vol);
      players.set(id, player);
    }
    return player;
  };
  for (const id of start.keys()) join(id);
  for (const games of periods) {
    const matches: Match[] = games.map(([x, y, score]) => [join(x), join(y), score]);
    engine.updateRatings(matches);
  }
  const out = new Map<string, GlickoState>();
  for (const [id, player] of players)
    out.set(id, { rating: player.getRating(), rd: player.getRd(), vol: player.getVol() });
  return out;
}
