import { createHash } from 'node:crypto';
import { ArenaApiError, completeArtifact, createArtifact, presignArtifactParts } from '@policy-arena/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type ArenaWorld } from './support/arena-world';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

const MiB = 1024 * 1024;

// Completing a multipart upload whose part never arrived must be a clear 4xx — and, in embedded
// mode, must not take the process down (the embedded object store runs inside it).
describe('a multipart upload with a missing part', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t);
  });
  afterAll(async () => t?.stop());

  it('is refused by name, and the platform stays healthy', async () => {
    const trial = await world.evaluator.startTrial({ instruction: 'pour the water' });
    await world.evaluator.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 50, success: false });
    const bytes = new Uint8Array(6 * MiB).fill(7);
    const created = await createArtifact(world.evaluator, trial.id, {
      label: trial.runOrder[0],
      kind: 'video',
      name: 'wrist',
      contentType: 'video/mp4',
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      multipart: true,
      partBytes: 5 * MiB,
    });
    expect(created.upload).toMatchObject({ method: 'multipart', partCount: 2 });
    const { parts } = await presignArtifactParts(world.evaluator, created.artifact.id, [1]);
    const put = await fetch(parts[0]!.url, { method: 'PUT', body: bytes.subarray(0, 5 * MiB) });
    expect(put.ok).toBe(true);
    const etag = put.headers.get('etag')!;

    const refused = await completeArtifact(world.evaluator, created.artifact.id, [
      { partNumber: 1, etag },
      { partNumber: 2, etag: '"0123456789abcdef0123456789abcdef"' },
    ]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ArenaApiError);
    expect((refused as ArenaApiError).status).toBeGreaterThanOrEqual(400);
    expect((refused as ArenaApiError).status).toBeLessThan(500);
    expect((refused as ArenaApiError).body!.message).toMatch(/^parts: /);
    expect((await t.anonymous.health()).status).toBe('ok');
  });
});
