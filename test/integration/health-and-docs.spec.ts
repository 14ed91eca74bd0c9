import { ObjectStorageService } from '../../apps/api/src/storage/object-storage.service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

describe('health and API documentation', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.stop());

  it('reports healthy when Postgres and object storage answer', async () => {
    const response = await fetch(`${t.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      checks: { database: 'ok', objectStorage: 'ok' },
    });
  });

  it('serves the OpenAPI document with every resource and its body schemas', async () => {
    const document = (await (await fetch(`${t.baseUrl}/api/docs-json`)).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>
      >;
    };
    expect(document.openapi).toMatch(/^3\./);
    for (const path of [
      '/health',
      '/api/v1/admin/bootstrap',
      '/api/v1/sites',
      '/api/v1/accounts',
      '/api/v1/policy-versions',
      '/api/v1/trials',
      '/api/v1/trials/{trialId}/episodes',
      '/api/v1/trials/{trialId}/outcome',
      '/api/v1/leaderboard',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const outcomeBody =
      document.paths['/api/v1/trials/{trialId}/outcome']!['post']!.requestBody!.content['application/json']!
        .schema;
    expect(Object.keys(outcomeBody.properties!)).toEqual(['preference', 'reason']);
    const ui = await fetch(`${t.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('reports unhealthy (503) and names the part that is down', async () => {
    // Stop only the object store: the API must notice and say which dependency failed.
    const storage = t.platform.app.get(ObjectStorageService);
    const realBucket = storage.bucket;
    (storage as { bucket: string }).bucket = 'bucket-that-does-not-exist';
    try {
      const response = await fetch(`${t.baseUrl}/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        status: 'unhealthy',
        checks: { database: 'ok', objectStorage: 'unreachable' },
      });
    } finally {
      (storage as { bucket: string }).bucket = realBucket;
    }
  });
});
