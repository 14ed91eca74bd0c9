import { describe, expect, it } from 'vitest';
import { RolloutFormatError } from '../format/rollout-problems';
import { importCsvRollout } from './import-csv';

const header = [
  't',
  ...Array.from({ length: 7 }, (_, j) => `joint_position_${j}`),
  ...Array.from({ length: 6 }, (_, j) => `cartesian_position[${j}]`),
  'gripper_position',
  ...Array.from({ length: 8 }, (_, j) => `action_${j}`),
].join(',');
const row = (i: number) =>
  [
    i / 10,
    ...Array.from({ length: 7 }, (_, j) => j + i / 100),
    0.4,
    0,
    0.3,
    3.14,
    0,
    0,
    i > 2 ? 1 : 0,
    ...new Array(8).fill(i),
  ].join(',');

describe('importCsvRollout', () => {
  it('reads a header and one row per step', () => {
    const csv = [header, ...[0, 1, 2, 3, 4].map(row), ''].join('\n');
    const rollout = importCsvRollout(csv, { rateHz: 10 });
    expect(rollout.rateHz).toBe(10);
    expect(rollout.frames).toHaveLength(5);
    expect(rollout.frames[3]).toEqual({
      t: 0.3,
      q: [0.03, 1.03, 2.03, 3.03, 4.03, 5.03, 6.03],
      gripper: 1,
      ee: [0.4, 0, 0.3, 3.14, 0, 0],
      action: new Array(8).fill(3),
    });
  });

  it('names the row and column of a bad cell, and missing columns', () => {
    const bad = [header, row(0), row(1).replace(/^([^,]*,[^,]*,[^,]*,)[^,]*/, '$1abc'), row(2)].join('\n');
    let error: unknown;
    try {
      importCsvRollout(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RolloutFormatError);
    expect((error as RolloutFormatError).problems).toEqual([
      { field: 'rows[1].joint_position[2]', problem: 'not a finite number ("abc" on line 3)' },
    ]);
    expect(() => importCsvRollout('t,joint_position_0,joint_position_2\n0,1,2\n')).toThrow(
      'header.joint_position: columns 0 … 2 needed, 1 missing',
    );
  });
});
