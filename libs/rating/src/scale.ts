/**
 * The Elo scale every board is published on: R = 1000 + 400·log10(e)·θ, so 400 rating points are a
 * factor 10 in odds (LMArena's convention; Glicko's 173.7178 is the same constant).
 */
export const ELO_BASE_RATING = 1000;
export const ELO_POINTS_PER_THETA = 400 / Math.LN10;

export function thetaToRating(theta: number): number {
  return ELO_BASE_RATING + ELO_POINTS_PER_THETA * theta;
}

export function ratingToTheta(rating: number): number {
  return (rating - ELO_BASE_RATING) / ELO_POINTS_PER_THETA;
}

/** θ shifted to mean 0: only differences are identified, and the board's mean is pinned to 1000. */
export function centre(theta: readonly number[]): number[] {
  if (theta.length === 0) return [];
  const mean = theta.reduce((s, v) => s + v, 0) / theta.length;
  return theta.map((v) => v - mean);
}
