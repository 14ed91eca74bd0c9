import type { PolicyVersionEntity } from '../policies/policy-version.entity';
import type { StationEntity } from '../sites/station.entity';

/**
 * Versions a trial may draw: active (not paused or retired), not owned by the evaluator, endpoint
 * healthy, and — on a known station — that station's embodiment with every camera they need.
 */
export function eligibleVersions(
  versions: readonly PolicyVersionEntity[],
  evaluatorId: string,
  station: StationEntity | null,
  isHealthy: (v: PolicyVersionEntity) => boolean = () => true,
): PolicyVersionEntity[] {
  return versions.filter(
    (v) =>
      v.status === 'active' &&
      v.ownerId !== evaluatorId &&
      isHealthy(v) &&
      (station === null ||
        (v.embodiment === station.embodiment &&
          v.requirements.cameras.every((c) => station.cameras.includes(c)))),
  );
}

/**
 * Two versions can meet blind only if nothing about their interface tells them apart: the same
 * embodiment and the same action space (the station must execute either one's actions unseen).
 */
export function compatible(x: PolicyVersionEntity, y: PolicyVersionEntity): boolean {
  return x.embodiment === y.embodiment && x.requirements.actionSpace === y.requirements.actionSpace;
}

export function eligiblePairs(
  versions: readonly PolicyVersionEntity[],
  evaluatorId: string,
  station: StationEntity | null,
  isHealthy?: (v: PolicyVersionEntity) => boolean,
): [PolicyVersionEntity, PolicyVersionEntity][] {
  const sorted = eligibleVersions(versions, evaluatorId, station, isHealthy).sort((x, y) =>
    x.id < y.id ? -1 : 1,
  );
  const pairs: [PolicyVersionEntity, PolicyVersionEntity][] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      if (compatible(sorted[i]!, sorted[j]!)) pairs.push([sorted[i]!, sorted[j]!]);
    }
  }
  return pairs;
}
