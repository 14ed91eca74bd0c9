import type { TrialSummary } from '../../api/browse-types';
import { PolicyLink } from '../../components/policy-link';
import { formatDateTime } from '../../format';
import { trialHref } from '../../router';

export function winnerText(t: TrialSummary): string {
  if (t.preference === 'tie') return 'tie';
  if (t.preference === 'both_bad') return 'both bad';
  return `${t.policies[t.preference]} preferred`;
}

/** Completed trials as a list of cards: readable on a phone, one link per trial. */
export function TrialList({ trials }: { trials: TrialSummary[] }) {
  return (
    <ol class="trial-list">
      {trials.map((t) => (
        <li key={t.id} class="trial-item" data-trial={t.id}>
          <p class="trial-instruction">
            <a href={trialHref(t.id)}>“{t.instruction}”</a>
            {t.category && <span class="tag">{t.category}</span>}
            {t.hasMedia && <span class="tag tag-media">replay</span>}
          </p>
          <p class="trial-pair">
            <span class="label-chip">A</span> <PolicyLink handle={t.policies.A} /> <span class="vs">vs</span>{' '}
            <span class="label-chip">B</span> <PolicyLink handle={t.policies.B} /> ·{' '}
            <strong>{winnerText(t)}</strong>
          </p>
          <p class="trial-meta">
            <time dateTime={t.completedAt}>{formatDateTime(t.completedAt)}</time> · evaluator {t.evaluator}
            {t.reason && <> · “{t.reason}”</>}
          </p>
        </li>
      ))}
    </ol>
  );
}
