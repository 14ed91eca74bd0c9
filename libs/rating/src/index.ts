export type { RatingRow, RatingTable, RateOptions, RatingMethod, CiMethod, PeriodSpec } from './types';
export { RATING_METHODS, CI_METHODS } from './types';
export { rate } from './rate';
export { digestRecords, canonicalRecords } from './digest';
export { fitBradleyTerry, type BradleyTerryModel, type FitOptions } from './bt/fit-bradley-terry';
export { DEFAULT_PRIOR_SD } from './bt/prior';
export { thetaToRating, ratingToTheta, ELO_BASE_RATING, ELO_POINTS_PER_THETA } from './scale';
export type { Weighting } from './data/comparisons';
