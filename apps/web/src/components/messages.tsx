import type { ComponentChildren } from 'preact';
import { describeError } from '../api/client';

/** An error the user should read now: announced by screen readers. */
export function ErrorMessage({ error, children }: { error?: unknown; children?: ComponentChildren }) {
  return (
    <p class="message message-error" role="alert">
      {children ?? describeError(error)}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="message" role="status">
      Loading {what}…
    </p>
  );
}

/** A field's problem as the API named it; the field points here with aria-describedby={id}. */
export function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  return problem ? (
    <p id={id} class="field-error">
      {problem}
    </p>
  ) : null;
}

/** What went wrong with a whole form: shown under it and announced by screen readers. */
export function FormError({ error, id }: { error: string | null; id?: string }) {
  return error ? (
    <p id={id} class="field-error" role="alert">
      {error}
    </p>
  ) : null;
}
