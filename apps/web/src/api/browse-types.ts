// The answers of /api/v1/browse/* (apps/api/src/web/browse.views.ts), which the web app reads.
// A copy, not an import: an app may not import another app (Nx module boundaries).
import type { Preference, PublicPolicyVersionView, TrialLabel } from '@policy-arena/domain';
import type { LeaderboardRow } from '@policy-arena/sdk';

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
  policies: Record<TrialLabel, string>;
  runOrder: [TrialLabel, TrialLabel];
  preference: Preference;
  reason: string;
  evaluator: string;
  episodes: BrowseEpisode[];
  hasMedia: boolean;
}

export interface TrialPage {
  total: number;
  trials: TrialSummary[];
}

export interface DiagnosticsView {
  category: string | null;
  categories: string[];
  trials: number;
  policies: string[];
  wins: number[][];
  ties: number[][];
  played: number[][];
  intransitive: boolean;
  noClearWinner: boolean;
  condorcetWinner: string | null;
  maximalLottery: Record<string, number>;
}

export interface RatingPoint {
  at: string;
  trials: number;
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
  verdict: 'won' | 'lost' | 'tie' | 'both_bad';
  reason: string;
  at: string;
}

export interface PolicyReport {
  version: PublicPolicyVersionView;
  board: LeaderboardRow | null;
  history: RatingPoint[];
  categories: CategoryResult[];
  headToHead: HeadToHead[];
  recentTrials: TrialSummary[];
  reasons: EvaluatorReason[];
}

export interface TrialCounts {
  running: number;
  completed: number;
  expired: number;
  voided: number;
}
