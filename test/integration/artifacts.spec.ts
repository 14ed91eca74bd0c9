import { createHash, randomUUID } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import {
  ArenaApiError,
  completeArtifact,
  createArtifact,
  listTrialArtifacts,
  presignArtifactParts,
  replayManifest,
  verifyArtifact,
  type ArenaClient,
  type CreatedArtifact,
  type NewArtifact,
  type TrialView,
} from '@policy-arena/sdk';
import { decodeRollout, encodeRolloutBinary, encodeRolloutJson } from '@policy-arena/replay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactCleanupService } from '../../apps/api/src/artifacts/artifact-cleanup.service';
import { ObjectStorageService } from '../../apps/api/src/storage/object-storage.service';
import { sampleRollout } from '../../libs/replay/src/testing/sample-rollout';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const MiB = 1024 * 1024;

/** An MP4 starts with an `ftyp` box; the rest may be anything for these checks. */
const fakeMp4 = (size: number) => {
  const bytes = new Uint8Array(size).fill(7);
  bytes.set([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom')]);
  return bytes;
};

async function putTo(created: CreatedArtifact, body: Uint8Array, contentType?: string): Promise<number> {
  if (created.upload.method !== 'PUT') throw new Error('expected a single-PUT upload');
  const response = await fetch(created.upload.url, {
    method: 'PUT',
    body,
    headers: { 'content-type': contentType ?? created.upload.headers['content-type']! },
  });
  return response.status;
}

async function refusal(promise: Promise<unknown>): Promise<ArenaApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ArenaApiError) return error;
    throw error;
  }
  throw new Error('expected the API to refuse');
}

// Artifacts against the real S3-compatible server: presigned PUT → verify → attached; refusals
// remove the object; multipart uploads; the sweep of never-verified uploads; blinding of replays.
describe('artifacts: presigned upload, verification, attachment', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  let evaluator: ArenaClient;

  const objectsUnder = async (prefix: string) => {
    const storage = t.platform.app.get(ObjectStorageService);
    const listed = await storage.client.send(
      new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: prefix }),
    );
    return (listed.Contents ?? []).map((o) => o.Key!);
  };

  /** A running trial with both episodes recorded, A's and B's labels in run order. */
  const runningTrial = async (): Promise<TrialView> => {
    const trial = await evaluator.startTrial({ instruction: 'put the red cup in the bowl' });
    await evaluator.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 80, success: false });
    await evaluator.recordEpisode(trial.id, { label: trial.runOrder[1], progress: 100, success: true });
    return trial;
  };

  const announce = (trialId: string, file: Uint8Array, input: Partial<NewArtifact> = {}) =>
    createArtifact(evaluator, trialId, {
      label: 'A',
      kind: 'rollout',
      contentType: 'application/x-arena-rollout',
      bytes: file.length,
      sha256: sha256(file),
      ...input,
    });

  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t);
    evaluator = world.evaluator;
  });
  afterAll(async () => t?.stop());

  it('uploads a rollout through a presigned PUT, verifies it and attaches it to the episode', async () => {
    const trial = await runningTrial();
    const file = encodeRolloutBinary(sampleRollout({ frames: 300 }));
    const created = await announce(trial.id, file);
    expect(created.artifact).toMatchObject({
      state: 'pending',
      episodeId: null,
      kind: 'rollout',
      name: 'rollout',
    });
    expect(created.upload.method).toBe('PUT');
    expect(await putTo(created, file)).toBe(200);

    const verified = await verifyArtifact(evaluator, created.artifact.id);
    expect(verified.state).toBe('verified');
    expect(verified.verifiedAt).not.toBeNull();
    expect(verified.episodeId).toMatch(/^[0-9a-f-]{36}$/);
    // Verifying again is harmless.
    expect((await verifyArtifact(evaluator, created.artifact.id)).state).toBe('verified');
    expect((await listTrialArtifacts(evaluator, trial.id)).map((a) => [a.label, a.state])).toEqual([
      ['A', 'verified'],
    ]);

    // Blinding: nothing of a running trial is public, not even that it has a rollout.
    const hidden = await refusal(replayManifest(t.anonymous, trial.id));
    expect(hidden.status).toBe(404);
    const content = await fetch(`${t.baseUrl}/api/v1/artifacts/${created.artifact.id}/content`, {
      redirect: 'manual',
    });
    expect(content.status).toBe(404);

    await evaluator.submitOutcome(trial.id, { preference: 'B', reason: 'B placed the cup' }, randomUUID());
    const manifest = await replayManifest(t.anonymous, trial.id);
    expect(manifest.episodes.map((e) => e.label)).toEqual(['A', 'B']);
    const a = manifest.episodes[0]!;
    expect(a.rollout).toMatchObject({ id: created.artifact.id, sha256: sha256(file), bytes: file.length });
    expect(manifest.episodes[1]!.rollout).toBeNull();
    const downloaded = new Uint8Array(await (await fetch(a.rollout!.url)).arrayBuffer());
    expect(sha256(downloaded)).toBe(sha256(file));
    expect(decodeRollout(downloaded).frames).toHaveLength(300);
    const redirect = await fetch(`${t.baseUrl}/api/v1/artifacts/${created.artifact.id}/content`, {
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toContain(created.artifact.id);
    // The manifest names no policy.
    for (const v of world.versions) expect(JSON.stringify(manifest)).not.toContain(v.name);
  });

  it("accepts uploads after the outcome, and refuses them before the episode or on a stranger's trial", async () => {
    const trial = await evaluator.startTrial({ instruction: 'open the drawer' });
    const file = new TextEncoder().encode(encodeRolloutJson(sampleRollout({ frames: 20 })));
    const early = await refusal(
      announce(trial.id, file, { contentType: 'application/json', label: trial.runOrder[0] }),
    );
    expect(early.status).toBe(409);
    expect(early.body?.message).toBe(
      `label: record the episode of ${trial.runOrder[0]} before uploading its files`,
    );

    await evaluator.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 10, success: false });
    await evaluator.recordEpisode(trial.id, { label: trial.runOrder[1], progress: 20, success: false });
    await evaluator.submitOutcome(
      trial.id,
      { preference: 'both_bad', reason: 'neither opened it' },
      randomUUID(),
    );
    const late = await announce(trial.id, file, { contentType: 'application/json', label: 'B' });
    expect(await putTo(late, file)).toBe(200);
    expect((await verifyArtifact(evaluator, late.artifact.id)).state).toBe('verified');

    const stranger = await world.admin.createAccount({
      role: 'evaluator',
      displayName: 'Mallory',
      siteId: world.siteId,
    });
    const other = evaluator.as(stranger.apiKey.key);
    expect(
      (
        await refusal(
          createArtifact(other, trial.id, {
            label: 'A',
            kind: 'rollout',
            contentType: 'application/json',
            bytes: 10,
            sha256: 'a'.repeat(64),
          }),
        )
      ).status,
    ).toBe(404);
    expect((await refusal(verifyArtifact(other, late.artifact.id))).status).toBe(404);
  });

  it('refuses a bad announcement with the fields named: type, size, hash', async () => {
    const trial = await runningTrial();
    const error = await refusal(
      createArtifact(evaluator, trial.id, {
        label: 'A',
        kind: 'rollout',
        contentType: 'text/html',
        bytes: 300 * MiB,
        sha256: 'xyz',
      }),
    );
    expect(error.status).toBe(400);
    expect(error.body?.details).toEqual([
      { field: 'body.sha256', problem: 'expected the SHA-256 of the file as 64 hex digits' },
      {
        field: 'body.contentType',
        problem: 'a rollout must be application/json or application/x-arena-rollout (got text/html)',
      },
      { field: 'body.bytes', problem: 'a rollout may have at most 200 MiB (got 300 MiB)' },
    ]);
  });

  it('refuses an object whose SHA-256 differs from the announced one, and removes it', async () => {
    const trial = await runningTrial();
    const file = encodeRolloutBinary(sampleRollout({ frames: 50 }));
    const created = await announce(trial.id, file, { sha256: sha256(new Uint8Array([1, 2, 3])) });
    expect(await putTo(created, file)).toBe(200);
    expect(await objectsUnder(`trials/${trial.id}/`)).toHaveLength(1);

    const error = await refusal(verifyArtifact(evaluator, created.artifact.id));
    expect(error.status).toBe(422);
    expect(error.body?.details).toEqual([
      {
        field: 'sha256',
        problem: `the object's SHA-256 is ${sha256(file)}; the upload declared ${sha256(new Uint8Array([1, 2, 3]))}`,
      },
    ]);
    expect(error.body?.message).toMatch(/^the uploaded object was refused and removed: sha256: /);
    expect(await objectsUnder(`trials/${trial.id}/`)).toEqual([]);
    const [listed] = await listTrialArtifacts(evaluator, trial.id);
    expect(listed).toMatchObject({ state: 'rejected', episodeId: null });
    expect(listed!.rejection).toMatch(/^sha256: the object's SHA-256 is/);
    const again = await refusal(verifyArtifact(evaluator, created.artifact.id));
    expect(again.status).toBe(409);
    expect(again.body?.message).toMatch(/^the artifact was rejected \(sha256: .*\); announce a new upload$/);
  });

  it('refuses an object larger than announced, and one larger than its kind allows, and removes them', async () => {
    const trial = await runningTrial();
    const file = fakeMp4(4096);
    const created = await announce(trial.id, file.subarray(0, 1000), {
      kind: 'video',
      name: 'wrist',
      contentType: 'video/mp4',
    });
    expect(await putTo(created, file)).toBe(200); // s3rver does not check signed lengths; S3 would refuse here
    const error = await refusal(verifyArtifact(evaluator, created.artifact.id));
    expect(error.status).toBe(422);
    expect(error.body?.details).toEqual([
      { field: 'bytes', problem: 'the object has 4096 bytes; the upload declared 1000' },
    ]);

    const huge = new Uint8Array(21 * MiB);
    huge.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const image = await announce(trial.id, huge.subarray(0, 1000), {
      kind: 'image',
      name: 'start-scene',
      contentType: 'image/png',
    });
    expect(await putTo(image, huge)).toBe(200);
    const tooBig = await refusal(verifyArtifact(evaluator, image.artifact.id));
    expect(tooBig.status).toBe(422);
    expect(tooBig.body?.details).toEqual([
      { field: 'bytes', problem: 'the object has 21 MiB; an image may have at most 20 MiB' },
    ]);
    expect(await objectsUnder(`trials/${trial.id}/`)).toEqual([]);
  });

  it('refuses an object of the wrong type — stored type or actual bytes — and removes it', async () => {
    const trial = await runningTrial();
    const json = new TextEncoder().encode(encodeRolloutJson(sampleRollout({ frames: 30 })));
    const storedAs = await announce(trial.id, json, { contentType: 'application/json' });
    expect(await putTo(storedAs, json, 'text/html')).toBe(200);
    const first = await refusal(verifyArtifact(evaluator, storedAs.artifact.id));
    expect(first.status).toBe(422);
    expect(first.body?.details).toEqual([
      {
        field: 'contentType',
        problem: 'the object is stored as text/html; the upload declared application/json',
      },
    ]);

    const video = await announce(trial.id, json, { kind: 'video', name: 'left', contentType: 'video/mp4' });
    expect(await putTo(video, json)).toBe(200);
    const second = await refusal(verifyArtifact(evaluator, video.artifact.id));
    expect(second.body?.details).toEqual([
      {
        field: 'contentType',
        problem: 'declared video/mp4, but the bytes are not an MP4 file (no "ftyp" box at byte 4)',
      },
    ]);
    expect(await objectsUnder(`trials/${trial.id}/`)).toEqual([]);
  });

  it('refuses a rollout that breaks the format, naming every bad field by its path', async () => {
    const trial = await runningTrial();
    const rollout = sampleRollout({ frames: 30 });
    const text = encodeRolloutJson(rollout)
      .replace(
        `{"t":${rollout.frames[3]!.t},"q":[${rollout.frames[3]!.q[0]},${rollout.frames[3]!.q[1]},${rollout.frames[3]!.q[2]}`,
        `{"t":${rollout.frames[3]!.t},"q":[${rollout.frames[3]!.q[0]},${rollout.frames[3]!.q[1]},null`,
      )
      .replace('"source":"sim"', '"source":"dream"');
    const file = new TextEncoder().encode(text);
    const created = await announce(trial.id, file, { contentType: 'application/json' });
    expect(await putTo(created, file)).toBe(200);
    const error = await refusal(verifyArtifact(evaluator, created.artifact.id));
    expect(error.status).toBe(422);
    expect(error.body?.details).toEqual([
      { field: 'rollout.frames[3].q[2]', problem: 'not a finite number' },
      { field: 'rollout.metadata.source', problem: 'expected one of real, sim' },
    ]);
    expect(await objectsUnder(`trials/${trial.id}/`)).toEqual([]);
  });

  it('says so when verify is called before anything was uploaded', async () => {
    const trial = await runningTrial();
    const created = await announce(trial.id, new Uint8Array([1]));
    const error = await refusal(verifyArtifact(evaluator, created.artifact.id));
    expect(error.status).toBe(409);
    expect(error.body?.message).toBe(
      'nothing has been uploaded for this artifact yet; send the file to its upload URL first',
    );
  });

  it('assembles a multipart upload from presigned part URLs and verifies it', async () => {
    const trial = await runningTrial();
    const file = fakeMp4(11 * MiB + 123);
    const created = await announce(trial.id, file, {
      kind: 'video',
      name: 'wrist',
      contentType: 'video/mp4',
      multipart: true,
      partBytes: 5 * MiB,
    });
    expect(created.upload).toEqual({ method: 'multipart', partBytes: 5 * MiB, partCount: 3 });
    const { parts } = await presignArtifactParts(evaluator, created.artifact.id, [1, 2, 3]);
    const etags = [];
    for (const part of parts) {
      const body = file.subarray((part.partNumber - 1) * 5 * MiB, part.partNumber * 5 * MiB);
      const response = await fetch(part.url, { method: 'PUT', body });
      expect(response.status).toBe(200);
      etags.push({ partNumber: part.partNumber, etag: response.headers.get('etag')! });
    }
    const beyond = await refusal(presignArtifactParts(evaluator, created.artifact.id, [4]));
    expect(beyond.body?.details).toEqual([
      { field: 'body.partNumbers[0]', problem: 'the upload has 3 parts' },
    ]);
    const verified = await completeArtifact(evaluator, created.artifact.id, etags);
    expect(verified).toMatchObject({ state: 'verified', bytes: file.length, name: 'wrist' });
  });

  it('sweeps uploads never verified: the object is removed, the artifact rejected', async () => {
    const trial = await runningTrial();
    const file = encodeRolloutBinary(sampleRollout({ frames: 10 }));
    const forgotten = await announce(trial.id, file);
    expect(await putTo(forgotten, file)).toBe(200);
    const kept = await announce(trial.id, file, { label: 'B' });
    expect(await putTo(kept, file)).toBe(200);
    await verifyArtifact(evaluator, kept.artifact.id);

    const cleanup = t.platform.app.get(ArtifactCleanupService);
    expect((await cleanup.sweep(new Date())).expired).toBe(0); // a fresh upload is left alone
    const result = await cleanup.sweep(new Date(Date.now() + 25 * 60 * 60 * 1000));
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const remaining = await objectsUnder(`trials/${trial.id}/`);
    expect(remaining).toHaveLength(1);
    expect(remaining[0]).toContain(kept.artifact.id);
    const states = Object.fromEntries((await listTrialArtifacts(evaluator, trial.id)).map((a) => [a.id, a]));
    expect(states[forgotten.artifact.id]).toMatchObject({
      state: 'rejected',
      rejection: 'never verified within 24 h; the object was removed',
    });
    expect(states[kept.artifact.id]!.state).toBe('verified');
  });
});
