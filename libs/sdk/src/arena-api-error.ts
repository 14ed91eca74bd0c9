import type { FieldProblem } from '@policy-arena/domain';

/** A non-2xx answer from the API, carrying its error body. */
export class ArenaApiError extends Error {
  constructor(
    readonly status: number,
    readonly body:
      { statusCode?: number; error?: string; message?: string; details?: FieldProblem[] } | undefined,
    readonly headers: Headers,
  ) {
    super(`${status} ${body?.error ?? ''}: ${body?.message ?? 'no message'}`.replace(/\s+:/, ':'));
    this.name = 'ArenaApiError';
  }
}
