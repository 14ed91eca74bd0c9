import type { DiagnosticsView } from '@policy-arena/domain';
import type { BradleyTerryModel, PairProbability, RatingMethod, RatingTable } from '@policy-arena/rating';
import type { PolicyRatings } from './board-reports';

/**
 * What the API asks of the rating worker. A board and a fit load the counted trials first; `close`
 * ends the thread once its connection is closed (terminating it could cut a native call short).
 */
export type RatingWorkerRequest =
  | { id: number; kind: 'board'; method: RatingMethod; category?: string }
  /** The matchmaking distribution over the eligible versions' pairs, given the pairs now running. */
  | { id: number; kind: 'match-distribution'; eligible: string[]; running: RunningPair[] }
  /** A policy page's figures: its board row, its rating history, its head-to-head record. */
  | { id: number; kind: 'policy-ratings'; handle: string }
  | { id: number; kind: 'diagnostics'; category?: string }
  /** The open-data export: every counted trial as one JSON line, in `arena rate`'s input format. */
  | { id: number; kind: 'export' }
  | { id: number; kind: 'close' };

/** Two version handles and how many trials between them are running now. */
export type RunningPair = [a: string, b: string, trials: number];

/** The matchmaker's input: a Bradley–Terry fit and how many counted trials each version has. */
export interface MatchFit {
  model: BradleyTerryModel;
  counts: Record<string, number>;
}

/** An error crosses the thread as plain data; `code` keeps pg's and the network's codes. */
export interface RatingWorkerFailure {
  message: string;
  code?: string;
}

/** Every answer also says how much of its own heap the worker uses (its isolate is not the API's). */
export type RatingWorkerResponse = { heapUsedBytes: number } & (
  | { id: number; board: RatingTable }
  | { id: number; distribution: PairProbability[] }
  | { id: number; policyRatings: PolicyRatings }
  | { id: number; diagnostics: DiagnosticsView }
  | { id: number; exported: string }
  | { id: number; failure: RatingWorkerFailure }
);

export interface RatingWorkerData {
  databaseUrl: string;
}
