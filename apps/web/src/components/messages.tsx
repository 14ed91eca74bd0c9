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
