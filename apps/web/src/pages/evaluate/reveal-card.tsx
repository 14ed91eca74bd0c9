import type { TrialReveal } from '@policy-arena/domain';
import { FocusHeading } from '../../components/focus-heading';
import { PolicyLink } from '../../components/policy-link';
import { preferenceText } from '../../format';
import { trialHref } from '../../router';

export function RevealCard({ reveal, onAnother }: { reveal: TrialReveal; onAnother(): void }) {
  return (
    <section class="card reveal" aria-labelledby="reveal-title" data-testid="reveal">
      <FocusHeading id="reveal-title">The reveal</FocusHeading>
      <p>
        You answered <strong>{preferenceText[reveal.preference]}</strong>. The two policies were:
      </p>
      <ul class="revealed">
        {reveal.policies.map((p) => (
          <li key={p.label} data-label={p.label}>
            <span class="label-chip">{p.label}</span> <PolicyLink handle={p.handle} />
          </li>
        ))}
      </ul>
      <p>
        Thank you. The leaderboard has been updated. <a href={trialHref(reveal.trialId)}>See this trial</a>.
      </p>
      <button type="button" onClick={onAnother}>
        Start another trial
      </button>
    </section>
  );
}
