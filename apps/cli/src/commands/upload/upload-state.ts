import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What survives an interrupted multipart upload: enough to continue where it stopped. */
export interface UploadState {
  artifactId: string;
  sha256: string;
  bytes: number;
  partBytes: number;
  /** ETag of every part the store has acknowledged, by part number. */
  parts: Record<string, string>;
}

export const defaultStateDir = () => process.env['ARENA_STATE_DIR'] ?? join(homedir(), '.arena', 'uploads');

/**
 * One state file per (API, trial, episode, artifact name, file content): the same command run
 * again on the same file resumes; another file or another target starts afresh.
 */
export class UploadStateFile {
  readonly path: string;

  constructor(
    dir: string,
    identity: { baseUrl: string; trialId: string; label: string; kind: string; name: string; sha256: string },
  ) {
    const key = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
    this.path = join(dir, `${key}.json`);
  }

  async read(): Promise<UploadState | undefined> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as UploadState;
    } catch {
      return undefined;
    }
  }

  /** Written to a temporary file and renamed: a crash mid-write never leaves half a state. */
  async write(state: UploadState): Promise<void> {
    await mkdir(join(this.path, '..'), { recursive: true });
    const scratch = `${this.path}.${process.pid}.tmp`;
    await writeFile(scratch, JSON.stringify(state));
    await rename(scratch, this.path);
  }

  async remove(): Promise<void> {
    await rm(this.path, { force: true });
  }
}
