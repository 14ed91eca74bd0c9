import type { FieldProblem } from '@policy-arena/domain';

/** A rollout that does not follow the format; `problems` names every bad field by its path. */
export class RolloutFormatError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(
      problems.length === 1
        ? `rollout: ${problems[0]!.field}: ${problems[0]!.problem}`
        : `rollout: ${problems.length} problems, first ${problems[0]?.field}: ${problems[0]?.problem}`,
    );
    this.name = 'RolloutFormatError';
  }
}

/**
 * Collects problems up to a cap: a corrupt 9,000-frame file would otherwise produce 60,000 lines
 * that nobody reads. The last entry then says how many were left out.
 */
export class ProblemList {
  readonly items: FieldProblem[] = [];
  private omitted = 0;

  constructor(private readonly max = Number.POSITIVE_INFINITY) {}

  add(field: string, problem: string): void {
    if (this.items.length < this.max) this.items.push({ field, problem });
    else this.omitted++;
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  result(): FieldProblem[] {
    return this.omitted === 0
      ? this.items
      : [...this.items, { field: '(rollout)', problem: `${this.omitted} more problems not listed` }];
  }
}
