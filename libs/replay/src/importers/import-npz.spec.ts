import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { RolloutFormatError } from '../format/rollout-problems';
import { PANDA_MODEL_ID, pandaJoints } from '../robot/panda-arm';
import { writeNpz, writeNpy } from '../testing/write-npz';
import { importNpzRollout } from './import-npz';

const steps = 40;
const joint = (i: number, j: number) => Math.sin(i * 0.1 + j) * 0.5;

/** A columnar log as a recorder would save it with numpy.savez: one (steps, n) array per field. */
function columnarLog(options: { fortran?: boolean; bigEndian?: boolean } = {}): Uint8Array {
  const grid = (width: number, f: (i: number, j: number) => number) =>
    Array.from({ length: steps * width }, (_, k) => f(Math.floor(k / width), k % width));
  return writeNpz({
    joint_position: {
      shape: [steps, 7],
      values: grid(7, joint),
      dtype: options.bigEndian ? '>f8' : '<f8',
      fortranOrder: options.fortran ?? false,
    },
    cartesian_position: { shape: [steps, 6], values: grid(6, (i, j) => i * 0.01 + j), dtype: '<f4' },
    gripper_position: { shape: [steps, 1], values: grid(1, (i) => (i > 20 ? 1 : 0)) },
    action: { shape: [steps, 8], values: grid(8, (i, j) => joint(i + 1, j)) },
    timestamp: { shape: [steps], values: Array.from({ length: steps }, (_, i) => 100 + i / 15) },
  });
}

describe('importNpzRollout', () => {
  it('reads a columnar .npz this test writes: joints, ee pose, gripper, action, timestamps', () => {
    const rollout = importNpzRollout(columnarLog(), { chunkSize: 8, actionSpace: 'joint_position' });
    expect(rollout.robot.model).toBe(PANDA_MODEL_ID);
    expect(rollout.robot.joints.map((j) => j.name)).toEqual(pandaJoints.map((j) => j.name));
    expect(rollout.rateHz).toBe(15);
    expect(rollout.frames).toHaveLength(steps);
    expect(rollout.frames[12]!.q).toEqual(Array.from({ length: 7 }, (_, j) => joint(12, j)));
    expect(rollout.frames[12]!.t).toBe(100 + 12 / 15);
    expect(rollout.frames[3]!.ee).toEqual([0, 1, 2, 3, 4, 5].map((j) => Math.fround(0.03 + j)));
    expect(rollout.frames.map((f) => f.gripper)).toEqual(
      Array.from({ length: steps }, (_, i) => (i > 20 ? 1 : 0)),
    );
    expect(rollout.frames[39]!.action).toHaveLength(8);
    expect(rollout.chunkStarts).toEqual([0, 8, 16, 24, 32]);
    expect(rollout.actionSpace).toBe('joint_position');
  });

  it('reads Fortran-ordered and big-endian arrays to the same values', () => {
    const plain = importNpzRollout(columnarLog());
    expect(importNpzRollout(columnarLog({ fortran: true })).frames).toEqual(plain.frames);
    expect(importNpzRollout(columnarLog({ bigEndian: true })).frames).toEqual(plain.frames);
  });

  it("reads RoboArena's episode_data.npz layout (key `data`: pickled per-step dicts, written by NumPy)", async () => {
    const bytes = await readFile(join(__dirname, 'fixtures', 'roboarena-episode.npz'));
    const rollout = importNpzRollout(bytes);
    expect(rollout.frames).toHaveLength(6);
    rollout.frames.forEach((f, i) => {
      expect(f.t).toBe(i / 15);
      f.q.forEach((v, j) => expect(v).toBeCloseTo(0.1 * j + 0.01 * i, 12));
      expect(f.gripper).toBeCloseTo(i / 5, 12);
      expect(f.ee).toHaveLength(6);
      expect(f.ee![3]).toBe(Math.PI);
      expect(f.action).toHaveLength(8);
      expect(f.action![7]).toBeCloseTo(i / 5, 12);
    });
  });

  it('refuses a log whose arrays disagree, naming the array', () => {
    const bytes = writeNpz({
      joint_position: { shape: [5, 6], values: new Array(30).fill(0) },
    });
    expect(() => importNpzRollout(bytes)).toThrow(RolloutFormatError);
    try {
      importNpzRollout(bytes);
    } catch (error) {
      expect((error as RolloutFormatError).problems[0]).toEqual({
        field: 'frames[0].q',
        problem: 'expected 7 numbers (one joint position per robot.joints entry), got 6',
      });
    }
    const mismatch = writeNpz({
      joint_position: { shape: [5, 7], values: new Array(35).fill(0) },
      gripper_position: { shape: [4], values: [0, 0, 0, 0] },
    });
    expect(() => importNpzRollout(mismatch)).toThrow('gripper_position: 4 steps, but joint_position has 5');
  });

  it('says what it found when the file has neither layout, and refuses foreign pickles', () => {
    expect(() => importNpzRollout(writeNpz({ obs: { shape: [2], values: [1, 2] } }))).toThrow(
      /no joint_position array and no per-step "data" list \(keys: obs\)/,
    );
    // A pickle that names os.system must be refused, never executed.
    const header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }".padEnd(117, ' ') + '\n';
    const evil = new Uint8Array([...new TextEncoder().encode('cos\nsystem\n'), 0x2e]);
    const npy = writeNpy({ shape: [1], values: [0] });
    const objectNpy = new Uint8Array([
      ...npy.subarray(0, 8),
      118,
      0,
      ...new TextEncoder().encode(header),
      ...evil,
    ]);
    expect(() => importNpzRollout(zipSync({ 'data.npy': objectNpy }))).toThrow(
      /refusing pickle global os.system/,
    );
  });
});
