import type { TrialLabel } from '@policy-arena/domain';
import type { ArenaClient, ArtifactKind } from '@policy-arena/sdk';
import { useState } from 'preact/hooks';
import { describeError, fieldProblems } from '../../api/client';
import { formatBytes } from '../../format';
import { uploadArtifact, type UploadProgress } from './upload';
import { FieldProblem, FormError } from '../../components/messages';

export interface RecordedEpisode {
  label: TrialLabel;
  progress: number;
  success: boolean;
}

interface UploadRow {
  key: string;
  file: string;
  kind: ArtifactKind;
  progress: UploadProgress;
}

const phaseText: Record<UploadProgress['phase'], string> = {
  hashing: 'checking',
  uploading: 'uploading',
  verifying: 'verifying',
  verified: 'verified',
  failed: 'failed',
};

/**
 * One episode of the trial: score it (progress 0–100, success), record it, then upload its
 * rollout and videos with progress. Only the next episode in run order is open.
 */
export function EpisodeCard(props: {
  client: ArenaClient;
  trialId: string;
  label: TrialLabel;
  position: number;
  recorded: RecordedEpisode | undefined;
  open: boolean;
  onRecorded(e: RecordedEpisode): void;
  onUploadsChange(active: number): void;
}) {
  const { client, trialId, label, position, recorded, open } = props;
  const id = `episode-${label}`;
  const [progress, setProgress] = useState('');
  const [success, setSuccess] = useState(false);
  const [duration, setDuration] = useState('');
  const [notes, setNotes] = useState('');
  const [rollout, setRollout] = useState<File | null>(null);
  const [videos, setVideos] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [uploads, setUploads] = useState<UploadRow[]>([]);

  const runUploads = async (files: { file: File; kind: ArtifactKind }[]) => {
    const rows = files.map(({ file, kind }, k) => ({
      key: `${k}-${file.name}`,
      file: file.name,
      kind,
      progress: { phase: 'hashing', done: 0, total: file.size } as UploadProgress,
    }));
    setUploads(rows);
    props.onUploadsChange(rows.length);
    let left = rows.length;
    for (const [k, { file, kind }] of files.entries()) {
      const update = (p: UploadProgress) =>
        setUploads((all) => all.map((r) => (r.key === rows[k]!.key ? { ...r, progress: p } : r)));
      try {
        const artifact = await uploadArtifact(client, trialId, label, kind, file, update);
        update(
          artifact.state === 'verified'
            ? { phase: 'verified', done: file.size, total: file.size }
            : { phase: 'failed', done: 0, total: file.size, message: artifact.rejection ?? 'refused' },
        );
      } catch (e) {
        update({ phase: 'failed', done: 0, total: file.size, message: describeError(e) });
      }
      props.onUploadsChange(--left);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setProblems({});
    try {
      const input = {
        label,
        progress: Number(progress),
        success,
        ...(duration.trim() ? { durationSeconds: Number(duration) } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      };
      await client.recordEpisode(trialId, input);
      props.onRecorded({ label, progress: input.progress, success });
      const files = [
        ...(rollout ? [{ file: rollout, kind: 'rollout' as const }] : []),
        ...videos.map((file) => ({ file, kind: 'video' as const })),
      ];
      if (files.length > 0) void runUploads(files);
    } catch (e) {
      setProblems(fieldProblems(e));
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const heading = (
    <h3 id={`${id}-title`}>
      {position === 0 ? 'First' : 'Second'} run: policy <span class="label-chip">{label}</span>
    </h3>
  );
  if (recorded) {
    return (
      <section class="card episode done" aria-labelledby={`${id}-title`} data-episode={label}>
        {heading}
        <p>
          Recorded: progress {recorded.progress}, {recorded.success ? 'succeeded' : 'did not succeed'}.
        </p>
        {uploads.length > 0 && <UploadList uploads={uploads} label={label} />}
      </section>
    );
  }
  const describedBy = (field: string) => (problems[field] ? `${id}-${field}-problem` : undefined);
  return (
    <form
      class={`card episode${open ? '' : ' waiting'}`}
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      data-episode={label}
    >
      {heading}
      {!open && <p>Run and score the first policy before this one.</p>}
      <fieldset disabled={!open || busy}>
        <legend class="visually-hidden">Score policy {label}</legend>
        <div class="field-row">
          <div class="field">
            <label for={`${id}-progress`}>Progress (0–100)</label>
            <input
              id={`${id}-progress`}
              name="progress"
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              required
              value={progress}
              aria-invalid={problems['progress'] ? true : undefined}
              aria-describedby={describedBy('progress')}
              onInput={(e) => setProgress(e.currentTarget.value)}
            />
            <FieldProblem id={`${id}-progress-problem`} problem={problems['progress']} />
          </div>
          <div class="field">
            <label for={`${id}-duration`}>Duration in seconds (optional)</label>
            <input
              id={`${id}-duration`}
              name="durationSeconds"
              type="number"
              min={0}
              step="any"
              value={duration}
              onInput={(e) => setDuration(e.currentTarget.value)}
            />
          </div>
        </div>
        <div class="check">
          <input
            id={`${id}-success`}
            name="success"
            type="checkbox"
            checked={success}
            onChange={(e) => setSuccess(e.currentTarget.checked)}
          />
          <label for={`${id}-success`}>The task was completed (success)</label>
        </div>
        <div class="field">
          <label for={`${id}-notes`}>Notes (optional)</label>
          <textarea
            id={`${id}-notes`}
            name="notes"
            rows={2}
            value={notes}
            onInput={(e) => setNotes(e.currentTarget.value)}
          />
        </div>
        <div class="field-row">
          <div class="field">
            <label for={`${id}-rollout`}>Rollout file (.json or .arro, optional)</label>
            <input
              id={`${id}-rollout`}
              name="rollout"
              type="file"
              accept=".json,.arro,application/json"
              onChange={(e) => setRollout(e.currentTarget.files?.[0] ?? null)}
            />
          </div>
          <div class="field">
            <label for={`${id}-videos`}>Videos, one per camera (.mp4 or .webm, optional)</label>
            <input
              id={`${id}-videos`}
              name="videos"
              type="file"
              multiple
              accept=".mp4,.webm,video/mp4,video/webm"
              onChange={(e) => setVideos(Array.from(e.currentTarget.files ?? []))}
            />
          </div>
        </div>
        <FormError error={error} />
        <button type="submit">{busy ? 'Saving…' : `Save the score of ${label}`}</button>
      </fieldset>
    </form>
  );
}

function UploadList({ uploads, label }: { uploads: UploadRow[]; label: TrialLabel }) {
  return (
    <ul class="uploads" aria-label={`Uploads of ${label}`}>
      {uploads.map((u) => {
        const { phase, done, total, message } = u.progress;
        return (
          <li key={u.key} data-upload-state={phase}>
            <span class="upload-name">
              {u.kind}: {u.file} ({formatBytes(total)})
            </span>
            <progress
              max={total || 1}
              value={phase === 'verified' ? total : done}
              aria-label={`${u.file}: ${phaseText[phase]}`}
            />
            <span class={`upload-state upload-${phase}`} role={phase === 'failed' ? 'alert' : undefined}>
              {phaseText[phase]}
              {phase === 'uploading' && total > 0 ? ` ${Math.round((100 * done) / total)}%` : ''}
              {message ? `: ${message}` : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
