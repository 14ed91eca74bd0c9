import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { encodeRolloutJson } from '@policy-arena/replay';
import { listTrialArtifacts, type ArenaClient, type ArtifactView, type TrialView } from '@policy-arena/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFile, type UploadProgress } from '../../apps/cli/src/commands/upload/resumable-upload';
import { ObjectStorageService } from '../../apps/api/src/storage/object-storage.service';
import { sampleRollout } from '../../libs/replay/src/testing/sample-rollout';
import { writeNpz } from '../../libs/replay/src/testing/write-npz';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { runCli } from './support/run-cli';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

const MiB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Bytes that sniff as MP4 and differ everywhere, so a misplaced part would change the hash. */
function fakeVideo(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) bytes.writeUInt32LE((i * 2654435761) >>> 0, i);
  bytes.set([0, 0, 0, 0x18, ...Buffer.from('ftypisom')]);
  return bytes;
}

// `arena upload`: the real command as a child process, and the resumable engine interrupted
// mid-upload and run again, against the real API and S3-compatible server.
describe('arena upload', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  let evaluator: ArenaClient;
  let dir: string;
  let trial: TrialView;

  const cli = (args: string[]) =>
    runCli(['upload', ...args, '--trial', trial.id, '--url', t.baseUrl], {
      ARENA_API_KEY: world.evaluatorKey,
      ARENA_STATE_DIR: join(dir, 'state'),
    });

  const storedObject = async (artifactId: string) => {
    const storage = t.platform.app.get(ObjectStorageService);
    const listed = await storage.client.send(
      new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: `trials/${trial.id}/` }),
    );
    const key = listed.Contents?.map((o) => o.Key!).find((k) => k.includes(artifactId));
    if (!key) return undefined;
    const object = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t);
    evaluator = world.evaluator;
    dir = await mkdtemp(join(tmpdir(), 'arena-upload-'));
    trial = await evaluator.startTrial({ instruction: 'wipe the table' });
    await evaluator.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 30, success: false });
    await evaluator.recordEpisode(trial.id, { label: trial.runOrder[1], progress: 90, success: true });
  });
  afterAll(async () => {
    await t?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('uploads a JSON rollout in one presigned PUT and prints the verified artifact', async () => {
    const file = join(dir, 'episode-a.json');
    await writeFile(file, encodeRolloutJson(sampleRollout({ frames: 200 })));
    const result = await cli([file, '--label', 'A']);
    expect(result.stderr).toContain('uploading: 100%');
    expect(result.code).toBe(0);
    const artifact = JSON.parse(result.stdout) as ArtifactView;
    expect(artifact).toMatchObject({
      state: 'verified',
      kind: 'rollout',
      name: 'rollout',
      contentType: 'application/json',
    });
  });

  it('converts a RoboArena-style .npz log into a rollout and uploads that', async () => {
    const steps = 30;
    const file = join(dir, 'episode_data.npz');
    await writeFile(
      file,
      writeNpz({
        joint_position: {
          shape: [steps, 7],
          values: Array.from({ length: steps * 7 }, (_, k) => Math.sin(k / 10)),
        },
        gripper_position: { shape: [steps, 1], values: Array.from({ length: steps }, (_, i) => i / steps) },
        action: { shape: [steps, 8], values: new Array(steps * 8).fill(0.1) },
      }),
    );
    const result = await cli([file, '--label', 'B', '--rate', '15', '--chunk-size', '8']);
    expect(result.stderr).toContain('converted the npz log into a rollout');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      state: 'verified',
      kind: 'rollout',
      contentType: 'application/x-arena-rollout',
    });
  });

  it('reports a refused upload with the API’s details and a non-zero exit', async () => {
    const file = join(dir, 'wrist.mp4');
    await writeFile(file, Buffer.from('<html>not a video</html>'));
    const result = await cli([file, '--label', 'A', '--name', 'wrist']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'arena: 422 Unprocessable Entity: the uploaded object was refused and removed',
    );
    expect(result.stderr).toContain('  contentType: declared video/mp4, but the bytes are not an MP4 file');
  });

  it('resumes an interrupted multipart upload, sending only the missing parts', async () => {
    const bytes = fakeVideo(16 * MiB + 4321);
    const file = join(dir, 'left.mp4');
    await writeFile(file, bytes);
    const stateDir = join(dir, 'engine-state');
    const request = {
      client: evaluator,
      apiUrl: t.baseUrl,
      trialId: trial.id,
      label: 'B' as const,
      kind: 'video' as const,
      name: 'left',
      contentType: 'video/mp4',
      file,
      multipart: true,
      partBytes: 5 * MiB,
      concurrency: 1,
      stateDir,
    };
    // Interrupt once the second of four parts is acknowledged, as Ctrl-C would.
    const interrupt = new AbortController();
    const seen: UploadProgress[] = [];
    await expect(
      uploadFile({
        ...request,
        signal: interrupt.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.phase === 'uploading' && p.parts === 2) interrupt.abort(new Error('interrupted'));
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(seen.filter((p) => p.phase === 'uploading').at(-1)).toMatchObject({ parts: 2, partCount: 4 });
    expect(await readdir(stateDir)).toHaveLength(1);
    const pending = (await listTrialArtifacts(evaluator, trial.id)).filter((a) => a.name === 'left');
    expect(pending.map((a) => a.state)).toEqual(['pending']);

    const resumed = await uploadFile(request);
    expect(resumed.resumedParts).toBe(2);
    expect(resumed.uploadedParts).toBe(2);
    expect(resumed.artifact).toMatchObject({
      id: pending[0]!.id,
      state: 'verified',
      bytes: bytes.length,
      sha256: sha256(bytes),
    });
    expect(sha256((await storedObject(resumed.artifact.id))!)).toBe(sha256(bytes));
    expect(await readdir(stateDir)).toEqual([]); // done: nothing left to resume
    expect((await listTrialArtifacts(evaluator, trial.id)).filter((a) => a.name === 'left')).toHaveLength(1);
  });

  it('uploads in parts from the command line too', async () => {
    const bytes = fakeVideo(11 * MiB);
    const file = join(dir, 'right.mp4');
    await writeFile(file, bytes);
    const result = await cli([file, '--label', 'A', '--name', 'right', '--multipart', '--part-size', '5']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('(part 3/3)');
    expect(JSON.parse(result.stdout)).toMatchObject({
      state: 'verified',
      name: 'right',
      bytes: bytes.length,
      sha256: sha256(bytes),
    });
  });
});
