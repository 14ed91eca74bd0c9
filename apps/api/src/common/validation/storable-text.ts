import { type FieldProblem, formatIssuePath } from '@policy-arena/domain';

const NUL = 'must not contain the NUL character (U+0000)';
const LONE_SURROGATE = 'must be well-formed Unicode (a lone UTF-16 surrogate cannot be stored)';
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const problemOf = (s: string): string | undefined =>
  s.includes('\u0000') ? NUL : loneSurrogate.test(s) ? LONE_SURROGATE : undefined;

/**
 * Postgres text is UTF-8 without NUL: a string with U+0000 fails deep inside an INSERT (a 500),
 * and a lone surrogate is silently stored as U+FFFD (so the answer would differ from what is
 * stored). Every request part is checked at the boundary instead, naming the field.
 */
export function unstorableTextProblems(value: unknown, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (v: unknown, path: PropertyKey[], depth: number): void => {
    if (typeof v === 'string') {
      const problem = problemOf(v);
      if (problem) problems.push({ field: fieldOf(prefix, path), problem });
    } else if (Array.isArray(v)) {
      if (depth < 32) v.forEach((item, i) => visit(item, [...path, i], depth + 1));
    } else if (typeof v === 'object' && v !== null && depth < 32) {
      for (const [key, item] of Object.entries(v)) {
        const problem = problemOf(key);
        if (problem) problems.push({ field: fieldOf(prefix, path), problem: `its keys ${problem}` });
        else visit(item, [...path, key], depth + 1);
      }
    }
  };
  visit(value, [], 0);
  return problems;
}

function fieldOf(prefix: string, path: PropertyKey[]): string {
  const inner = formatIssuePath(path);
  return inner ? `${prefix}.${inner}` : prefix;
}
