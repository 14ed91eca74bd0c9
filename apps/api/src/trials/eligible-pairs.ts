import type { PolicyVersionEntity } from '../policies/policy-version.entity';
import type { StationEntity } from '../sites/station.entity';

/**
 * Pairs a trial may draw from: both versions active, neither owned by the evaluator, both for the
 * same embodiment, and — when the trial runs on a known station — that station's embodiment with
 * every camera each version needs.
 */
export function eligiblePairs(
  versions: readonly PolicyVersionEntity[],
  evaluatorId: string,
  station: StationEntity | null,
): [PolicyVersionEntity, PolicyVersionEntity][] {
  const usable = versions.filter(
    (v) =>
      v.status === 'active' &&
      v.ownerId !== evaluatorId &&
      (station === null ||
        (v.embodiment === station.embodiment &&
          v.requirements.cameras.every((c) => station.cameras.includes(c)))),
  );
  const sorted = [...usable].sort((x, y) => (x.id < y.id ? -1 : 1));
  const pairs: [PolicyVersionEntity, PolicyVersionEntity][] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      if (sorted[i]!.embodiment === sorted[j]!.embodiment) pairs.push([sorted[i]!, sorted[j]!]);
    }
  }
  return pairs;
}
