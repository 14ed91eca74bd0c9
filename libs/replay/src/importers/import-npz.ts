import type { FieldProblem } from '@policy-arena/domain';
import { RolloutFormatError } from '../format/rollout-problems';
import type { Rollout } from '../format/rollout.types';
import { isNdArray, type NdArray } from './nd-array';
import { readNpz } from './npz-file';
import { rolloutFromSteps, type ImportOptions, type StepLog } from './step-log';

const TIME_KEYS = ['t', 'timestamp', 'timestamps', 'time'];

function numbers(value: unknown): number[] | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return [Number(value)];
  if (isNdArray(value) && value.data instanceof Float64Array) return Array.from(value.data);
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value as number[];
  return undefined;
}

/** RoboArena's layout: key `data`, an object array with one dict per step. */
function fromStepDicts(steps: unknown[]): StepLog {
  const problems: FieldProblem[] = [];
  const log: StepLog = { joint_position: [] };
  const read = (step: Map<unknown, unknown>, key: string, i: number, required: boolean) => {
    if (!step.has(key)) {
      if (required) problems.push({ field: `data[${i}].${key}`, problem: 'missing' });
      return undefined;
    }
    const values = numbers(step.get(key));
    if (!values) problems.push({ field: `data[${i}].${key}`, problem: 'expected an array of numbers' });
    return values;
  };
  const first = steps[0];
  const has = (key: string) => first instanceof Map && first.has(key);
  if (has('cartesian_position')) log.cartesian_position = [];
  if (has('gripper_position')) log.gripper_position = [];
  if (has('action')) log.action = [];
  const timeKey = TIME_KEYS.find(has);
  if (timeKey) log.t = [];
  steps.forEach((step, i) => {
    if (!(step instanceof Map)) {
      problems.push({ field: `data[${i}]`, problem: 'expected a dict per step' });
      return;
    }
    log.joint_position.push(read(step, 'joint_position', i, true) ?? []);
    if (log.cartesian_position) log.cartesian_position.push(read(step, 'cartesian_position', i, true) ?? []);
    if (log.gripper_position)
      log.gripper_position.push(read(step, 'gripper_position', i, true)?.[0] ?? Number.NaN);
    if (log.action) log.action.push(read(step, 'action', i, true) ?? []);
    if (log.t && timeKey) log.t.push(read(step, timeKey, i, true)?.[0] ?? Number.NaN);
  });
  if (problems.length > 0) throw new RolloutFormatError(problems);
  return log;
}

function rowsOf(array: NdArray, key: string): number[][] {
  const data = array.data as Float64Array;
  const [steps = 0, width = 1] = array.shape;
  if (array.shape.length < 1 || array.shape.length > 2)
    throw new RolloutFormatError([
      { field: key, problem: `expected shape (steps, n), got (${array.shape.join(', ')})` },
    ]);
  return Array.from({ length: steps }, (_, i) => Array.from(data.subarray(i * width, (i + 1) * width)));
}

/** The columnar layout: one array per field, shaped (steps, n). */
function fromColumns(arrays: Map<string, NdArray>): StepLog {
  const numeric = (key: string) => {
    const array = arrays.get(key);
    if (array && !(array.data instanceof Float64Array))
      throw new RolloutFormatError([{ field: key, problem: 'expected a numeric array' }]);
    return array;
  };
  const joints = numeric('joint_position');
  if (!joints)
    throw new RolloutFormatError([
      {
        field: '(npz)',
        problem: `no joint_position array and no per-step "data" list (keys: ${[...arrays.keys()].join(', ') || 'none'})`,
      },
    ]);
  const log: StepLog = { joint_position: rowsOf(joints, 'joint_position') };
  const ee = numeric('cartesian_position');
  if (ee) log.cartesian_position = rowsOf(ee, 'cartesian_position');
  const gripper = numeric('gripper_position');
  if (gripper) log.gripper_position = rowsOf(gripper, 'gripper_position').map((row) => row[0]!);
  const action = numeric('action');
  if (action) log.action = rowsOf(action, 'action');
  const timeKey = TIME_KEYS.find((k) => arrays.has(k));
  if (timeKey) log.t = Array.from(numeric(timeKey)!.data as Float64Array);
  return log;
}

/**
 * Imports a per-step robot log saved with NumPy: either RoboArena's `episode_data.npz` (key
 * `data`: a list of {joint_position[7], cartesian_position[6], gripper_position[1], action[7|8]})
 * or one array per field, shaped (steps, n), with an optional `t` / `timestamp` array.
 */
export function importNpzRollout(bytes: Uint8Array, options: ImportOptions = {}): Rollout {
  let arrays: Map<string, NdArray>;
  try {
    arrays = readNpz(bytes);
  } catch (error) {
    throw new RolloutFormatError([
      { field: '(npz)', problem: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const data = arrays.get('data');
  const log =
    data && data.dtype === 'O' && Array.isArray(data.data) ? fromStepDicts(data.data) : fromColumns(arrays);
  return rolloutFromSteps(log, options);
}
