import type { TrialLabel } from '@policy-arena/domain';
import {
  completeArtifact,
  createArtifact,
  presignArtifactParts,
  verifyArtifact,
  type ArenaClient,
  type ArtifactKind,
  type ArtifactView,
} from '@policy-arena/sdk';
import { sha256OfFile } from './sha256';

/** Above this a file goes up in parts (each retried on its own), below in one PUT. */
const MULTIPART_ABOVE = 64 * 1024 * 1024;
const PART_BYTES = 16 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  json: 'application/json',
  arro: 'application/x-arena-rollout',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

export function contentTypeOf(file: File): string | undefined {
  return contentTypes[file.name.toLowerCase().split('.').pop() ?? ''] ?? (file.type || undefined);
}

/** A video's name is its camera, from the file name: `wrist.mp4` → `wrist`. */
export function cameraName(fileName: string): string {
  const stem = fileName
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63);
  return stem || 'video';
}

export interface UploadProgress {
  phase: 'hashing' | 'uploading' | 'verifying' | 'verified' | 'failed';
  /** Bytes of the current phase done, out of the file's size. */
  done: number;
  total: number;
  message?: string;
}

/** PUT with upload progress (fetch has none): resolves to the ETag. */
function put(
  url: string,
  body: Blob,
  headers: Record<string, string>,
  onProgress: (loaded: number) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve(xhr.getResponseHeader('etag') ?? '')
        : reject(new Error(`the object store answered ${xhr.status}`));
    xhr.onerror = () => reject(new Error('the upload was interrupted (network error)'));
    xhr.send(body);
  });
}

/**
 * Announce → PUT straight to the object store through presigned URLs → verify (size, SHA-256,
 * format); the verified artifact is attached to its episode. Progress is reported as it goes.
 */
export async function uploadArtifact(
  client: ArenaClient,
  trialId: string,
  label: TrialLabel,
  kind: ArtifactKind,
  file: File,
  onProgress: (p: UploadProgress) => void,
): Promise<ArtifactView> {
  const total = file.size;
  const contentType = contentTypeOf(file);
  if (!contentType) throw new Error(`${file.name}: not a rollout (.json, .arro) or a video (.mp4, .webm)`);
  onProgress({ phase: 'hashing', done: 0, total });
  const sha256 = await sha256OfFile(file, (done) => onProgress({ phase: 'hashing', done, total }));
  const multipart = total > MULTIPART_ABOVE;
  const created = await createArtifact(client, trialId, {
    label,
    kind,
    ...(kind === 'video' ? { name: cameraName(file.name) } : {}),
    contentType,
    bytes: total,
    sha256,
    ...(multipart ? { multipart: true, partBytes: PART_BYTES } : {}),
  });
  onProgress({ phase: 'uploading', done: 0, total });
  if (created.upload.method === 'PUT') {
    await put(created.upload.url, file, created.upload.headers, (done) =>
      onProgress({ phase: 'uploading', done, total }),
    );
    onProgress({ phase: 'verifying', done: total, total });
    return verifyArtifact(client, created.artifact.id);
  }
  const { partBytes, partCount } = created.upload;
  const parts: { partNumber: number; etag: string }[] = [];
  let sent = 0;
  for (let first = 1; first <= partCount; first += 100) {
    const numbers = Array.from({ length: Math.min(100, partCount - first + 1) }, (_, k) => first + k);
    const { parts: urls } = await presignArtifactParts(client, created.artifact.id, numbers);
    for (const { partNumber, url } of urls) {
      const slice = file.slice((partNumber - 1) * partBytes, partNumber * partBytes);
      const etag = await put(url, slice, {}, (loaded) =>
        onProgress({ phase: 'uploading', done: sent + loaded, total }),
      );
      sent += slice.size;
      parts.push({ partNumber, etag });
    }
  }
  onProgress({ phase: 'verifying', done: total, total });
  return completeArtifact(client, created.artifact.id, parts);
}
