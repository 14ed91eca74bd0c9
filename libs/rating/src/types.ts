import type { Weighting } from './data/comparisons';

/** One line of a leaderboard. Ratings and interval ends are on the Elo scale, rounded to 2 decimals. */
export interface RatingRow {
  policy: string;
  rating: number;
  ci: [number, number];
  /** 1 + the number of policies whose interval lies wholly above this one (LMArena's rank). */
  rank: number;
  /** [rank, n − the number of policies whose interval lies wholly below this one]. */
  rankRange: [number, number];
  /** Trials this policy took part in, then its wins, losses and ties (both_bad counted as a tie). */
  n: number;
  wins: number;
  losses: number;
  ties: number;
}

export interface RatingTable {
  method: string;
  /** sha256 of the canonical serialisation of the records that were rated (see digest.ts). */
  inputDigest: string;
  trials: number;
  rows: RatingRow[];
  /** The resolved settings the table was computed with, so a board can be reproduced. */
  params?: Record<string, unknown>;
  /** Task-aware model only: one board per category (keys in code-unit order). */
  categoryRows?: Record<string, RatingRow[]>;
}

export type RatingMethod = 'bt' | 'davidson' | 'glicko2' | 'elo' | 'task';
export const RATING_METHODS: readonly RatingMethod[] = ['bt', 'davidson', 'glicko2', 'elo', 'task'];

export type CiMethod = 'sandwich' | 'bootstrap';
export const CI_METHODS: readonly CiMethod[] = ['sandwich', 'bootstrap'];

/** Glicko-2 rating periods: a fixed number of trials per period, or one period per UTC day of `ts`. */
export type PeriodSpec = 'auto' | 'day' | number;

export interface RateOptions {
  /** Default 'bt'. */
  method?: RatingMethod;
  /** Interval method for bt, davidson and task. Default 'sandwich'. Elo always bootstraps. */
  ci?: CiMethod;
  /** Interval coverage. Default 0.95. */
  level?: number;
  /** Bootstrap rounds. Default 100 (LMArena's). */
  rounds?: number;
  /** Seed of every random draw. Default 0. */
  seed?: number | string;
  /** Rate only the records of this category (a per-category board). */
  category?: string;
  /** 'ipw' weights each record by 1/propensity (normalised to mean 1). Default 'none'. */
  weighting?: Weighting;
  /** SD of the Gaussian prior on θ (bt, davidson, task). Default 3; see bt/prior.ts. */
  priorSd?: number;
  /** Elo K factor. Default 4. */
  k?: number;
  /** Glicko-2 rating periods. Default 'auto': by day when every record has a `ts`, else 50 trials. */
  period?: PeriodSpec;
  /** Glicko-2 system constant τ. Default 0.5. */
  tau?: number;
  /** Task model: SD of the policy×category deviations δ (θ units). Default 0.5. */
  categorySd?: number;
}
