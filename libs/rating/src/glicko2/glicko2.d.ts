// The glicko2 package (1.2.2) ships no types; this declares the part the rating engine uses.
declare module 'glicko2' {
  export interface Glicko2Settings {
    tau?: number;
    rating?: number;
    rd?: number;
    vol?: number;
    volatility_algorithm?: 'oldprocedure' | 'newprocedure' | 'newprocedure_mod' | 'oldprocedure_simple';
  }

  export interface Player {
    getRating(): number;
    setRating(rating: number): void;
    getRd(): number;
    setRd(rd: number): void;
    getVol(): number;
    setVol(vol: number): void;
  }

  /** [player, opponent, score of player: 1 win, 0.5 draw, 0 loss]. */
  export type Match = [Player, Player, number];

  export class Glicko2 {
    constructor(settings?: Glicko2Settings);
    makePlayer(rating?: number, rd?: number, vol?: number): Player;
    getPlayers(): Player[];
    updateRatings(matches?: Match[]): void;
    predict(player1: Player, player2: Player): number;
  }
}
