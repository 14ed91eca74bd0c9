import { browse } from '../../api/client';
import type { PolicyReport } from '../../api/browse-types';
import { ErrorMessage, Loading } from '../../components/messages';
import { usePageTitle } from '../../components/page-title';
import { PolicyLink } from '../../components/policy-link';
import { useAsync } from '../../components/use-async';
import { formatDate, formatDateTime, formatPercent, formatRating } from '../../format';
import { trialHref } from '../../router';
import { TrialList } from '../trials/trial-list';
import { RatingHistoryChart } from './rating-history-chart';

const verdictText = { won: 'won', lost: 'lost', tie: 'tie', both_bad: 'both bad' } as const;

export function PolicyPage({ handle }: { handle: string }) {
  usePageTitle(handle);
  const [report] = useAsync(() => browse.policy(handle), [handle]);
  return (
    <>
      <h1 class="policy-title">{handle}</h1>
      {report.status === 'error' && <ErrorMessage error={report.error} />}
      {!report.value && report.status === 'loading' && <Loading what="the policy report" />}
      {report.value && <PolicyReportView report={report.value} />}
    </>
  );
}

export function PolicyReportView({ report }: { report: PolicyReport }) {
  const { version, board } = report;
  return (
    <div class="policy-report">
      <dl class="facts">
        <div>
          <dt>Rank</dt>
          <dd>
            {board
              ? `${board.rank}${board.rankRange[0] !== board.rankRange[1] ? ` (range ${board.rankRange[0]}–${board.rankRange[1]})` : ''}`
              : 'not rated yet'}
          </dd>
        </div>
        <div>
          <dt>Rating (Bradley–Terry)</dt>
          <dd>
            {board
              ? `${formatRating(board.rating)} (95% ${formatRating(board.ci[0])}–${formatRating(board.ci[1])})`
              : '—'}
          </dd>
        </div>
        <div>
          <dt>Trials</dt>
          <dd>{board ? `${board.n} (${board.wins} won, ${board.losses} lost, ${board.ties} tied)` : '0'}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{version.status}</dd>
        </div>
        <div>
          <dt>Embodiment</dt>
          <dd>
            {version.embodiment} · {version.requirements.actionSpace} ·{' '}
            {version.requirements.cameras.length > 0 ? version.requirements.cameras.join(', ') : 'no cameras'}
          </dd>
        </div>
        <div>
          <dt>Registered</dt>
          <dd>{formatDate(version.createdAt)}</dd>
        </div>
        <div class="wide">
          <dt>Artifact digest</dt>
          <dd>
            <code class="digest">{version.artifactDigest}</code>
          </dd>
        </div>
      </dl>

      <section aria-labelledby="history-title">
        <h2 id="history-title">Rating history</h2>
        <RatingHistoryChart points={report.history} />
      </section>

      <section aria-labelledby="categories-title">
        <h2 id="categories-title">By category</h2>
        {report.categories.length === 0 ? (
          <p class="message">No counted trials yet.</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col" class="num">
                    Trials
                  </th>
                  <th scope="col" class="num">
                    Won / lost / tied
                  </th>
                  <th scope="col" class="num">
                    Mean progress
                  </th>
                  <th scope="col" class="num">
                    Success
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.categories.map((c) => (
                  <tr key={c.category ?? ''}>
                    <th scope="row">{c.category ?? 'uncategorised'}</th>
                    <td class="num">{c.n}</td>
                    <td class="num">
                      {c.wins} / {c.losses} / {c.ties}
                    </td>
                    <td class="num">{c.meanProgress.toFixed(0)}</td>
                    <td class="num">{formatPercent(c.successRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="h2h-title">
        <h2 id="h2h-title">Head to head</h2>
        {report.headToHead.length === 0 ? (
          <p class="message">No rival yet.</p>
        ) : (
          <div class="table-scroll">
            <table data-testid="head-to-head">
              <thead>
                <tr>
                  <th scope="col">Rival</th>
                  <th scope="col" class="num">
                    Trials
                  </th>
                  <th scope="col" class="num">
                    Won / lost / tied
                  </th>
                  <th scope="col" class="num">
                    Score
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.headToHead.map((h) => (
                  <tr key={h.rival}>
                    <th scope="row">
                      <PolicyLink handle={h.rival} />
                    </th>
                    <td class="num">{h.n}</td>
                    <td class="num">
                      {h.wins} / {h.losses} / {h.ties}
                    </td>
                    <td class="num">{formatPercent((h.wins + h.ties / 2) / h.n)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="recent-title">
        <h2 id="recent-title">Recent trials</h2>
        {report.recentTrials.length === 0 ? (
          <p class="message">No completed trial yet.</p>
        ) : (
          <TrialList trials={report.recentTrials} />
        )}
        <p>
          <a href={`/trials?policy=${encodeURIComponent(version.handle)}`}>All trials of {version.handle}</a>
        </p>
      </section>

      <section aria-labelledby="reasons-title">
        <h2 id="reasons-title">What evaluators said</h2>
        {report.reasons.length === 0 ? (
          <p class="message">No reasons yet.</p>
        ) : (
          <ul class="reasons">
            {report.reasons.map((r) => (
              <li key={r.trialId}>
                <blockquote>{r.reason}</blockquote>
                <p class="trial-meta">
                  <span class={`verdict verdict-${r.verdict}`}>{verdictText[r.verdict]}</span> · evaluator{' '}
                  {r.evaluator} · <a href={trialHref(r.trialId)}>{formatDateTime(r.at)}</a>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
