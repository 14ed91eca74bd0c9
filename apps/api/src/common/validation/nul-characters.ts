import { type FieldProblem, formatIssuePath } from '@policy-arena/domain';

const PROBLEM = 'must not contain the NUL character (U+0000)';

/**
 * Postgres text cannot hold U+0000, so a string with one would fail deep inside an INSERT as a
 * 500. Every request part is checked for it at the boundary instead, and the field is named.
 */
export function nulCharacterProblems(value: unknown, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (v: unknown, path: PropertyKey[], depth: number): void => {
    if (typeof v === 'string') {
      if (v.includes('\u0000')) problems.push({ field: fieldOf(prefix, path), problem: PROBLEM });
    } else if (Array.isArray(v)) {
      if (depth < 32) v.forEach((item, i) => visit(item, [...path, i], depth + 1));
    } else if (typeof v === 'object' && v !== null && depth < 32) {
      for (const [key, item] of Object.entries(v)) {
        if (key.includes('\u0000'))
          problems.push({ field: fieldOf(prefix, path), problem: `keys ${PROBLEM}` });
        visit(item, [...path, key], depth + 1);
      }
    }
  };
  visit(value, [], 0);
  return problems;
}

function fieldOf(prefix: string, path: PropertyKey[]): string {
  const inner = formatIssuePath(path.map((p) => (typeof p === 'string' ? p.replace(/\u0000/g, '\\0') : p)));
  return inner ? `${prefix}.${inner}` : prefix;
}
