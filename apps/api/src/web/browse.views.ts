export type {
  BrowseEpisode,
  CategoryResult,
  DiagnosticsView,
  EvaluatorReason,
  HeadToHead,
  PolicyReport,
  RatingPoint,
  TrialPage,
  TrialSummary,
} from '@policy-arena/domain';
