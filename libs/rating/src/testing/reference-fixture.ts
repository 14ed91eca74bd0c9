import reference from '../../fixtures/rating-reference.json';

/** The published reference values (a copy of the shared fixture), typed for the specs. */
export interface EloCase {
  id: string;
  input: {
    items: string[];
    battles: [string, string, 'a' | 'b' | 'tie'][];
    K: number;
    SCALE: number;
    BASE: number;
    INIT: number;
  };
  expected: { ratings: Record<string, number> };
}

export interface GlickoCase {
  id: string;
  input: {
    rating: number;
    rd: number;
    vol: number;
    tau: number;
    opponents_rating_rd_score: [number, number, number][];
  };
  expected: { rating: number; rd: number; vol: number };
}

export const glickoCase = (id: string): GlickoCase => {
  const found = reference.glicko2.cases.find((c) => c.id === id);
  if (!found) throw new Error(`fixture case ${id} not found`);
  return found as unknown as GlickoCase;
};

export const eloCase = (id: string): EloCase => {
  const found = reference.elo_online.cases.find((c) => c.id === id);
  if (!found) throw new Error(`fixture case ${id} not found`);
  return found as unknown as EloCase;
};
