// The answers of /api/v1/browse/*, shared with the API through libs/domain.
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
  TrialCounts,
} from '@policy-arena/domain';
