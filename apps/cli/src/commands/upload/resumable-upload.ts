import { stat } from 'node:fs/promises';
import {
  ArenaApiError,
  completeArtifact,
  createArtifact,
  listTrialArtifacts,
  presignArtifactParts,
  verifyArtifact,
  type ArenaClient,
  type ArtifactKind,
  type ArtifactView,
} from '@policy-arena/sdk';
import type { TrialLabel } from '@policy-arena/domain';
import { readRange, sha256File } from './file-digest';
import { UploadStateFile, type UploadState } from './upload-state';

export interface UploadProgress {
  phase: 'hashing' | 'uploading' | 'verifying';
  /** Bytes done in this phase, of `total`. */
  done: number;
  total: number;
  /** Multipart: parts acknowledged so far, of `partCount`. */
  parts?: number;
  partCount?: number;
}

export interface UploadRequest {
  client: ArenaClient;
  /** The API's base URL: part of what identifies an upload to resume. */
  apiUrl: string;
  trialId: string;
  label: TrialLabel;
  kind: ArtifactKind;
  name: string;
  contentType: string;
  file: string;
  /** Upload in parts, resumable; otherwise one presigned PUT. */
  multipart: boolean;
  partBytes?: number;
  /** Parts in flight at once. */
  concurrency?: number;
  stateDir: string;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
}

export interface UploadResult {
  artifact: ArtifactView;
  /** Parts found already uploaded by an earlier, interrupted run. */
  resumedParts: number;
  uploadedParts: number;
}

/** Parts whose presigned URLs are asked for at once (URLs last an hour; a batch must finish first). */
const PRESIGN_BATCH = 32;

/**
 * Uploads a file as an artifact of an episode and has it verified. A multipart upload records
 * each acknowledged part in a state file, so running the same upload again after an
 * interruption (Ctrl-C, network loss, a crash) sends only the parts that are missing.
 */
export async function uploadFile(request: UploadRequest): Promise<UploadResult> {
  const { file, signal } = request;
  const bytes = (await stat(file)).size;
  const report = request.onProgress ?? (() => undefined);
  let hashed = 0;
  const sha256 = await sha256File(file, (n) =>
    report({ phase: 'hashing', done: (hashed += n), total: bytes }),
  );
  signal?.throwIfAborted();
  if (!request.multipart) return single(request, bytes, sha256, report);
  return multipart(request, bytes, sha256, report);
}

async function single(
  request: UploadRequest,
  bytes: number,
  sha256: string,
  report: (p: UploadProgress) => void,
): Promise<UploadResult> {
  const created = await createArtifact(request.client, request.trialId, {
    label: request.label,
    kind: request.kind,
    name: request.name,
    contentType: request.contentType,
    bytes,
    sha256,
  });
  if (created.upload.method !== 'PUT') throw new Error('the API asked for a multipart upload');
  report({ phase: 'uploading', done: 0, total: bytes });
  const body = await readRange(request.file, 0, bytes);
  const response = await fetch(created.upload.url, {
    method: 'PUT',
    body,
    headers: created.upload.headers,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  if (!response.ok)
    throw new Error(`the object store refused the upload: ${response.status} ${await response.text()}`);
  report({ phase: 'uploading', done: bytes, total: bytes });
  report({ phase: 'verifying', done: 0, total: bytes });
  const artifact = await verifyArtifact(request.client, created.artifact.id);
  return { artifact, resumedParts: 0, uploadedParts: 1 };
}

async function resumable(
  request: UploadRequest,
  stateFile: UploadStateFile,
  sha256: string,
  bytes: number,
): Promise<UploadState | undefined> {
  const state = await stateFile.read();
  if (!state || state.sha256 !== sha256 || state.bytes !== bytes) return undefined;
  // Only a pending artifact can take more parts; anything else (verified, rejected, swept) starts over.
  const artifacts = await listTrialArtifacts(request.client, request.trialId);
  const artifact = artifacts.find((a) => a.id === state.artifactId);
  return artifact?.state === 'pending' ? state : undefined;
}

async function multipart(
  request: UploadRequest,
  bytes: number,
  sha256: string,
  report: (p: UploadProgress) => void,
): Promise<UploadResult> {
  const { client, signal } = request;
  const stateFile = new UploadStateFile(request.stateDir, {
    baseUrl: request.apiUrl,
    trialId: request.trialId,
    label: request.label,
    kind: request.kind,
    name: request.name,
    sha256,
  });
  let state = await resumable(request, stateFile, sha256, bytes);
  if (!state) {
    const created = await createArtifact(client, request.trialId, {
      label: request.label,
      kind: request.kind,
      name: request.name,
      contentType: request.contentType,
      bytes,
      sha256,
      multipart: true,
      ...(request.partBytes ? { partBytes: request.partBytes } : {}),
    });
    if (created.upload.method !== 'multipart') throw new Error('the API did not start a multipart upload');
    state = {
      artifactId: created.artifact.id,
      sha256,
      bytes,
      partBytes: created.upload.partBytes,
      parts: {},
    };
    await stateFile.write(state);
  }
  const current = state;
  const partCount = Math.ceil(bytes / current.partBytes);
  const partSize = (n: number) => Math.min(current.partBytes, bytes - (n - 1) * current.partBytes);
  const resumedParts = Object.keys(current.parts).length;
  const missing = Array.from({ length: partCount }, (_, i) => i + 1).filter((n) => !current.parts[n]);
  let done = Object.keys(current.parts).reduce((sum, n) => sum + partSize(Number(n)), 0);
  report({ phase: 'uploading', done, total: bytes, parts: resumedParts, partCount });

  // One state write at a time: parts finish concurrently.
  let saving = Promise.resolve();
  const save = () => (saving = saving.then(() => stateFile.write(current)));
  for (let b = 0; b < missing.length; b += PRESIGN_BATCH) {
    signal?.throwIfAborted();
    const batch = missing.slice(b, b + PRESIGN_BATCH);
    const { parts } = await presignArtifactParts(client, current.artifactId, batch);
    const queue = [...parts];
    const worker = async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        signal?.throwIfAborted();
        const body = await readRange(
          request.file,
          (part.partNumber - 1) * current.partBytes,
          partSize(part.partNumber),
        );
        const response = await fetch(part.url, { method: 'PUT', body, ...(signal ? { signal } : {}) });
        const etag = response.headers.get('etag');
        if (!response.ok || !etag)
          throw new Error(`part ${part.partNumber}: the object store answered ${response.status}`);
        current.parts[part.partNumber] = etag;
        await save();
        done += body.length;
        report({
          phase: 'uploading',
          done,
          total: bytes,
          parts: Object.keys(current.parts).length,
          partCount,
        });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, request.concurrency ?? 3) }, worker));
  }
  await saving;
  report({ phase: 'verifying', done: 0, total: bytes });
  let artifact: ArtifactView;
  try {
    artifact = await completeArtifact(
      client,
      current.artifactId,
      Object.entries(current.parts).map(([n, etag]) => ({ partNumber: Number(n), etag })),
    );
  } catch (error) {
    // A refused object is gone for good: the next run must start a new upload.
    if (error instanceof ArenaApiError && error.status === 422) await stateFile.remove();
    throw error;
  }
  await stateFile.remove();
  return { artifact, resumedParts, uploadedParts: missing.length };
}
