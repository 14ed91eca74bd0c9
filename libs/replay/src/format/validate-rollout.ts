import type { FieldProblem } from '@policy-arena/domain';
import { ProblemList } from './rollout-problems';
import {
  actionSpaces,
  objectShapes,
  ROLLOUT_FORMAT,
  ROLLOUT_FORMAT_VERSION,
  rolloutSources,
  type Rollout,
} from './rollout.types';

export type RolloutValidation = { ok: true; rollout: Rollout } | { ok: false; problems: FieldProblem[] };

export interface ValidateOptions {
  /** Stop listing after this many problems (the last entry counts the rest). */
  maxProblems?: number;
}

type Obj = Record<string, unknown>;

const NOT_FINITE = 'not a finite number';
const MAX_JOINTS = 64;
const MAX_ACTION = 64;
const sizeArity: Record<string, number> = { box: 3, sphere: 1, cylinder: 2 };

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * Checks a decoded value against rollout format v1 and reports every problem with its path
 * (`frames[412].q[3]: not a finite number`), not just the first: a recorder's author fixes a
 * file in one pass. Hand-written rather than a zod schema because a 10-minute rollout has
 * ~200,000 numbers and the messages must say which frame and joint, in the format's words.
 */
export function validateRollout(value: unknown, options: ValidateOptions = {}): RolloutValidation {
  const p = new ProblemList(options.maxProblems);
  if (!isObject(value)) {
    p.add('(rollout)', 'expected a JSON object with format, version, robot, rateHz, frames, metadata');
    return { ok: false, problems: p.result() };
  }
  unknownKeys(
    value,
    '',
    [
      'format',
      'version',
      'robot',
      'rateHz',
      'actionSpace',
      'frames',
      'chunkStarts',
      'objects',
      'videos',
      'markers',
      'metadata',
    ],
    p,
  );
  if (value['format'] !== ROLLOUT_FORMAT) p.add('format', `expected "${ROLLOUT_FORMAT}"`);
  if (value['version'] !== ROLLOUT_FORMAT_VERSION)
    p.add('version', `expected ${ROLLOUT_FORMAT_VERSION} (this reader knows format v1)`);
  const dof = checkRobot(value['robot'], p);
  const rate = value['rateHz'];
  if (!isFinite(rate)) p.add('rateHz', NOT_FINITE);
  else if (rate <= 0 || rate > 10_000) p.add('rateHz', 'expected a rate in Hz above 0 and at most 10000');
  if (value['actionSpace'] !== undefined && !actionSpaces.includes(value['actionSpace'] as never))
    p.add('actionSpace', `expected one of ${actionSpaces.join(', ')}`);
  const span = checkFrames(value['frames'], dof, p);
  checkChunkStarts(value['chunkStarts'], span?.count, p);
  checkObjects(value['objects'], p);
  checkVideos(value['videos'], p);
  checkMarkers(value['markers'], span, p);
  checkMetadata(value['metadata'], p);
  return p.empty ? { ok: true, rollout: value as unknown as Rollout } : { ok: false, problems: p.result() };
}

function unknownKeys(value: Obj, path: string, allowed: readonly string[], p: ProblemList): void {
  for (const key in value) {
    if (!allowed.includes(key))
      p.add(path ? `${path}.${key}` : key, `unknown field (v1 accepts ${allowed.join(', ')})`);
  }
}

function numberArray(
  value: unknown,
  path: string,
  length: number | undefined,
  what: string,
  p: ProblemList,
): boolean {
  if (!Array.isArray(value)) {
    p.add(path, `expected an array of ${length ?? ''}${length === undefined ? '' : ' '}numbers (${what})`);
    return false;
  }
  if (length !== undefined && value.length !== length) {
    p.add(path, `expected ${length} numbers (${what}), got ${value.length}`);
  }
  for (let j = 0; j < value.length; j++) if (!isFinite(value[j])) p.add(`${path}[${j}]`, NOT_FINITE);
  return true;
}

/** Returns the number of joints when the robot description can be trusted for frame checks. */
function checkRobot(robot: unknown, p: ProblemList): number | undefined {
  if (!isObject(robot)) {
    p.add('robot', 'expected an object {model or urdf, joints}');
    return undefined;
  }
  unknownKeys(robot, 'robot', ['model', 'urdf', 'joints', 'gripper'], p);
  for (const key of ['model', 'urdf'] as const) {
    if (robot[key] !== undefined && !isText(robot[key])) p.add(`robot.${key}`, 'expected a non-empty string');
  }
  if (robot['model'] === undefined && robot['urdf'] === undefined)
    p.add('robot', 'needs a model id (e.g. "arena/panda-7dof") or a urdf reference');
  const gripper = robot['gripper'];
  if (gripper !== undefined) {
    if (!isObject(gripper)) p.add('robot.gripper', 'expected an object {lower, upper}');
    else {
      unknownKeys(gripper, 'robot.gripper', ['lower', 'upper'], p);
      checkLimits(gripper, 'robot.gripper', p);
    }
  }
  const joints = robot['joints'];
  if (!Array.isArray(joints) || joints.length === 0 || joints.length > MAX_JOINTS) {
    p.add('robot.joints', `expected an array of 1 to ${MAX_JOINTS} joints {name, lower, upper}`);
    return undefined;
  }
  const names = new Set<string>();
  joints.forEach((joint, i) => {
    const path = `robot.joints[${i}]`;
    if (!isObject(joint)) {
      p.add(path, 'expected an object {name, lower, upper}');
      return;
    }
    unknownKeys(joint, path, ['name', 'lower', 'upper'], p);
    if (!isText(joint['name'])) p.add(`${path}.name`, 'expected a non-empty string');
    else if (names.has(joint['name'])) p.add(`${path}.name`, `"${joint['name']}" appears twice`);
    else names.add(joint['name']);
    checkLimits(joint, path, p);
  });
  return joints.length;
}

function checkLimits(value: Obj, path: string, p: ProblemList): void {
  const { lower, upper } = value;
  if (!isFinite(lower)) p.add(`${path}.lower`, NOT_FINITE);
  if (!isFinite(upper)) p.add(`${path}.upper`, NOT_FINITE);
  if (isFinite(lower) && isFinite(upper) && lower > upper)
    p.add(`${path}.upper`, `below lower (${upper} < ${lower})`);
}

interface FrameSpan {
  count: number;
  first: number;
  last: number;
}

const frameKeys = ['t', 'q', 'gripper', 'ee', 'action'];

function checkFrames(frames: unknown, dof: number | undefined, p: ProblemList): FrameSpan | undefined {
  if (!Array.isArray(frames) || frames.length === 0) {
    p.add('frames', 'expected a non-empty array of frames {t, q, …}');
    return undefined;
  }
  // Every frame carries the same fields as the first: the binary encoding stores columns.
  const head: unknown = frames[0];
  const hasGripper = isObject(head) && head['gripper'] !== undefined;
  const hasEe = isObject(head) && head['ee'] !== undefined;
  const actionLength =
    isObject(head) && Array.isArray(head['action']) ? (head['action'] as unknown[]).length : undefined;
  if (actionLength !== undefined && (actionLength < 1 || actionLength > MAX_ACTION))
    p.add('frames[0].action', `expected 1 to ${MAX_ACTION} numbers, got ${actionLength}`);
  let previous = Number.NaN;
  let first = Number.NaN;
  for (let i = 0; i < frames.length; i++) {
    const frame: unknown = frames[i];
    const path = `frames[${i}]`;
    if (!isObject(frame)) {
      p.add(path, 'expected an object {t, q, …}');
      previous = Number.NaN;
      continue;
    }
    unknownKeys(frame, path, frameKeys, p);
    const t = frame['t'];
    if (!isFinite(t)) p.add(`${path}.t`, NOT_FINITE);
    else if (t <= previous) p.add(`${path}.t`, `not after frames[${i - 1}].t (${t} ≤ ${previous})`);
    if (i === 0) first = isFinite(t) ? t : Number.NaN;
    previous = isFinite(t) ? t : Number.NaN;
    numberArray(frame['q'], `${path}.q`, dof, 'one joint position per robot.joints entry', p);
    const gripper = frame['gripper'];
    if (gripper === undefined) {
      if (hasGripper) p.add(`${path}.gripper`, 'missing; frames[0] has one, so every frame needs one');
    } else if (!hasGripper) {
      p.add(
        `${path}.gripper`,
        'present, but frames[0] has none: every frame has a gripper value or none does',
      );
    } else if (!isFinite(gripper)) p.add(`${path}.gripper`, NOT_FINITE);
    const ee = frame['ee'];
    if (ee === undefined) {
      if (hasEe) p.add(`${path}.ee`, 'missing; frames[0] has one, so every frame needs one');
    } else if (!hasEe) {
      p.add(`${path}.ee`, 'present, but frames[0] has none: every frame has an ee pose or none does');
    } else numberArray(ee, `${path}.ee`, 6, 'x, y, z, roll, pitch, yaw', p);
    const action = frame['action'];
    if (action === undefined) {
      if (actionLength !== undefined)
        p.add(`${path}.action`, 'missing; frames[0] has one, so every frame needs one');
    } else if (actionLength === undefined) {
      p.add(`${path}.action`, 'present, but frames[0] has none: every frame has an action or none does');
    } else numberArray(action, `${path}.action`, actionLength, 'as long as frames[0].action', p);
  }
  return { count: frames.length, first, last: previous };
}

function checkChunkStarts(value: unknown, frameCount: number | undefined, p: ProblemList): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    p.add('chunkStarts', 'expected an array of frame indices');
    return;
  }
  let previous = -1;
  value.forEach((start, i) => {
    const path = `chunkStarts[${i}]`;
    if (!Number.isSafeInteger(start) || (start as number) < 0)
      p.add(path, 'expected a frame index (0, 1, 2, …)');
    else if ((start as number) <= previous)
      p.add(path, `not after chunkStarts[${i - 1}] (${start} ≤ ${previous})`);
    else if (frameCount !== undefined && (start as number) >= frameCount)
      p.add(path, `beyond the last frame (${frameCount} frames)`);
    if (Number.isSafeInteger(start)) previous = start as number;
  });
}

function checkObjects(value: unknown, p: ProblemList): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    p.add('objects', 'expected an array of objects {id, shape, size, color, poses}');
    return;
  }
  const ids = new Set<string>();
  value.forEach((object, i) => {
    const path = `objects[${i}]`;
    if (!isObject(object)) {
      p.add(path, 'expected an object {id, shape, size, color, poses}');
      return;
    }
    unknownKeys(object, path, ['id', 'shape', 'size', 'color', 'poses'], p);
    if (!isText(object['id'])) p.add(`${path}.id`, 'expected a non-empty string');
    else if (ids.has(object['id'])) p.add(`${path}.id`, `"${object['id']}" appears twice`);
    else ids.add(object['id']);
    const shape = object['shape'];
    const arity = typeof shape === 'string' ? sizeArity[shape] : undefined;
    if (arity === undefined) p.add(`${path}.shape`, `expected one of ${objectShapes.join(', ')}`);
    const size = object['size'];
    if (
      numberArray(size, `${path}.size`, arity, 'box: x, y, z; sphere: radius; cylinder: radius, height', p) &&
      (size as unknown[]).some((s) => isFinite(s) && s <= 0)
    )
      p.add(`${path}.size`, 'every dimension must be above 0');
    if (typeof object['color'] !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(object['color']))
      p.add(`${path}.color`, 'expected a colour "#rrggbb"');
    const poses = object['poses'];
    if (!Array.isArray(poses) || poses.length === 0) {
      p.add(`${path}.poses`, 'expected a non-empty array of poses {t, p, r}');
      return;
    }
    let previous = Number.NaN;
    poses.forEach((pose, k) => {
      const posePath = `${path}.poses[${k}]`;
      if (!isObject(pose)) {
        p.add(posePath, 'expected an object {t, p, r}');
        return;
      }
      unknownKeys(pose, posePath, ['t', 'p', 'r'], p);
      const t = pose['t'];
      if (!isFinite(t)) p.add(`${posePath}.t`, NOT_FINITE);
      else if (t <= previous) p.add(`${posePath}.t`, `not after poses[${k - 1}].t (${t} ≤ ${previous})`);
      previous = isFinite(t) ? t : Number.NaN;
      numberArray(pose['p'], `${posePath}.p`, 3, 'x, y, z', p);
      const r = pose['r'];
      if (numberArray(r, `${posePath}.r`, 4, 'quaternion x, y, z, w', p)) {
        const q = r as unknown[];
        if (q.length === 4 && q.every(isFinite)) {
          const norm = Math.hypot(...(q as number[]));
          if (Math.abs(norm - 1) > 1e-3)
            p.add(`${posePath}.r`, `expected a unit quaternion (length ${norm.toPrecision(4)})`);
        }
      }
    });
  });
}

function checkVideos(value: unknown, p: ProblemList): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    p.add('videos', 'expected an array of {camera, offset}');
    return;
  }
  const cameras = new Set<string>();
  value.forEach((video, i) => {
    const path = `videos[${i}]`;
    if (!isObject(video)) {
      p.add(path, 'expected an object {camera, offset}');
      return;
    }
    unknownKeys(video, path, ['camera', 'offset'], p);
    if (!isText(video['camera'])) p.add(`${path}.camera`, 'expected a non-empty string');
    else if (cameras.has(video['camera'])) p.add(`${path}.camera`, `"${video['camera']}" appears twice`);
    else cameras.add(video['camera']);
    if (!isFinite(video['offset'])) p.add(`${path}.offset`, NOT_FINITE);
  });
}

function checkMarkers(value: unknown, span: FrameSpan | undefined, p: ProblemList): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    p.add('markers', 'expected an array of {t, progress?, label?}');
    return;
  }
  value.forEach((marker, i) => {
    const path = `markers[${i}]`;
    if (!isObject(marker)) {
      p.add(path, 'expected an object {t, progress?, label?}');
      return;
    }
    unknownKeys(marker, path, ['t', 'progress', 'label'], p);
    const t = marker['t'];
    if (!isFinite(t)) p.add(`${path}.t`, NOT_FINITE);
    else if (span && isFinite(span.first) && isFinite(span.last) && (t < span.first || t > span.last))
      p.add(`${path}.t`, `outside the frames' time span (${span.first} … ${span.last})`);
    const progress = marker['progress'];
    if (progress !== undefined && (!isFinite(progress) || progress < 0 || progress > 100))
      p.add(`${path}.progress`, 'expected a number from 0 to 100');
    if (marker['label'] !== undefined && typeof marker['label'] !== 'string')
      p.add(`${path}.label`, 'expected a string');
  });
}

function checkMetadata(value: unknown, p: ProblemList): void {
  if (!isObject(value)) {
    p.add('metadata', 'expected an object {source: "real" | "sim", …}');
    return;
  }
  unknownKeys(value, 'metadata', ['source', 'sceneId', 'instruction', 'perturbations', 'extra'], p);
  if (!rolloutSources.includes(value['source'] as never))
    p.add('metadata.source', `expected one of ${rolloutSources.join(', ')}`);
  for (const key of ['sceneId', 'instruction'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string')
      p.add(`metadata.${key}`, 'expected a string');
  }
  const perturbations = value['perturbations'];
  if (perturbations !== undefined) {
    if (!Array.isArray(perturbations))
      p.add('metadata.perturbations', 'expected an array of {axis, detail?}');
    else
      perturbations.forEach((item, i) => {
        const path = `metadata.perturbations[${i}]`;
        if (!isObject(item)) {
          p.add(path, 'expected an object {axis, detail?}');
          return;
        }
        unknownKeys(item, path, ['axis', 'detail'], p);
        if (!isText(item['axis'])) p.add(`${path}.axis`, 'expected a non-empty string, e.g. "camera_pose"');
        if (item['detail'] !== undefined && typeof item['detail'] !== 'string')
          p.add(`${path}.detail`, 'expected a string');
      });
  }
  const extra = value['extra'];
  if (extra !== undefined) {
    if (!isObject(extra)) p.add('metadata.extra', 'expected an object');
    else checkJson(extra, 'metadata.extra', 0, p);
  }
}

function checkJson(value: unknown, path: string, depth: number, p: ProblemList): void {
  if (depth > 32) {
    p.add(path, 'nested more than 32 levels deep');
    return;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) p.add(path, NOT_FINITE);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkJson(item, `${path}[${i}]`, depth + 1, p));
    return;
  }
  const proto: unknown = isObject(value) ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    for (const key in value as Obj) checkJson((value as Obj)[key], `${path}.${key}`, depth + 1, p);
    return;
  }
  p.add(path, 'expected a JSON value (null, boolean, number, string, array or object)');
}
