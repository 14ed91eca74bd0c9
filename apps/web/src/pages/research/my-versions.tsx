import type { ArenaClient, Leaderboard, OwnedPolicyVersionView } from '@policy-arena/sdk';
import { useState } from 'preact/hooks';
import { describeError } from '../../api/client';
import { PolicyLink } from '../../components/policy-link';
import { formatDate, formatPercent, formatRating } from '../../format';
import { FormError } from '../../components/messages';

type Status = 'active' | 'paused' | 'retired';

/**
 * The researcher's versions with their standing on the official board (the report: rating,
 * interval, trials, sampling) and what may change (status). The policy page has the full report.
 */
export function MyVersions({
  client,
  versions,
  board,
  onChanged,
}: {
  client: ArenaClient;
  versions: OwnedPolicyVersionView[];
  board: Leaderboard | undefined;
  onChanged(v: OwnedPolicyVersionView): void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const setStatus = async (v: OwnedPolicyVersionView, status: Status) => {
    if (status === 'retired' && !confirm(`Retire ${v.handle}? It will get no new trials; its results stay.`))
      return;
    setBusy(v.id);
    setError(null);
    try {
      onChanged(await client.setPolicyVersionStatus(v.id, status));
    } catch (e) {
      setError(`${v.handle}: ${describeError(e)}`);
    } finally {
      setBusy(null);
    }
  };
  if (versions.length === 0) return <p class="message">You have not registered a version yet.</p>;
  const rows = new Map(board?.rows.map((r) => [r.policy, r]));
  const shares = new Map(board?.samplingRates.map((s) => [s.policy, s]));
  return (
    <>
      <FormError error={error} />
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="mine-caption">
        <table data-testid="my-versions">
          <caption id="mine-caption">Your versions and their standing on the Bradley–Terry board</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Rank
              </th>
              <th scope="col" class="num">
                Rating (95%)
              </th>
              <th scope="col" class="num">
                Trials
              </th>
              <th scope="col" class="num">
                Sampled
              </th>
              <th scope="col">Registered</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => {
              const row = rows.get(v.handle);
              const share = shares.get(v.handle);
              return (
                <tr key={v.id} data-version={v.handle}>
                  <th scope="row">
                    <PolicyLink handle={v.handle} />
                    <div class="hint">
                      {v.embodiment} · <code title="private endpoint">{v.endpoint}</code>
                    </div>
                  </th>
                  <td data-status={v.status}>{v.status}</td>
                  <td class="num">{row ? `${row.rank} (${row.rankRange[0]}–${row.rankRange[1]})` : '—'}</td>
                  <td class="num">
                    {row
                      ? `${formatRating(row.rating)} (${formatRating(row.ci[0])}–${formatRating(row.ci[1])})`
                      : '—'}
                  </td>
                  <td class="num">{row ? `${row.n} (${row.wins}/${row.losses}/${row.ties})` : '0'}</td>
                  <td class="num">{share ? formatPercent(share.share, 1) : '—'}</td>
                  <td>{formatDate(v.createdAt)}</td>
                  <td class="actions">
                    {v.status === 'active' && (
                      <button
                        type="button"
                        class="secondary"
                        disabled={busy === v.id}
                        onClick={() => setStatus(v, 'paused')}
                        aria-label={`Pause ${v.handle}`}
                      >
                        Pause
                      </button>
                    )}
                    {v.status === 'paused' && (
                      <button
                        type="button"
                        class="secondary"
                        disabled={busy === v.id}
                        onClick={() => setStatus(v, 'active')}
                        aria-label={`Resume ${v.handle}`}
                      >
                        Resume
                      </button>
                    )}
                    {v.status !== 'retired' && (
                      <button
                        type="button"
                        class="secondary danger"
                        disabled={busy === v.id}
                        onClick={() => setStatus(v, 'retired')}
                        aria-label={`Retire ${v.handle}`}
                      >
                        Retire
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
