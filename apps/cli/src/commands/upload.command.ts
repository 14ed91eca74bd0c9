import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TrialLabel } from '@policy-arena/domain';
import { artifactKinds, formatBytes, MIN_PART_BYTES, type ArtifactKind } from '@policy-arena/replay';
import { Presets, SingleBar } from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { connect, print, type ConnectionOptions } from '../support/connection';
import { prepareFile } from './upload/prepare-file';
import { uploadFile, type UploadProgress } from './upload/resumable-upload';
import { defaultStateDir } from './upload/upload-state';

interface UploadOptions extends ConnectionOptions {
  trial: string;
  label: TrialLabel;
  kind?: ArtifactKind;
  name?: string;
  type?: string;
  multipart?: boolean;
  partSize: number;
  concurrency: number;
  rate?: number;
  chunkSize?: number;
  progress: boolean;
}

const MiB = 1024 * 1024;
/** Above this a file goes up in parts (resumable) even without --multipart. */
const MULTIPART_ABOVE = 64 * MiB;

const number = (what: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min)
    throw new InvalidArgumentError(`${what}: expected a number ≥ ${min}, got ${value}`);
  return n;
};

/** A bar on a terminal; one line per phase and per tenth of the file when output is a log. */
function progressReporter(enabled: boolean): { report: (p: UploadProgress) => void; stop: () => void } {
  if (!enabled) return { report: () => undefined, stop: () => undefined };
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      {
        stream: process.stderr,
        format: '{phase} [{bar}] {percentage}% | {doneMiB}/{totalMiB} MiB{parts} | ETA {eta_formatted}',
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    let phase: string | undefined;
    return {
      report: (p) => {
        const payload = {
          phase: p.phase.padEnd(9),
          doneMiB: (p.done / MiB).toFixed(1),
          totalMiB: (p.total / MiB).toFixed(1),
          parts: p.partCount ? ` | part ${p.parts}/${p.partCount}` : '',
        };
        if (p.phase !== phase) {
          if (phase) bar.stop();
          phase = p.phase;
          bar.start(p.total, p.done, payload);
        } else bar.update(p.done, payload);
      },
      stop: () => bar.stop(),
    };
  }
  let last = '';
  return {
    report: (p) => {
      const tenth = p.total > 0 ? Math.floor((10 * p.done) / p.total) : 10;
      const line = `${p.phase}: ${tenth * 10}%${p.partCount ? ` (part ${p.parts}/${p.partCount})` : ''}`;
      if (line !== last) process.stderr.write(`${line}\n`);
      last = line;
    },
    stop: () => undefined,
  };
}

export function registerUploadCommand(program: Command): void {
  program
    .command('upload')
    .description(
      'upload a rollout, video or image of an episode: presigned upload, then verification (size, type, SHA-256, format); ' +
        'large files go up in parts and an interrupted upload resumes when run again',
    )
    .argument(
      '<file>',
      'the file: .json/.arro rollout, .npz/.csv robot log (converted to a rollout), .mp4/.webm, .png/.jpg',
    )
    .requiredOption('--trial <trialId>', 'the trial (yours, running or completed)')
    .addOption(new Option('--label <label>', 'the episode').choices(TrialLabel.options).makeOptionMandatory())
    .addOption(
      new Option('--kind <kind>', 'artifact kind (default: from the file type)').choices(artifactKinds),
    )
    .option('--name <name>', 'which one of its kind, e.g. the camera of a video (wrist, left, right)')
    .option('--type <contentType>', 'content type (default: from the file name)')
    .option('--multipart', `upload in resumable parts (automatic above ${formatBytes(MULTIPART_ABOVE)})`)
    .option(
      '--part-size <MiB>',
      'part size in MiB (at least 5)',
      number('--part-size', MIN_PART_BYTES / MiB),
      8,
    )
    .option('--concurrency <n>', 'parts in flight at once', number('--concurrency', 1), 3)
    .option('--rate <hz>', 'control rate of a .npz/.csv log (default 15)', number('--rate', 0.001))
    .option(
      '--chunk-size <n>',
      'a .npz/.csv log executed action chunks of n steps',
      number('--chunk-size', 1),
    )
    .option('--no-progress', 'no progress output')
    .option('--url <url>', 'API base URL (default: $ARENA_URL or http://localhost:3000)')
    .option('--key <apiKey>', "the evaluator's API key (default: $ARENA_API_KEY)")
    .action(async (file: string, options: UploadOptions) => {
      const stateDir = defaultStateDir();
      const prepared = await prepareFile(file, {
        ...(options.type ? { contentType: options.type } : {}),
        ...(options.kind ? { kind: options.kind } : {}),
        workDir: join(stateDir, 'converted'),
        import: {
          ...(options.rate ? { rateHz: options.rate } : {}),
          ...(options.chunkSize ? { chunkSize: Math.floor(options.chunkSize) } : {}),
        },
      });
      if (prepared.convertedFrom)
        process.stderr.write(
          `converted the ${prepared.convertedFrom} log into a rollout (${prepared.path})\n`,
        );
      const size = (await stat(prepared.path)).size;
      const progress = progressReporter(options.progress);
      const apiUrl = options.url ?? process.env['ARENA_URL'] ?? 'http://localhost:3000';
      const interrupt = new AbortController();
      const onSignal = () => interrupt.abort(new Error('interrupted; run the same command again to resume'));
      process.once('SIGINT', onSignal);
      try {
        const result = await uploadFile({
          client: connect(options),
          apiUrl,
          trialId: options.trial,
          label: options.label,
          kind: prepared.kind,
          name: options.name ?? prepared.kind,
          contentType: prepared.contentType,
          file: prepared.path,
          multipart: options.multipart === true || size > MULTIPART_ABOVE,
          partBytes: Math.round(options.partSize * MiB),
          concurrency: Math.floor(options.concurrency),
          stateDir,
          signal: interrupt.signal,
          onProgress: progress.report,
        });
        progress.stop();
        if (result.resumedParts > 0)
          process.stderr.write(
            `resumed: ${result.resumedParts} parts were already uploaded, sent ${result.uploadedParts}\n`,
          );
        print(result.artifact);
      } finally {
        progress.stop();
        process.removeListener('SIGINT', onSignal);
      }
    });
}
