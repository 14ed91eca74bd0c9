import type { Rollout, RolloutFrame } from './rollout.types';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const defined = <T extends object>(entries: [string, unknown][]): T =>
  Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as T;

/**
 * The rollout without its frames and with fields in the specification's order, absent optional
 * fields left out: both encodings write this, so equal rollouts give equal bytes.
 */
export function canonicalHead(r: Rollout): Omit<Rollout, 'frames'> {
  return defined([
    ['format', r.format],
    ['version', r.version],
    [
      'robot',
      defined([
        ['model', r.robot.model],
        ['urdf', r.robot.urdf],
        ['joints', r.robot.joints.map((j) => ({ name: j.name, lower: j.lower, upper: j.upper }))],
        ['gripper', r.robot.gripper && { lower: r.robot.gripper.lower, upper: r.robot.gripper.upper }],
      ]),
    ],
    ['rateHz', r.rateHz],
    ['actionSpace', r.actionSpace],
    ['chunkStarts', r.chunkStarts && [...r.chunkStarts]],
    [
      'objects',
      r.objects?.map((o) => ({
        id: o.id,
        shape: o.shape,
        size: [...o.size],
        color: o.color,
        poses: o.poses.map((pose) => ({ t: pose.t, p: [...pose.p], r: [...pose.r] })),
      })),
    ],
    ['videos', r.videos?.map((v) => ({ camera: v.camera, offset: v.offset }))],
    [
      'markers',
      r.markers?.map((m) =>
        defined([
          ['t', m.t],
          ['progress', m.progress],
          ['label', m.label],
        ]),
      ),
    ],
    [
      'metadata',
      defined([
        ['source', r.metadata.source],
        ['sceneId', r.metadata.sceneId],
        ['instruction', r.metadata.instruction],
        [
          'perturbations',
          r.metadata.perturbations?.map((x) =>
            defined([
              ['axis', x.axis],
              ['detail', x.detail],
            ]),
          ),
        ],
        ['extra', r.metadata.extra],
      ]),
    ],
  ]);
}

/** JSON's number syntax keeps every finite double; only `-0` needs saying explicitly. */
export const exactNumber = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));

/** JSON.stringify, except that −0 stays −0 (JSON.parse reads "-0" back as −0). */
export function stringifyExact(value: unknown): string {
  if (typeof value === 'number') return exactNumber(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stringifyExact).join(',')}]`;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value as Record<string, Json>)) {
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${stringifyExact(item)}`);
  }
  return `{${parts.join(',')}}`;
}

const numbers = (values: readonly number[]) => values.map(exactNumber).join(',');

/** One frame on one line, fields in the specification's order. */
export function frameJson(f: RolloutFrame): string {
  let out = `{"t":${exactNumber(f.t)},"q":[${numbers(f.q)}]`;
  if (f.gripper !== undefined) out += `,"gripper":${exactNumber(f.gripper)}`;
  if (f.ee !== undefined) out += `,"ee":[${numbers(f.ee)}]`;
  if (f.action !== undefined) out += `,"action":[${numbers(f.action)}]`;
  return `${out}}`;
}
