import type { FieldProblem } from '@policy-arena/domain';
import { RolloutFormatError } from '../format/rollout-problems';
import type { Rollout } from '../format/rollout.types';
import { rolloutFromSteps, type ImportOptions, type StepLog } from './step-log';

type Field = 't' | 'joint_position' | 'cartesian_position' | 'gripper_position' | 'action';

const aliases: Record<string, Field> = {
  t: 't',
  time: 't',
  timestamp: 't',
  joint_position: 'joint_position',
  q: 'joint_position',
  cartesian_position: 'cartesian_position',
  ee: 'cartesian_position',
  gripper_position: 'gripper_position',
  gripper: 'gripper_position',
  action: 'action',
};

interface ColumnRef {
  field: Field;
  index: number;
}

/** `joint_position_3`, `joint_position[3]`, `joint_position.3` and `q3` all name joint 3. */
function parseColumn(name: string): ColumnRef | undefined {
  const match = /^([a-z_]*[a-z])(?:[_.[]?(\d+)\]?)?$/i.exec(name.trim());
  if (!match) return undefined;
  const field = aliases[match[1]!.toLowerCase()];
  return field ? { field, index: match[2] === undefined ? 0 : Number(match[2]) } : undefined;
}

const cells = (line: string) => line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));

/**
 * Imports a per-step log written as CSV: a header row, then one row per step. Columns are named
 * after the RoboArena fields with an index (`joint_position_0` … `joint_position_6`,
 * `cartesian_position_0` … `_5`, `gripper_position`, `action_0` …) plus an optional `t`.
 */
export function importCsvRollout(text: string, options: ImportOptions = {}): Rollout {
  const lines = text.split(/\r?\n/);
  const headerLine = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
  if (headerLine < 0) throw new RolloutFormatError([{ field: '(csv)', problem: 'no header row' }]);
  const header = cells(lines[headerLine]!);
  const problems: FieldProblem[] = [];
  const columns = header.map((name, c) => {
    const ref = parseColumn(name);
    if (!ref)
      problems.push({
        field: `header[${c}]`,
        problem: `unknown column "${name}" (ignored fields are not allowed)`,
      });
    return ref;
  });
  const widths = new Map<Field, number>();
  for (const ref of columns) {
    if (ref) widths.set(ref.field, Math.max(widths.get(ref.field) ?? 0, ref.index + 1));
  }
  for (const [field, width] of widths) {
    const present = new Set(columns.filter((r) => r?.field === field).map((r) => r!.index));
    if (present.size !== width)
      problems.push({
        field: `header.${field}`,
        problem: `columns 0 … ${width - 1} needed, ${width - present.size} missing`,
      });
  }
  if (!widths.has('joint_position'))
    problems.push({ field: 'header', problem: 'no joint_position columns (joint_position_0 …)' });
  if (problems.length > 0) throw new RolloutFormatError(problems);

  const rows: number[][][] = [];
  for (let l = headerLine + 1; l < lines.length; l++) {
    const line = lines[l]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const values = cells(line);
    const row = rows.length;
    if (values.length !== header.length) {
      problems.push({
        field: `rows[${row}]`,
        problem: `${values.length} cells on line ${l + 1}, the header has ${header.length}`,
      });
      continue;
    }
    const parsed: number[][] = [];
    values.forEach((cell, c) => {
      const ref = columns[c]!;
      const value = cell === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(value))
        problems.push({
          field: `rows[${row}].${ref.field}${widths.get(ref.field)! > 1 ? `[${ref.index}]` : ''}`,
          problem: `not a finite number (${JSON.stringify(cell)} on line ${l + 1})`,
        });
      const fieldIndex = [...widths.keys()].indexOf(ref.field);
      (parsed[fieldIndex] ??= [])[ref.index] = value;
    });
    rows.push(parsed);
  }
  if (problems.length > 0) throw new RolloutFormatError(problems);
  const fields = [...widths.keys()];
  const column = (field: Field) => {
    const k = fields.indexOf(field);
    return k < 0 ? undefined : rows.map((r) => r[k]!);
  };
  const log: StepLog = { joint_position: column('joint_position') ?? [] };
  const t = column('t');
  if (t) log.t = t.map((v) => v[0]!);
  const ee = column('cartesian_position');
  if (ee) log.cartesian_position = ee;
  const gripper = column('gripper_position');
  if (gripper) log.gripper_position = gripper.map((v) => v[0]!);
  const action = column('action');
  if (action) log.action = action;
  return rolloutFromSteps(log, options);
}
