import type { z } from 'zod';

/** One bad field: where it is (`frames[3].q`, `body.progress`) and what is accepted there. */
export interface FieldProblem {
  field: string;
  problem: string;
}

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function describeZodIssues(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => {
    const inner = formatIssuePath(issue.path);
    const field = prefix ? (inner ? `${prefix}.${inner}` : prefix) : inner || '(root)';
    return { field, problem: issue.message };
  });
}
