export type { RatingRow, RatingTable, RateOptions, RatingMethod, CiMethod, PeriodSpec } from './types';
export { RATING_METHODS, CI_METHODS } from './types';
export { rate } from './rate';
export { digestRecords, canonicalRecords } from './digest';
export { fitBradleyTerry, type BradleyTerryModel, type FitOptions } from './bt/fit-bradley-terry';
export { DEFAULT_PRIOR_SD } from './bt/prior';
export { thetaToRating, ratingToTheta, ELO_BASE_RATING, ELO_POINTS_PER_THETA } from './scale';
export type { Weighting } from './data/comparisons';
export { computeElo, FASTCHAT_ELO, type EloSettings } from './elo/elo';
export { runGlicko2, type GlickoState, type GlickoSystem, type GlickoGame } from './glicko2/glicko2-runner';
export { splitPeriods, DEFAULT_PERIOD_SIZE } from './glicko2/periods';
export { diagnose, type Diagnostics } from './diagnostics/diagnose';
export { winMatrix, preferenceMargins, type WinMatrix } from './diagnostics/win-matrix';
export {
  maximalLottery,
  condorcetWinner,
  hasMajorityCycle,
  type MaximalLottery,
} from './diagnostics/maximal-lottery';
export { type GoodnessOfFit } from './diagnostics/goodness-of-fit';
export {
  chooseMatch,
  matchDistribution,
  DEFAULT_EXPLORATION_FLOOR,
  type ChooseMatchInput,
  type LookaheadOptions,
  type MatchStrategy,
  type NewVersionBoost,
  type PairProbability,
} from './matchmaking/choose-match';
export { createRng, type Rng } from './math/prng';
export {
  evaluatorIntegrity,
  type EvaluatorIntegrity,
  type FavouritismFinding,
  type IntegrityOptions,
  type IntegrityReport,
} from './integrity/evaluator-integrity';
export { downWeightEvaluators, type DownWeightOptions } from './integrity/down-weight';
