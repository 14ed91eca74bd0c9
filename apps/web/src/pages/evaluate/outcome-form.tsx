import type { Preference, TrialReveal } from '@policy-arena/domain';
import type { ArenaClient } from '@policy-arena/sdk';
import { useState } from 'preact/hooks';
import { describeError, fieldProblems } from '../../api/client';
import { preferenceText } from '../../format';
import { FieldProblem, FormError } from '../../components/messages';

const choices: Preference[] = ['A', 'B', 'tie', 'both_bad'];

/** A retry after a lost answer must send the same key, so it is kept per trial for this tab. */
function idempotencyKey(trialId: string): string {
  const storage = `policy-arena.outcome-key.${trialId}`;
  let key = sessionStorage.getItem(storage);
  if (!key) {
    key =
      globalThis.crypto?.randomUUID?.() ??
      Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    sessionStorage.setItem(storage, key);
  }
  return key;
}

export function OutcomeForm(props: {
  client: ArenaClient;
  trialId: string;
  ready: boolean;
  uploadsActive: number;
  onRevealed(reveal: TrialReveal): void;
}) {
  const { client, trialId, ready, uploadsActive } = props;
  const [preference, setPreference] = useState<Preference | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!preference) {
      setProblems({ preference: 'choose one of the four answers' });
      return;
    }
    setBusy(true);
    setError(null);
    setProblems({});
    try {
      const answer = await client.submitOutcome(trialId, { preference, reason }, idempotencyKey(trialId));
      sessionStorage.removeItem(`policy-arena.outcome-key.${trialId}`);
      props.onRevealed(answer.body);
    } catch (e) {
      setProblems(fieldProblems(e));
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const blocked = !ready || uploadsActive > 0 || busy;
  return (
    <form class="card outcome" aria-labelledby="outcome-title" onSubmit={submit}>
      <h3 id="outcome-title">Your preference</h3>
      {!ready && <p>Score both runs first.</p>}
      {ready && uploadsActive > 0 && (
        <p role="status">
          Waiting for {uploadsActive} {uploadsActive === 1 ? 'upload' : 'uploads'} to finish…
        </p>
      )}
      <fieldset
        disabled={!ready || busy}
        aria-describedby={problems['preference'] ? 'preference-problem' : undefined}
      >
        <legend>Which policy did the task better?</legend>
        <div class="choices">
          {choices.map((c) => (
            <label key={c} class="choice">
              <input
                type="radio"
                name="preference"
                value={c}
                checked={preference === c}
                onChange={() => setPreference(c)}
              />
              <span>{preferenceText[c]}</span>
            </label>
          ))}
        </div>
        <FieldProblem id="preference-problem" problem={problems['preference']} />
      </fieldset>
      <div class="field">
        <label for="outcome-reason">Why? (shown publicly with your pseudonym, after the reveal)</label>
        <textarea
          id="outcome-reason"
          name="reason"
          rows={3}
          required
          disabled={!ready || busy}
          value={reason}
          aria-invalid={problems['reason'] ? true : undefined}
          aria-describedby={problems['reason'] ? 'reason-problem' : undefined}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        <FieldProblem id="reason-problem" problem={problems['reason']} />
      </div>
      <FormError error={error} />
      <button type="submit" disabled={blocked}>
        {busy ? 'Submitting…' : 'Submit and reveal'}
      </button>
    </form>
  );
}
