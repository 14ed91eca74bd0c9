import type { ArenaClient, OwnedPolicyVersionView } from '@policy-arena/sdk';
import { useState } from 'preact/hooks';
import { describeError, fieldProblems } from '../../api/client';
import { actionSpaces, cameraKinds, type ActionSpace, type Camera } from '../../domain-values';
import { FieldProblem, FormError } from '../../components/messages';

interface Draft {
  name: string;
  version: string;
  artifactDigest: string;
  embodiment: string;
  endpoint: string;
  description: string;
}

const emptyDraft: Draft = {
  name: '',
  version: '',
  artifactDigest: '',
  embodiment: 'droid-franka',
  endpoint: '',
  description: '',
};

const textFields: { key: keyof Draft; label: string; hint: string; url?: boolean; placeholder?: string }[] = [
  { key: 'name', label: 'Name', hint: 'letters, digits, “.”, “_” and “-”', placeholder: 'pi0-fast' },
  { key: 'version', label: 'Version', hint: 'immutable once registered', placeholder: '1.2.0' },
  {
    key: 'artifactDigest',
    label: 'Artifact digest',
    hint: '“sha256:” and 64 lower-case hex digits of the checkpoint',
    placeholder: 'sha256:…',
  },
  { key: 'embodiment', label: 'Embodiment', hint: 'the robot it drives, e.g. droid-franka' },
  {
    key: 'endpoint',
    label: 'Inference endpoint',
    hint: 'private: only the platform’s relay connects to it (ws://, wss://, http:// or https://)',
    url: true,
    placeholder: 'wss://policy.example.org:8000',
  },
];

/** Registers an immutable policy version; the API's field problems show next to their fields. */
export function RegisterVersionForm({
  client,
  onRegistered,
}: {
  client: ArenaClient;
  onRegistered(v: OwnedPolicyVersionView): void;
}) {
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [cameras, setCameras] = useState<Camera[]>(['wrist']);
  const [actionSpace, setActionSpace] = useState<ActionSpace>('joint_position');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setProblems({});
    setDone(null);
    try {
      const registered = await client.registerPolicyVersion({
        name: draft.name.trim(),
        version: draft.version.trim(),
        artifactDigest: draft.artifactDigest.trim(),
        embodiment: draft.embodiment.trim(),
        endpoint: draft.endpoint.trim(),
        requirements: { cameras, actionSpace },
        ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
      });
      setDone(`Registered ${registered.handle}.`);
      setDraft({ ...emptyDraft, embodiment: draft.embodiment });
      onRegistered(registered);
    } catch (e) {
      setProblems(fieldProblems(e));
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const problemId = (key: string) => `register-${key}-problem`;
  return (
    <form class="card" aria-labelledby="register-title" onSubmit={submit}>
      <h2 id="register-title">Register a version</h2>
      <p>
        A version is immutable and stays on the public record once evaluated. Trials draw it as soon as its
        endpoint answers the platform’s health check.
      </p>
      <div class="field-grid">
        {textFields.map((f) => (
          <div class="field" key={f.key}>
            <label for={`register-${f.key}`}>{f.label}</label>
            <input
              id={`register-${f.key}`}
              name={f.key}
              type="text"
              inputMode={f.url ? 'url' : 'text'}
              required
              spellcheck={false}
              placeholder={f.placeholder}
              value={draft[f.key]}
              aria-invalid={problems[f.key] ? true : undefined}
              aria-describedby={`register-${f.key}-hint${problems[f.key] ? ` ${problemId(f.key)}` : ''}`}
              onInput={(e) => setDraft({ ...draft, [f.key]: e.currentTarget.value })}
            />
            <p id={`register-${f.key}-hint`} class="hint">
              {f.hint}
            </p>
            <FieldProblem id={problemId(f.key)} problem={problems[f.key]} />
          </div>
        ))}
        <fieldset class="field">
          <legend>Cameras it needs</legend>
          {cameraKinds.map((c) => (
            <div class="check" key={c}>
              <input
                id={`register-camera-${c}`}
                type="checkbox"
                checked={cameras.includes(c)}
                onChange={(e) =>
                  setCameras(e.currentTarget.checked ? [...cameras, c] : cameras.filter((x) => x !== c))
                }
              />
              <label for={`register-camera-${c}`}>{c.replace('_', ' ')}</label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <label for="register-action-space">Action space</label>
          <select
            id="register-action-space"
            value={actionSpace}
            onChange={(e) => setActionSpace(e.currentTarget.value as ActionSpace)}
          >
            {actionSpaces.map((a) => (
              <option key={a} value={a}>
                {a.replace('_', ' ')}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="field">
        <label for="register-description">Description (optional, private)</label>
        <textarea
          id="register-description"
          rows={2}
          value={draft.description}
          onInput={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
        />
      </div>
      <FormError error={error} />
      {done && (
        <p class="message message-ok" role="status">
          {done}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Registering…' : 'Register the version'}
      </button>
    </form>
  );
}
