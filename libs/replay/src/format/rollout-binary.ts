import type { FieldProblem } from '@policy-arena/domain';
import { canonicalHead, stringifyExact } from './canonical-rollout';
import { assertRollout } from './rollout-json';
import { RolloutFormatError } from './rollout-problems';
import type { ObjectPose, Rollout, RolloutFrame, RolloutObject } from './rollout.types';
import type { ValidateOptions } from './validate-rollout';

export const ROLLOUT_BINARY_CONTENT_TYPE = 'application/x-arena-rollout';
/** "ARRO": the first four bytes of every binary rollout. */
export const ROLLOUT_BINARY_MAGIC = Uint8Array.of(0x41, 0x52, 0x52, 0x4f);
const BINARY_VERSION = 1;
const PREFIX_BYTES = 12;

type Dtype = 'f32' | 'f64';
/** name, element type, numbers per row */
type ColumnSpec = [string, Dtype, number];

interface BinaryHead {
  head: Omit<Rollout, 'frames' | 'objects'> & { objects?: Omit<RolloutObject, 'poses'>[] };
  frames: { count: number; columns: ColumnSpec[] };
  poses: { count: number; columns: ColumnSpec[] }[];
}

const align8 = (n: number) => (n + 7) & ~7;
const bytesOf = (dtype: Dtype) => (dtype === 'f32' ? 4 : 8);
const littleEndianHost = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Four bytes are enough to tell the encodings apart: JSON starts with `{` (after whitespace). */
export function isBinaryRollout(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ROLLOUT_BINARY_MAGIC.every((b, i) => bytes[i] === b);
}

/** float32 when every value survives the round trip through float32 exactly, float64 otherwise. */
function narrowest(values: Float64Array): Dtype {
  for (let i = 0; i < values.length; i++) if (!Object.is(Math.fround(values[i]!), values[i]!)) return 'f64';
  return 'f32';
}

interface PendingColumn {
  spec: ColumnSpec;
  values: Float64Array;
}

function column(name: string, width: number, rows: number, fill: (out: Float64Array) => void): PendingColumn {
  const values = new Float64Array(rows * width);
  fill(values);
  return { spec: [name, narrowest(values), width], values };
}

function frameColumns(frames: RolloutFrame[]): PendingColumn[] {
  const n = frames.length;
  const first = frames[0]!;
  const columns = [
    column('t', 1, n, (out) => frames.forEach((f, i) => (out[i] = f.t))),
    column('q', first.q.length, n, (out) => frames.forEach((f, i) => out.set(f.q, i * first.q.length))),
  ];
  if (first.gripper !== undefined)
    columns.push(column('gripper', 1, n, (out) => frames.forEach((f, i) => (out[i] = f.gripper!))));
  if (first.ee !== undefined)
    columns.push(column('ee', 6, n, (out) => frames.forEach((f, i) => out.set(f.ee!, i * 6))));
  if (first.action !== undefined) {
    const width = first.action.length;
    columns.push(
      column('action', width, n, (out) => frames.forEach((f, i) => out.set(f.action!, i * width))),
    );
  }
  return columns;
}

function poseColumns(poses: ObjectPose[]): PendingColumn[] {
  const n = poses.length;
  return [
    column('t', 1, n, (out) => poses.forEach((pose, i) => (out[i] = pose.t))),
    column('p', 3, n, (out) => poses.forEach((pose, i) => out.set(pose.p, i * 3))),
    column('r', 4, n, (out) => poses.forEach((pose, i) => out.set(pose.r, i * 4))),
  ];
}

/**
 * The binary encoding: a 12-byte prefix ("ARRO", u16 version, u16 flags, u32 head length), the
 * head as JSON (everything but the per-step numbers), then one little-endian column per field,
 * each 8-byte aligned so a reader can map it as a typed array without copying. Each column is
 * float32 when that loses nothing and float64 otherwise, so the encoding is exact yet compact.
 */
export function encodeRolloutBinary(rollout: Rollout): Uint8Array {
  if (!littleEndianHost) throw new Error('the binary rollout encoder needs a little-endian host');
  assertRollout(rollout);
  const { objects, ...rest } = canonicalHead(rollout);
  const frames = frameColumns(rollout.frames);
  const poses = (objects ?? []).map((o) => poseColumns(o.poses));
  const head: BinaryHead = {
    head: { ...rest, ...(objects ? { objects: objects.map(({ poses: _poses, ...o }) => o) } : {}) },
    frames: { count: rollout.frames.length, columns: frames.map((c) => c.spec) },
    poses: (objects ?? []).map((o, i) => ({ count: o.poses.length, columns: poses[i]!.map((c) => c.spec) })),
  };
  const headBytes = new TextEncoder().encode(stringifyExact(head));
  const all = [...frames, ...poses.flat()];
  let size = align8(PREFIX_BYTES + headBytes.length);
  for (const c of all) size += align8(c.values.length * bytesOf(c.spec[1]));
  const buffer = new ArrayBuffer(size);
  const out = new Uint8Array(buffer);
  out.set(ROLLOUT_BINARY_MAGIC, 0);
  const view = new DataView(buffer);
  view.setUint16(4, BINARY_VERSION, true);
  view.setUint16(6, 0, true);
  view.setUint32(8, headBytes.length, true);
  out.set(headBytes, PREFIX_BYTES);
  let offset = align8(PREFIX_BYTES + headBytes.length);
  for (const c of all) {
    if (c.spec[1] === 'f32') new Float32Array(buffer, offset, c.values.length).set(c.values);
    else new Float64Array(buffer, offset, c.values.length).set(c.values);
    offset += align8(c.values.length * bytesOf(c.spec[1]));
  }
  return out;
}

const fail = (problem: string): never => {
  throw new RolloutFormatError([{ field: '(binary)', problem }]);
};

function checkSpecs(columns: unknown, path: string, problems: FieldProblem[]): columns is ColumnSpec[] {
  if (!Array.isArray(columns)) {
    problems.push({ field: path, problem: 'expected a column list' });
    return false;
  }
  columns.forEach((c, i) => {
    if (
      !Array.isArray(c) ||
      typeof c[0] !== 'string' ||
      (c[1] !== 'f32' && c[1] !== 'f64') ||
      !Number.isSafeInteger(c[2]) ||
      c[2] < 1 ||
      c[2] > 64
    )
      problems.push({ field: `${path}[${i}]`, problem: 'expected [name, "f32" | "f64", width 1–64]' });
  });
  return problems.length === 0;
}

function parseHead(bytes: Uint8Array): { head: BinaryHead; dataStart: number } {
  if (bytes.length < PREFIX_BYTES || !isBinaryRollout(bytes)) fail('not a binary rollout (no "ARRO" prefix)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== BINARY_VERSION)
    fail(`binary layout version ${version}; this reader knows ${BINARY_VERSION}`);
  const headLength = view.getUint32(8, true);
  if (PREFIX_BYTES + headLength > bytes.length)
    fail(`head of ${headLength} bytes runs past the end of the file`);
  let head: BinaryHead;
  try {
    head = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headLength)));
  } catch {
    return fail('the head is not valid JSON');
  }
  const problems: FieldProblem[] = [];
  const countOk = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (typeof head !== 'object' || head === null || typeof head.head !== 'object' || head.head === null)
    fail('the head lacks the rollout head');
  if (!countOk(head.frames?.count))
    problems.push({ field: '(binary).frames.count', problem: 'expected a count' });
  checkSpecs(head.frames?.columns, '(binary).frames.columns', problems);
  if (!Array.isArray(head.poses)) problems.push({ field: '(binary).poses', problem: 'expected a list' });
  else
    head.poses.forEach((p, i) => {
      if (!countOk(p?.count))
        problems.push({ field: `(binary).poses[${i}].count`, problem: 'expected a count' });
      checkSpecs(p?.columns, `(binary).poses[${i}].columns`, problems);
    });
  if (problems.length > 0) throw new RolloutFormatError(problems);
  return { head, dataStart: align8(PREFIX_BYTES + headLength) };
}

type Column = Float32Array | Float64Array;

/** Maps every column onto the file's bytes (copying once if they are not 8-byte aligned). */
function readColumns(bytes: Uint8Array, head: BinaryHead, dataStart: number): Column[] {
  const groups = [head.frames, ...head.poses];
  let expected = dataStart;
  for (const g of groups)
    for (const [, dtype, width] of g.columns) expected += align8(g.count * width * bytesOf(dtype));
  if (bytes.length !== expected)
    fail(`${bytes.length} bytes, but the head describes ${expected} (truncated or extended file)`);
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const columns: Column[] = [];
  let offset = dataStart;
  for (const g of groups) {
    for (const [, dtype, width] of g.columns) {
      const length = g.count * width;
      const at = aligned.byteOffset + offset;
      columns.push(
        dtype === 'f32'
          ? new Float32Array(aligned.buffer, at, length)
          : new Float64Array(aligned.buffer, at, length),
      );
      offset += align8(length * bytesOf(dtype));
    }
  }
  return columns;
}

function rows(values: Column, width: number, count: number): number[][] {
  const out = new Array<number[]>(count);
  for (let i = 0; i < count; i++) {
    const row = new Array<number>(width);
    for (let j = 0; j < width; j++) row[j] = values[i * width + j]!;
    out[i] = row;
  }
  return out;
}

export function decodeRolloutBinary(input: Uint8Array, options?: ValidateOptions): Rollout {
  if (!littleEndianHost) throw new Error('the binary rollout decoder needs a little-endian host');
  const { head, dataStart } = parseHead(input);
  const columns = readColumns(input, head, dataStart);
  let next = 0;
  const take = (specs: ColumnSpec[], count: number) => {
    const out: Record<string, { values: Column; width: number; count: number }> = {};
    for (const [name, , width] of specs) out[name] = { values: columns[next++]!, width, count };
    return out;
  };
  const f = take(head.frames.columns, head.frames.count);
  const n = head.frames.count;
  const t = f['t'];
  const q = f['q'];
  if (!t || !q) return fail('frames need the columns t and q');
  const qRows = rows(q.values, q.width, n);
  const eeRows = f['ee'] && rows(f['ee'].values, f['ee'].width, n);
  const actionRows = f['action'] && rows(f['action'].values, f['action'].width, n);
  const gripper = f['gripper']?.values;
  const frames = new Array<RolloutFrame>(n);
  for (let i = 0; i < n; i++) {
    const frame: RolloutFrame = { t: t.values[i]!, q: qRows[i]! };
    if (gripper) frame.gripper = gripper[i]!;
    if (eeRows) frame.ee = eeRows[i]!;
    if (actionRows) frame.action = actionRows[i]!;
    frames[i] = frame;
  }
  const objects = head.head.objects?.map((object, k) => {
    const spec = head.poses[k];
    if (!spec) return fail(`object ${k} has no pose columns`);
    const c = take(spec.columns, spec.count);
    if (!c['t'] || !c['p'] || !c['r']) return fail(`objects[${k}] needs the pose columns t, p and r`);
    const p = rows(c['p'].values, c['p'].width, spec.count);
    const r = rows(c['r'].values, c['r'].width, spec.count);
    const poses: ObjectPose[] = p.map((position, i) => ({ t: c['t']!.values[i]!, p: position, r: r[i]! }));
    return { ...object, poses };
  });
  return assertRollout({ ...head.head, ...(objects ? { objects } : {}), frames }, options);
}
