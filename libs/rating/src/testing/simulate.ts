import type { PairwiseRecord } from '@policy-arena/domain';
import { logistic } from '../math/special';
import type { Rng } from '../math/prng';

/**
 * Ground-truth simulation helpers for specs and the ranking benchmark: policies with hidden skills
 * θ*, outcomes drawn from the Bradley–Terry model (optionally with ties).
 */
export function policyNames(n: number): string[] {
  return Array.from({ length: n }, (_, k) => `p${String(k).padStart(2, '0')}`);
}

export function drawSkills(rng: Rng, n: number, sd: number): number[] {
  return Array.from({ length: n }, () => sd * rng.normal());
}

export function playTrial(
  rng: Rng,
  names: readonly string[],
  skills: readonly number[],
  i: number,
  j: number,
  tieRate = 0,
): PairwiseRecord {
  const a = names[i];
  const b = names[j];
  if (rng.next() < tieRate) return { a, b, winner: 'tie' };
  return { a, b, winner: rng.next() < logistic(skills[i] - skills[j]) ? 'a' : 'b' };
}

/** Uniformly random distinct pairs, random A/B order. */
export function simulateUniform(
  rng: Rng,
  names: readonly string[],
  skills: readonly number[],
  trials: number,
  tieRate = 0,
): PairwiseRecord[] {
  const out: PairwiseRecord[] = [];
  const n = names.length;
  for (let t = 0; t < trials; t++) {
    const i = rng.int(n);
    let j = rng.int(n - 1);
    if (j >= i) j++;
    out.push(playTrial(rng, names, skills, i, j, tieRate));
  }
  return out;
}

/** Kendall's τ-a between two score vectors (no ties expected in continuous skills). */
export function kendallTau(x: readonly number[], y: readonly number[]): number {
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const s = Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
    }
  }
  const pairs = (x.length * (x.length - 1)) / 2;
  return pairs === 0 ? 1 : (concordant - discordant) / pairs;
}
