import type { ArenaClient, IssuedApiKey } from '@policy-arena/sdk';
import { useState } from 'preact/hooks';
import { describeError } from '../../api/client';
import { ErrorMessage, FormError, Loading } from '../../components/messages';
import { useAsync } from '../../components/use-async';
import { formatDateTime } from '../../format';

interface KeyRow {
  id: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The account's API keys: issue one (shown once), revoke one. Only hashes are stored. */
export function ApiKeys({ client, accountId }: { client: ArenaClient; accountId: string }) {
  const [keys, reload] = useAsync(
    async () => (await client.request<KeyRow[]>('GET', `/api/v1/accounts/${accountId}/keys`)).body,
    [client, accountId],
  );
  const [label, setLabel] = useState('');
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const issue = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      setIssued(await client.issueApiKey(accountId, label.trim() || 'web'));
      setLabel('');
      reload();
    } catch (e) {
      setError(describeError(e));
    }
  };
  const revoke = async (k: KeyRow) => {
    if (!confirm(`Revoke the key “${k.label}”? Anything using it stops working at once.`)) return;
    setError(null);
    try {
      await client.revokeApiKey(k.id);
      if (issued?.id === k.id) setIssued(null);
      reload();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section class="card" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      {keys.status === 'error' && <ErrorMessage error={keys.error} />}
      {!keys.value && keys.status === 'loading' && <Loading what="your keys" />}
      {keys.value && (
        <ul class="keys">
          {keys.value.map((k) => (
            <li key={k.id} data-revoked={k.revokedAt ? 'yes' : 'no'}>
              <strong>{k.label}</strong> · created {formatDateTime(k.createdAt)}
              {k.revokedAt ? (
                <> · revoked {formatDateTime(k.revokedAt)}</>
              ) : (
                <>
                  {' '}
                  <button
                    type="button"
                    class="secondary danger"
                    onClick={() => revoke(k)}
                    aria-label={`Revoke the key ${k.label}`}
                  >
                    Revoke
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" onSubmit={issue}>
        <div class="field">
          <label for="key-label">Label of a new key</label>
          <input
            id="key-label"
            value={label}
            maxLength={100}
            placeholder="ci"
            onInput={(e) => setLabel(e.currentTarget.value)}
          />
        </div>
        <button type="submit">Issue a key</button>
      </form>
      <FormError error={error} />
      {issued && (
        <div class="message message-ok" role="status">
          <p>New key “{issued.label}” — copy it now, it is not shown again:</p>
          <code class="secret" data-testid="issued-key">
            {issued.key}
          </code>
        </div>
      )}
    </section>
  );
}
