import type { TrialReveal } from '@policy-arena/domain';
import type { ArenaClient, TrialView } from '@policy-arena/sdk';
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../../api/client';
import { FocusHeading } from '../../components/focus-heading';
import { usePageTitle } from '../../components/page-title';
import { SignIn } from '../../components/sign-in';
import { useSession } from '../../session';
import { EpisodeCard, type RecordedEpisode } from './episode-card';
import { OutcomeForm } from './outcome-form';
import { RevealCard } from './reveal-card';
import { StartTrialForm } from './start-trial-form';

const CURRENT_TRIAL = 'policy-arena.current-trial';
/** Well inside the lease (30 min by default): a trial left open in a tab stays alive. */
const HEARTBEAT_MS = 60_000;

export function EvaluatorConsole() {
  usePageTitle('Evaluate');
  const { session, restoring, setSession, signOut } = useSession('evaluator');
  return (
    <>
      <div class="page-head">
        <h1>Evaluator console</h1>
        {session && (
          <p class="account">
            Signed in as {session.account.displayName} (pseudonym {session.account.pseudonym}) ·{' '}
            <button type="button" class="link" onClick={signOut}>
              Sign out
            </button>
          </p>
        )}
      </div>
      {restoring && !session && <p role="status">Signing in…</p>}
      {!restoring && !session && <SignIn kind="evaluator" onSignedIn={setSession} />}
      {session && <TrialFlow client={session.client} />}
    </>
  );
}

function TrialFlow({ client }: { client: ArenaClient }) {
  const [trial, setTrial] = useState<TrialView | null>(null);
  const [episodes, setEpisodes] = useState<RecordedEpisode[]>([]);
  const [uploads, setUploads] = useState<Record<string, number>>({});
  const [reveal, setReveal] = useState<TrialReveal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // A reload in the middle of a trial carries on with it.
  useEffect(() => {
    const saved = sessionStorage.getItem(CURRENT_TRIAL);
    if (!saved) return;
    client.getTrial(saved).then(
      (t) => {
        if (t.status !== 'running') return sessionStorage.removeItem(CURRENT_TRIAL);
        setTrial(t);
        setEpisodes(t.episodes);
      },
      () => sessionStorage.removeItem(CURRENT_TRIAL),
    );
  }, [client]);

  const trialId = trial?.id;
  const running = trial !== null && reveal === null;
  useEffect(() => {
    if (!trialId || !running) return;
    const timer = setInterval(() => {
      client
        .heartbeat(trialId)
        .catch((e: unknown) => setNotice(`This trial could not be kept open: ${describeError(e)}`));
    }, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [client, trialId, running]);

  const start = (t: TrialView) => {
    sessionStorage.setItem(CURRENT_TRIAL, t.id);
    setTrial(t);
    setEpisodes([]);
    setUploads({});
    setReveal(null);
    setNotice(null);
  };
  const reset = () => {
    sessionStorage.removeItem(CURRENT_TRIAL);
    setTrial(null);
    setReveal(null);
  };

  if (!trial) return <StartTrialForm client={client} onStarted={start} />;
  if (reveal) return <RevealCard reveal={reveal} onAnother={reset} />;
  const recorded = (label: string) => episodes.find((e) => e.label === label);
  const nextOpen = trial.runOrder.find((l) => !recorded(l));
  const uploadsActive = Object.values(uploads).reduce((a, b) => a + b, 0);
  return (
    <div class="trial-flow" data-trial={trial.id}>
      <section class="card" aria-labelledby="pair-title">
        <FocusHeading id="pair-title">Trial: “{trial.instruction}”</FocusHeading>
        <p>Run the two policies in this order, resetting the scene in between:</p>
        <ol class="run-order" data-testid="run-order">
          {trial.runOrder.map((label) => (
            <li key={label}>
              policy <span class="label-chip">{label}</span>
            </li>
          ))}
        </ol>
        <p class="hint">
          Trial <code>{trial.id}</code>
          {trial.category ? ` · category ${trial.category}` : ''}. You will see which policies these were
          after you submit your preference.
        </p>
      </section>
      {notice && (
        <p class="message message-error" role="alert">
          {notice}
        </p>
      )}
      {trial.runOrder.map((label, position) => (
        <EpisodeCard
          key={label}
          client={client}
          trialId={trial.id}
          label={label}
          position={position}
          recorded={recorded(label)}
          open={nextOpen === label}
          onRecorded={(e) => setEpisodes((all) => [...all, e])}
          onUploadsChange={(active) => setUploads((u) => ({ ...u, [label]: active }))}
        />
      ))}
      <OutcomeForm
        client={client}
        trialId={trial.id}
        ready={nextOpen === undefined}
        uploadsActive={uploadsActive}
        onRevealed={(r) => {
          sessionStorage.removeItem(CURRENT_TRIAL);
          setReveal(r);
        }}
      />
    </div>
  );
}
