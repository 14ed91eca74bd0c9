import { useState } from 'preact/hooks';
import { describeError } from '../api/client';
import { signIn, type ConsoleKind, type Session } from '../session';
import { FormError } from './messages';

/** Sign in with an API key (`pa_…`), checked against the API before anything else happens. */
export function SignIn({ kind, onSignedIn }: { kind: ConsoleKind; onSignedIn(session: Session): void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `${kind}-api-key`;
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(kind, key));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card sign-in" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sign in</h2>
      <p>
        Use the API key of your {kind} account (it starts with <code>pa_</code>). It is kept in this tab only.
      </p>
      <label for={id}>API key</label>
      <input
        id={id}
        name="apiKey"
        type="password"
        autoComplete="off"
        spellcheck={false}
        required
        value={key}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => setKey(e.currentTarget.value)}
      />
      <FormError error={error} id={`${id}-error`} />
      <button type="submit" disabled={busy || key.trim() === ''}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
