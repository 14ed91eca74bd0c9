import { readFile } from 'node:fs/promises';
import { formatIssuePath, PairwiseRecord } from '@policy-arena/domain';
import type { z } from 'zod';

/** What the user should read for a zod issue: the accepted values, not zod's phrasing of them. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map(String).join('|')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

/**
 * Reads a JSONL file of PairwiseRecord, one object per line (blank lines skipped). The first bad
 * line stops the run with `file:line: field: problem`, so the user can jump straight to it.
 */
export async function readTrials(path: string): Promise<PairwiseRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${path}: cannot read the input file${code ? ` (${code})` : ''}`);
  }
  const records: PairwiseRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k].trim();
    if (line === '') continue;
    const where = `${path}:${k + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = PairwiseRecord.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${where}: ${formatIssuePath(issue.path) || '(line)'}: ${describeIssue(issue)}`);
    }
    if (parsed.data.a === parsed.data.b)
      throw new Error(`${where}: b: must differ from a (${parsed.data.a})`);
    records.push(parsed.data);
  }
  return records;
}
