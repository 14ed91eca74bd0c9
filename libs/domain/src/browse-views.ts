import type { LeaderboardRow, PublicPolicyVersionView } from './api-views';
import type { Preference, TrialLabel } from './trial';

// What the public pages of the web app read from /api/v1/browse/*: completed trials only (after the
// reveal), evaluators by pseudonym only. Shared by the API (which builds them) and the web app.

export interface BrowseEpisode {
  label: TrialLabel;
  progress: number;
  success: boolean;
}

export interface TrialSummary {
  id: string;
  instruction: string;
  category: string | null;
  completedAt: string;
  /** The policy behind each label, revealed. */
  policies: Record<TrialLabel, string>;
  runOrder: [TrialLabel, TrialLabel];
  preference: Preference;
  reason: string;
  /** The evaluator's stable pseudonym. */
  evaluator: string;
  episodes: BrowseEpisode[];
  /** Whether any verified rollout or video was uploaded (the trial page can replay it). */
  hasMedia: boolean;
}

export interface TrialPage {
  total: number;
  trials: TrialSummary[];
}

export interface DiagnosticsView {
  category: string | null;
  /** Categories of the counted trials, for the filter. */
  categories: string[];
  trials: number;
  policies: string[];
  /** wins[i][j]: trials policies[i] won against policies[j]. */
  wins: number[][];
  ties: number[][];
  /** Trials between i and j. */
  played: number[][];
  /** The head-to-head majorities contain a cycle: no single ranking fits them. */
  intransitive: boolean;
  noClearWinner: boolean;
  condorcetWinner: string | null;
  maximalLottery: Record<string, number>;
}

export interface RatingPoint {
  /** When the trial that ended this prefix was completed. */
  at: string;
  /** Counted trials of all policies up to then. */
  trials: number;
  /** This policy's trials up to then. */
  n: number;
  rating: number;
  ci: [number, number];
}

export interface CategoryResult {
  category: string | null;
  n: number;
  wins: number;
  losses: number;
  ties: number;
  /** Mean progress (0–100) of this policy's episodes. */
  meanProgress: number;
  successRate: number;
}

export interface HeadToHead {
  rival: string;
  n: number;
  wins: number;
  losses: number;
  ties: number;
}

export interface EvaluatorReason {
  trialId: string;
  evaluator: string;
  /** From this policy's side. */
  verdict: 'won' | 'lost' | 'tie' | 'both_bad';
  reason: string;
  at: string;
}

export interface PolicyReport {
  version: PublicPolicyVersionView;
  /** Its row on the official (Bradley–Terry) board; null before its first counted trial. */
  board: LeaderboardRow | null;
  history: RatingPoint[];
  categories: CategoryResult[];
  headToHead: HeadToHead[];
  recentTrials: TrialSummary[];
  reasons: EvaluatorReason[];
}

/** Trials by status, as `/live` pushes them. */
export interface TrialCounts {
  running: number;
  completed: number;
  expired: number;
  voided: number;
}
