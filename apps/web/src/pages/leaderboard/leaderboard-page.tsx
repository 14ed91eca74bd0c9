import type { Leaderboard } from '@policy-arena/sdk';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DiagnosticsView, TrialCounts } from '../../api/browse-types';
import { browse, publicClient } from '../../api/client';
import { subscribeLive, type LiveStatus } from '../../api/live';
import { ErrorMessage, Loading } from '../../components/messages';
import { usePageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDateTime, isMethod, methodNames, type MethodKey } from '../../format';
import { navigate } from '../../router';
import { RatingTable } from './rating-table';
import { IntransitivityNote, WinMatrix } from './win-matrix';

const MATRIX_REFRESH_MS = 1500;

interface Filter {
  method: MethodKey;
  category: string;
}

function readFilter(search: string): Filter {
  const params = new URLSearchParams(search);
  const method = params.get('method');
  return { method: isMethod(method) ? method : 'bt', category: params.get('category') ?? '' };
}

function filterHref({ method, category }: Filter): string {
  const params = new URLSearchParams();
  if (method !== 'bt') params.set('method', method);
  if (category) params.set('category', category);
  return params.size > 0 ? `/?${params}` : '/';
}

/** Marks the first render with data, once per page load: the browser test reads it back. */
function markFirstRender(): void {
  if (performance.getEntriesByName('leaderboard:first-render').length > 0) return;
  performance.mark('leaderboard:first-render');
}

export function LeaderboardPage({ search }: { search: string }) {
  usePageTitle('Leaderboard');
  const filter = readFilter(search);
  const { method, category } = filter;
  const [board, reloadBoard, setBoard] = useAsync<Leaderboard>(
    () => publicClient.leaderboard({ method, ...(category ? { category } : {}) }),
    [method, category],
  );
  const [diagnostics, reloadDiagnostics] = useAsync<DiagnosticsView>(
    () => browse.diagnostics(category || undefined),
    [category],
  );
  const [counts, setCounts] = useState<TrialCounts | null>(null);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [announcement, setAnnouncement] = useState('');
  const current = useRef(filter);
  current.current = filter;

  useEffect(() => {
    // The matrix may trail the board by a moment: one refresh per burst of outcomes, not one each.
    let matrixRefresh: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribeLive({
      leaderboard: (pushed) => {
        const f = current.current;
        // The push is the official board; any other view is recomputed by the API.
        if (f.method === 'bt' && !f.category) setBoard(pushed);
        else reloadBoard();
        matrixRefresh ??= setTimeout(() => {
          matrixRefresh = undefined;
          reloadDiagnostics();
        }, MATRIX_REFRESH_MS);
        setAnnouncement(`Leaderboard updated: ${pushed.trials} counted trials.`);
      },
      trials: setCounts,
      status: setLive,
    });
    return () => {
      clearTimeout(matrixRefresh);
      unsubscribe();
    };
  }, [setBoard, reloadBoard, reloadDiagnostics]);

  const value = board.value;
  useEffect(() => {
    if (value) {
      markFirstRender();
      document.body.dataset['board'] = value.snapshotId;
    }
  }, [value]);
  useEffect(() => () => void delete document.body.dataset['board'], []);

  const setFilter = (next: Partial<Filter>) =>
    navigate(filterHref({ ...filter, ...next }), { replace: true });
  const categories = diagnostics.value?.categories ?? [];
  return (
    <>
      <div class="page-head">
        <h1>Leaderboard</h1>
        <p class="live-status" data-live={live}>
          <span class="dot" aria-hidden="true" />
          {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Offline — reconnecting'}
          {counts && (
            <span>
              {' '}
              · {counts.completed} completed, {counts.running} running
            </span>
          )}
        </p>
      </div>
      <p class="lede">
        Double-blind pairwise trials of robot policies. Ratings come with 95% intervals; policies whose
        intervals overlap share a rank range instead of pretending one is better.
      </p>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <fieldset class="segmented">
          <legend>Rating method</legend>
          {(Object.keys(methodNames) as MethodKey[]).map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="method"
                value={m}
                checked={m === method}
                onChange={() => setFilter({ method: m })}
              />
              <span>{methodNames[m]}</span>
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="board-category">Category</label>
          <select
            id="board-category"
            value={category}
            onChange={(e) => setFilter({ category: e.currentTarget.value })}
          >
            <option value="">All categories</option>
            {[...new Set([...categories, ...(category ? [category] : [])])].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </form>

      {board.status === 'error' && <ErrorMessage error={board.error} />}
      {!value && board.status === 'loading' && <Loading what="the leaderboard" />}
      {value && (
        <section aria-busy={board.status === 'loading'}>
          <RatingTable board={value} methodName={methodNames[isMethod(value.method) ? value.method : 'bt']} />
          <SnapshotFooter board={value} />
        </section>
      )}

      <section class="matrix-section" aria-labelledby="matrix-title">
        <h2 id="matrix-title">Win matrix</h2>
        {diagnostics.status === 'error' && <ErrorMessage error={diagnostics.error} />}
        {diagnostics.value && (
          <>
            <IntransitivityNote diagnostics={diagnostics.value} />
            <WinMatrix diagnostics={diagnostics.value} order={value?.rows.map((r) => r.policy) ?? []} />
          </>
        )}
      </section>
    </>
  );
}

function SnapshotFooter({ board }: { board: Leaderboard }) {
  const reproduce = board.reproduce.replace('<api>', location.origin);
  return (
    <div class="snapshot">
      <p>
        Last update <time dateTime={board.computedAt}>{formatDateTime(board.computedAt)}</time> · snapshot{' '}
        <a href={`/api/v1/leaderboard/snapshots/${board.snapshotId}`} data-testid="snapshot-link">
          <code>{board.snapshotId}</code>
        </a>{' '}
        · <a href="/api/v1/export/trials.jsonl">open data (JSONL)</a>
      </p>
      <details>
        <summary>Reproduce this board</summary>
        <p>
          The snapshot rated exactly the trials whose digest is{' '}
          <code class="digest">{board.inputDigest}</code>. Recompute it from the open export:
        </p>
        <pre>
          <code>{reproduce}</code>
        </pre>
      </details>
    </div>
  );
}
