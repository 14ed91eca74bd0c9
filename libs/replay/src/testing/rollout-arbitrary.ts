import fc from 'fast-check';
import {
  actionSpaces,
  objectShapes,
  ROLLOUT_FORMAT,
  ROLLOUT_FORMAT_VERSION,
  type JsonValue,
  type ObjectPose,
  type Rollout,
  type RolloutFrame,
  type RolloutObject,
} from '../format/rollout.types';

/** Any finite double: −0, subnormals, 1e308, values float32 cannot hold exactly. */
const anyNumber = fc.double({ noNaN: true, noDefaultInfinity: true });
const numbers = (n: number) => fc.array(anyNumber, { minLength: n, maxLength: n });

/** Strictly increasing times from a start and positive gaps. */
const times = (count: number) =>
  fc
    .tuple(
      fc.double({ min: -1000, max: 1000, noNaN: true }),
      fc.array(fc.double({ min: 1e-6, max: 5, noNaN: true }), { minLength: count, maxLength: count }),
    )
    .map(([start, gaps]) => {
      let t = start;
      return gaps.map((gap, i) => (i === 0 ? t : (t += gap)));
    })
    .filter((ts) => ts.every((t, i) => i === 0 || t > ts[i - 1]!));

const unitQuaternion = fc
  .tuple(...[0, 1, 2, 3].map(() => fc.double({ min: -1, max: 1, noNaN: true })))
  .filter((q) => Math.hypot(...q) > 0.1)
  .map((q) => {
    const norm = Math.hypot(...q);
    return q.map((v) => v / norm);
  });

const pose = (t: number): fc.Arbitrary<ObjectPose> =>
  fc.record({ t: fc.constant(t), p: numbers(3), r: unitQuaternion });

const object = (id: string): fc.Arbitrary<RolloutObject> =>
  fc.constantFrom(...objectShapes).chain((shape) =>
    fc.record({
      id: fc.constant(id),
      shape: fc.constant(shape),
      size: fc.array(fc.double({ min: 1e-3, max: 10, noNaN: true }), {
        minLength: { box: 3, sphere: 1, cylinder: 2 }[shape],
        maxLength: { box: 3, sphere: 1, cylinder: 2 }[shape],
      }),
      color: fc.integer({ min: 0, max: 0xffffff }).map((c) => `#${c.toString(16).padStart(6, '0')}`),
      poses: fc.integer({ min: 1, max: 5 }).chain((k) => times(k).chain((ts) => fc.tuple(...ts.map(pose)))),
    }),
  );

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** JSON without `__proto__` keys, which no recorder writes and object spreads treat specially. */
const json: fc.Arbitrary<JsonValue> = fc
  .jsonValue({ maxDepth: 3 })
  .filter((v) => !JSON.stringify(v).includes('__proto__')) as fc.Arbitrary<JsonValue>;

/** Valid rollouts covering every optional part of format v1. */
export function rolloutArbitrary(): fc.Arbitrary<Rollout> {
  return fc
    .record({
      dof: fc.integer({ min: 1, max: 8 }),
      frameCount: fc.integer({ min: 1, max: 25 }),
      hasGripper: fc.boolean(),
      hasEe: fc.boolean(),
      actionLength: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
    })
    .chain(({ dof, frameCount, hasGripper, hasEe, actionLength }) =>
      fc
        .record({
          robot: fc.record(
            {
              model: fc.constantFrom('arena/panda-7dof', 'lab/ur5e'),
              urdf: fc.constantFrom('https://example.org/arm.urdf', 'package://arm/robot.urdf'),
              joints: fc.tuple(
                ...Array.from({ length: dof }, (_, i) =>
                  fc
                    .tuple(anyNumber, anyNumber)
                    .map(([a, b]) => ({ name: `joint_${i}`, lower: Math.min(a, b), upper: Math.max(a, b) })),
                ),
              ),
              gripper: fc.constant({ lower: 0, upper: 1 }),
            },
            { requiredKeys: ['model', 'joints'] },
          ),
          rateHz: fc.double({ min: 0.5, max: 1000, noNaN: true }),
          actionSpace: optional(fc.constantFrom(...actionSpaces)),
          frames: times(frameCount).chain((ts) =>
            fc.tuple(
              ...ts.map((t): fc.Arbitrary<RolloutFrame> =>
                fc
                  .record({
                    q: numbers(dof),
                    gripper: hasGripper ? anyNumber : fc.constant(undefined),
                    ee: hasEe ? numbers(6) : fc.constant(undefined),
                    action: actionLength ? numbers(actionLength) : fc.constant(undefined),
                  })
                  .map((f) => ({
                    t,
                    q: f.q,
                    ...(f.gripper !== undefined ? { gripper: f.gripper } : {}),
                    ...(f.ee ? { ee: f.ee } : {}),
                    ...(f.action ? { action: f.action } : {}),
                  })),
              ),
            ),
          ),
          chunkStarts: optional(
            fc
              .uniqueArray(fc.integer({ min: 0, max: frameCount - 1 }))
              .map((s) => [...s].sort((a, b) => a - b)),
          ),
          objectCount: fc.integer({ min: 0, max: 3 }),
          withObjects: fc.boolean(),
          videos: optional(
            fc
              .uniqueArray(fc.constantFrom('left', 'right', 'wrist'), { maxLength: 3 })
              .chain((cams) =>
                fc.tuple(
                  ...cams.map((camera) => fc.record({ camera: fc.constant(camera), offset: anyNumber })),
                ),
              ),
          ),
          markerPicks: optional(
            fc.array(
              fc.record({
                frame: fc.nat(frameCount - 1),
                progress: optional(fc.integer({ min: 0, max: 100 })),
                label: optional(fc.string()),
              }),
              { maxLength: 4 },
            ),
          ),
          metadata: fc.record(
            {
              source: fc.constantFrom('real', 'sim') as fc.Arbitrary<'real' | 'sim'>,
              sceneId: fc.string(),
              instruction: fc.string(),
              perturbations: fc.array(
                fc
                  .record({
                    axis: fc.constantFrom('camera_pose', 'color', 'background'),
                    detail: optional(fc.string()),
                  })
                  .map((p) => (p.detail === undefined ? { axis: p.axis } : p)),
              ),
              extra: fc.dictionary(
                fc.string().filter((k) => k !== '__proto__'),
                json,
                { maxKeys: 3 },
              ),
            },
            { requiredKeys: ['source'] },
          ),
        })
        .chain((parts) =>
          fc
            .tuple(
              ...Array.from({ length: parts.withObjects ? parts.objectCount : 0 }, (_, i) =>
                object(`obj${i}`),
              ),
            )
            .map((objects): Rollout => {
              const markers = parts.markerPicks?.map((m) => ({
                t: parts.frames[m.frame]!.t,
                ...(m.progress !== undefined ? { progress: m.progress } : {}),
                ...(m.label !== undefined ? { label: m.label } : {}),
              }));
              // structuredClone: fast-check may build null-prototype objects; decoders never do.
              return structuredClone({
                format: ROLLOUT_FORMAT,
                version: ROLLOUT_FORMAT_VERSION,
                robot: parts.robot,
                rateHz: parts.rateHz,
                ...(parts.actionSpace ? { actionSpace: parts.actionSpace } : {}),
                frames: parts.frames,
                ...(parts.chunkStarts ? { chunkStarts: parts.chunkStarts } : {}),
                ...(parts.withObjects ? { objects } : {}),
                ...(parts.videos ? { videos: parts.videos } : {}),
                ...(markers ? { markers } : {}),
                metadata: parts.metadata,
              });
            }),
        ),
    );
}
