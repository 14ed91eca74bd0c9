import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rolloutArbitrary } from '../testing/rollout-arbitrary';
import { sampleRollout } from '../testing/sample-rollout';
import { encodeRolloutBinary, decodeRolloutBinary } from './rollout-binary';
import { decodeRolloutJson } from './rollout-json';
import { RolloutFormatError } from './rollout-problems';
import { validateRollout } from './validate-rollout';

const problemsOf = (value: unknown) => {
  const result = validateRollout(value);
  if (result.ok) throw new Error('expected problems, the rollout validated');
  return result.problems.map((p) => `${p.field}: ${p.problem}`);
};

const clone = <T>(v: T): T => structuredClone(v);
/** A path like `frames[412].q[3]` or `robot.joints[1].lower`. */
const PATH = /^(\((rollout|json|binary)\)|[A-Za-z_]\w*(\[\d+\]|\.[A-Za-z_]\w*)*)$/;

describe('validateRollout', () => {
  it('accepts the sample rollout', () => {
    expect(validateRollout(sampleRollout({ frames: 500 })).ok).toBe(true);
  });

  it('names the frame and joint of a number that is not finite', () => {
    const r = clone(sampleRollout({ frames: 500 }));
    (r.frames[412]!.q as unknown[])[3] = null;
    r.frames[7]!.q[1] = Number.NaN;
    expect(problemsOf(r)).toEqual([
      'frames[7].q[1]: not a finite number',
      'frames[412].q[3]: not a finite number',
    ]);
  });

  it('reports every problem at once, each with its path', () => {
    const r = clone(sampleRollout({ frames: 20 })) as unknown as Record<string, unknown> &
      ReturnType<typeof sampleRollout>;
    r.version = 2 as never;
    r.robot.joints[1]!.lower = 5;
    r.frames[3]!.t = r.frames[2]!.t;
    r.frames[4]!.q = r.frames[4]!.q.slice(0, 6);
    delete r.frames[5]!.gripper;
    r.frames[6]!.ee = [1, 2, 3];
    r.chunkStarts = [0, 8, 8, 40];
    r.objects![0]!.color = 'red';
    r.objects![0]!.poses[0]!.r = [0, 0, 0, 2];
    r.markers![1]!.t = 99;
    r.metadata.source = 'lab' as never;
    r['colour'] = 'blue';
    expect(problemsOf(r)).toEqual([
      'colour: unknown field (v1 accepts format, version, robot, rateHz, actionSpace, frames, chunkStarts, objects, videos, markers, metadata)',
      'version: expected 1 (this reader knows format v1)',
      'robot.joints[1].upper: below lower (1.7628 < 5)',
      'frames[3].t: not after frames[2].t (0.13333333333333333 ≤ 0.13333333333333333)',
      'frames[4].q: expected 7 numbers (one joint position per robot.joints entry), got 6',
      'frames[5].gripper: missing; frames[0] has one, so every frame needs one',
      'frames[6].ee: expected 6 numbers (x, y, z, roll, pitch, yaw), got 3',
      'chunkStarts[2]: not after chunkStarts[1] (8 ≤ 8)',
      'chunkStarts[3]: beyond the last frame (20 frames)',
      'objects[0].color: expected a colour "#rrggbb"',
      'objects[0].poses[0].r: expected a unit quaternion (length 2.000)',
      "markers[1].t: outside the frames' time span (0 … 1.2666666666666666)",
      'metadata.source: expected one of real, sim',
    ]);
  });

  it('caps a flood of problems and says how many it left out', () => {
    const r = clone(sampleRollout({ frames: 300 }));
    for (const f of r.frames) f.q = f.q.map(() => Number.NaN);
    const result = validateRollout(r, { maxProblems: 50 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(51);
    expect(result.problems[50]).toEqual({
      field: '(rollout)',
      problem: `${300 * 7 - 50} more problems not listed`,
    });
  });

  it('says what a rollout needs when given something else entirely', () => {
    expect(problemsOf([1, 2])).toEqual([
      '(rollout): expected a JSON object with format, version, robot, rateHz, frames, metadata',
    ]);
    expect(problemsOf({})).toEqual([
      'format: expected "arena-rollout"',
      'version: expected 1 (this reader knows format v1)',
      'robot: expected an object {model or urdf, joints}',
      'rateHz: not a finite number',
      'frames: expected a non-empty array of frames {t, q, …}',
      'metadata: expected an object {source: "real" | "sim", …}',
    ]);
  });

  it('decoders report the same paths: JSON text and a binary file with a NaN in it', () => {
    expect(() => decodeRolloutJson('{"format": "arena-rollout",')).toThrow(/\(json\): not valid JSON/);
    const r = sampleRollout({ frames: 10 });
    const bytes = encodeRolloutBinary(r);
    // Find frame 4's joint 2 in the q column (float64 here) and poison it.
    const target = new Float64Array(1);
    target[0] = r.frames[4]!.q[2]!;
    const needle = new Uint8Array(target.buffer);
    const at = bytes.findIndex((_, i) => needle.every((b, k) => bytes[i + k] === b));
    expect(at).toBeGreaterThan(0);
    new DataView(bytes.buffer).setFloat64(at, Number.NaN, true);
    let error: unknown;
    try {
      decodeRolloutBinary(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RolloutFormatError);
    expect((error as RolloutFormatError).problems).toEqual([
      { field: 'frames[4].q[2]', problem: 'not a finite number' },
    ]);
    expect(() => decodeRolloutBinary(bytes.subarray(0, bytes.length - 8))).toThrow(
      /\(binary\): \d+ bytes, but the head describes \d+/,
    );
  });
});

// Whatever leaf of a valid rollout is broken, the validator names exactly that place.
describe('property: every validator problem carries the path of what is wrong', () => {
  type Leaf = { path: string; set: (value: unknown) => void };
  const numericLeaves = (r: Record<string, unknown>): Leaf[] => {
    const out: Leaf[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) {
        node.forEach((item, i) => {
          if (typeof item === 'number')
            out.push({ path: `${path}[${i}]`, set: (v) => ((node as unknown[])[i] = v) });
          else walk(item, `${path}[${i}]`);
        });
      } else if (node && typeof node === 'object') {
        for (const [key, item] of Object.entries(node)) {
          const child = path ? `${path}.${key}` : key;
          if (key === 'extra' || key === 'version') continue;
          if (typeof item === 'number')
            out.push({ path: child, set: (v) => ((node as Record<string, unknown>)[key] = v) });
          else walk(item, child);
        }
      }
    };
    walk(r, '');
    return out;
  };

  it('a non-number at any numeric leaf is reported at that leaf', () => {
    fc.assert(
      fc.property(
        rolloutArbitrary(),
        fc.nat(),
        fc.constantFrom(null, 'x', Number.NaN, Number.POSITIVE_INFINITY, {}),
        (r, pick, bad) => {
          const broken = clone(r) as unknown as Record<string, unknown>;
          const leaves = numericLeaves(broken);
          const leaf = leaves[pick % leaves.length]!;
          leaf.set(bad);
          const result = validateRollout(broken);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          for (const p of result.problems) expect(p.field).toMatch(PATH);
          expect(result.problems.map((p) => p.field)).toContain(leaf.path);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
