import { describe, expect, it } from 'vitest';
import type { PolicyVersionEntity } from '../policies/policy-version.entity';
import type { StationEntity } from '../sites/station.entity';
import { eligiblePairs } from './eligible-pairs';

const version = (id: string, over: Partial<PolicyVersionEntity> = {}): PolicyVersionEntity =>
  ({
    id,
    ownerId: 'owner',
    status: 'active',
    embodiment: 'franka',
    requirements: { cameras: [], actionSpace: 'joint_position' },
    ...over,
  }) as PolicyVersionEntity;

const ids = (pairs: [PolicyVersionEntity, PolicyVersionEntity][]) => pairs.map(([a, b]) => `${a.id}-${b.id}`);

describe('eligiblePairs', () => {
  it('pairs active versions of one embodiment, never one the evaluator owns', () => {
    const pairs = eligiblePairs(
      [
        version('a'),
        version('b'),
        version('c', { status: 'paused' }),
        version('d', { ownerId: 'evaluator' }),
        version('e', { embodiment: 'ur5' }),
      ],
      'evaluator',
      null,
    );
    expect(ids(pairs)).toEqual(['a-b']);
  });

  it('keeps to what the station can run: its embodiment and cameras', () => {
    const station = { embodiment: 'franka', cameras: ['wrist'] } as StationEntity;
    const pairs = eligiblePairs(
      [
        version('a', { requirements: { cameras: ['wrist'], actionSpace: 'joint_position' } }),
        version('b'),
        version('c', { requirements: { cameras: ['wrist', 'exterior_1'], actionSpace: 'joint_position' } }),
      ],
      'evaluator',
      station,
    );
    expect(ids(pairs)).toEqual(['a-b']);
  });
});
