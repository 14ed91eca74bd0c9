import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { startRedisServer } from './support/redis-server';

// The deployment files wire the shared rate-limit store: compose's two replicas and the
// Kubernetes ConfigMap point at a Redis that the same files run, only the API reaches it, and the
// Redis settings they pass are accepted by a real redis-server (the version the image pins).

const infra = join(__dirname, '..', '..', 'infra');
type Doc = Record<string, unknown>;
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);

async function yamlDocs(...file: string[]): Promise<Doc[]> {
  const docs = parseAllDocuments(await readFile(join(infra, ...file), 'utf8'), { merge: true });
  for (const doc of docs)
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('; '));
  return docs.map((d) => d.toJS() as Doc);
}

describe('deployment wiring of the shared rate-limit store', () => {
  it('compose: both replicas count in the Redis service, which is always there', async () => {
    const [compose] = await yamlDocs('compose.yaml');
    const services = at(compose, 'services') as Record<string, Doc>;
    const redis = services['redis']!;
    expect(redis['profiles']).toBeUndefined();
    expect(String(redis['image'])).toBe('redis:7.0.15-alpine');
    for (const name of ['api-1', 'api-2']) {
      const env = at(services[name], 'environment') as Record<string, string>;
      // The whole environment passes loadConfig in security-deployment.spec.ts; these two here.
      const config = loadConfig({
        ARENA_RATE_LIMIT_STORE: env['ARENA_RATE_LIMIT_STORE'],
        REDIS_URL: env['REDIS_URL'],
      });
      expect(config.rateLimit.store, name).toBe('redis');
      expect(new URL(config.rateLimit.redisUrl!).host, name).toBe('redis:6379');
      // Started is enough: the API serves (limiting per replica) until Redis answers.
      expect(at(services[name], 'depends_on', 'redis', 'condition'), name).toBe('service_started');
    }
    await expect(acceptedByRedis((redis['command'] as string[]).slice(1))).resolves.toBe(true);
  });

  it('Kubernetes: the ConfigMap names the Redis Service, which only the API pods may reach', async () => {
    const [configMap] = await yamlDocs('k8s', 'configmap.yaml');
    const [kustomization] = await yamlDocs('k8s', 'redis', 'kustomization.yaml');
    const docs = await yamlDocs('k8s', 'redis', 'redis.yaml');
    const kind = (k: string) => docs.find((d) => d['kind'] === k)!;
    expect(at(kustomization, 'resources')).toEqual(['redis.yaml']);

    const data = at(configMap, 'data') as Record<string, string>;
    expect(data['ARENA_RATE_LIMIT_STORE']).toBe('redis');
    const url = new URL(data['REDIS_URL']!);
    const service = kind('Service');
    expect(url.hostname).toBe(at(service, 'metadata', 'name'));
    expect(Number(url.port)).toBe(at(service, 'spec', 'ports', 0, 'port'));

    const deployment = kind('Deployment');
    const podLabels = at(deployment, 'spec', 'template', 'metadata', 'labels');
    expect(at(service, 'spec', 'selector')).toEqual(podLabels);
    expect(at(deployment, 'spec', 'selector', 'matchLabels')).toEqual(podLabels);
    const container = at(deployment, 'spec', 'template', 'spec', 'containers', 0) as Doc;
    expect(at(container, 'ports', 0, 'containerPort')).toBe(6379);
    expect(at(deployment, 'spec', 'template', 'spec', 'securityContext', 'runAsNonRoot')).toBe(true);
    expect(at(container, 'securityContext')).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });

    const [apiDeployment] = await yamlDocs('k8s', 'deployment.yaml');
    const policy = kind('NetworkPolicy');
    expect(at(policy, 'spec', 'podSelector', 'matchLabels')).toEqual(podLabels);
    expect(at(policy, 'spec', 'ingress', 0, 'from', 0, 'podSelector', 'matchLabels')).toEqual(
      at(apiDeployment, 'spec', 'template', 'metadata', 'labels'),
    );
    await expect(acceptedByRedis(container['args'] as string[])).resolves.toBe(true);
  });
});

/** Whether a real redis-server starts with these settings. */
async function acceptedByRedis(args: string[]): Promise<boolean> {
  const server = await startRedisServer({ args });
  await server.close();
  return true;
}
