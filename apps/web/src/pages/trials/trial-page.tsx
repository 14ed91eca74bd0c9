import type { TrialLabel } from '@policy-arena/domain';
import { browse } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/messages';
import { usePageTitle } from '../../components/page-title';
import { PolicyLink } from '../../components/policy-link';
import { useAsync } from '../../components/use-async';
import { formatDateTime, preferenceText } from '../../format';
import { ReplayPanel, VideoStrip } from './replay-panel';
import { winnerText } from './trial-list';

const ordinal = ['First', 'Second'];

export function TrialPage({ trialId }: { trialId: string }) {
  const [trial] = useAsync(() => browse.trial(trialId), [trialId]);
  const [manifest] = useAsync(
    () => (trial.value?.hasMedia ? browse.replay(trialId) : Promise.resolve(null)),
    [trial.value?.hasMedia, trialId],
  );
  const t = trial.value;
  usePageTitle(t ? `Trial “${t.instruction}”` : 'Trial');
  if (trial.status === 'error') {
    return (
      <>
        <h1>Trial</h1>
        <ErrorMessage error={trial.error} />
      </>
    );
  }
  if (!t) return <Loading what="the trial" />;
  const episode = (label: TrialLabel) => t.episodes.find((e) => e.label === label);
  const hasRollout = manifest.value?.episodes.some((e) => e.rollout) ?? false;
  return (
    <>
      <h1>“{t.instruction}”</h1>
      <p class="trial-meta">
        {t.category && <span class="tag">{t.category}</span>} Completed{' '}
        <time dateTime={t.completedAt}>{formatDateTime(t.completedAt)}</time> · evaluator {t.evaluator} ·
        trial <code>{t.id}</code>
      </p>
      <div class="table-scroll">
        <table class="pair" data-testid="trial-pair">
          <caption>The two episodes in the order they ran; the labels were revealed after the vote</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Label</th>
              <th scope="col">Policy</th>
              <th scope="col" class="num">
                Progress
              </th>
              <th scope="col">Success</th>
            </tr>
          </thead>
          <tbody>
            {t.runOrder.map((label, i) => (
              <tr key={label}>
                <td>{ordinal[i]}</td>
                <th scope="row">
                  <span class="label-chip">{label}</span>
                </th>
                <td>
                  <PolicyLink handle={t.policies[label]} />
                </td>
                <td class="num">{episode(label)?.progress ?? '—'}</td>
                <td>{episode(label) ? (episode(label)!.success ? 'yes' : 'no') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="verdict-line">
        Preference: <strong>{preferenceText[t.preference]}</strong> ({winnerText(t)})
      </p>
      <blockquote class="reason">{t.reason}</blockquote>

      <section aria-labelledby="replay-title">
        <h2 id="replay-title">Replay</h2>
        {!t.hasMedia && <p class="message">No rollout or video was uploaded for this trial.</p>}
        {manifest.status === 'error' && <ErrorMessage error={manifest.error} />}
        {manifest.value && hasRollout && <ReplayPanel trialId={t.id} />}
        {manifest.value && !hasRollout && <VideoStrip manifest={manifest.value} />}
      </section>
    </>
  );
}
