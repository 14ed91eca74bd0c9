import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  artifactRules,
  contentTypeForFile,
  encodeRolloutBinary,
  importCsvRollout,
  importNpzRollout,
  ROLLOUT_BINARY_CONTENT_TYPE,
  type ArtifactKind,
  type ImportOptions,
} from '@policy-arena/replay';

export interface PreparedFile {
  path: string;
  contentType: string;
  kind: ArtifactKind;
  /** Set when the file was a robot log turned into a rollout first. */
  convertedFrom?: 'npz' | 'csv';
}

const kindOf = (contentType: string): ArtifactKind | undefined =>
  (Object.keys(artifactRules) as ArtifactKind[]).find((k) =>
    artifactRules[k].contentTypes.includes(contentType),
  );

/**
 * Works out what is being uploaded. Per-step robot logs (.npz as RoboArena writes them, or .csv)
 * are imported into a rollout (format v1, binary encoding) next to the upload state, so the
 * platform only ever stores rollouts it can replay.
 */
export async function prepareFile(
  file: string,
  options: { contentType?: string; kind?: ArtifactKind; workDir: string; import?: ImportOptions },
): Promise<PreparedFile> {
  const lower = file.toLowerCase();
  if (!options.contentType && (lower.endsWith('.npz') || lower.endsWith('.csv'))) {
    const bytes = await readFile(file);
    const rollout = lower.endsWith('.npz')
      ? importNpzRollout(bytes, options.import)
      : importCsvRollout(bytes.toString('utf8'), options.import);
    await mkdir(options.workDir, { recursive: true });
    const path = join(options.workDir, `${basename(file)}.arro`);
    await writeFile(path, encodeRolloutBinary(rollout));
    return {
      path,
      contentType: ROLLOUT_BINARY_CONTENT_TYPE,
      kind: 'rollout',
      convertedFrom: lower.endsWith('.npz') ? 'npz' : 'csv',
    };
  }
  const contentType = options.contentType ?? contentTypeForFile(file);
  if (!contentType)
    throw new Error(
      `${file}: cannot tell the type from the file name; pass --type (e.g. video/mp4, application/json)`,
    );
  const kind = options.kind ?? kindOf(contentType);
  if (!kind) throw new Error(`${contentType} is not a type artifacts can have; pass --kind and --type`);
  return { path: file, contentType, kind };
}
