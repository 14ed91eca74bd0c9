import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../apps/api/src/config/app-config';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '../../apps/api/src/embedded/embedded-postgres';

// Docker and Kubernetes are not available where the tests run: this checks what can be checked
// without them — every file parses, the pieces refer to each other correctly, the settings pass
// the API's own configuration check, the deployment is locked down, and the migrations Job's
// command really migrates a database.

const root = join(__dirname, '..', '..');
const infra = join(root, 'infra');

type Doc = Record<string, unknown>;
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);

async function yamlDocs(file: string): Promise<Doc[]> {
  // Compose files use YAML 1.1 merge keys (<<: *anchor), as Docker Compose does.
  const docs = parseAllDocuments(await readFile(file, 'utf8'), { merge: true });
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
  }
  return docs.map((d) => d.toJS() as Doc);
}

/** Compose's `${NAME:-default}` and `${NAME:?message}` with nothing set in the environment. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    if (env[name] !== undefined) return env[name]!;
    if (kind === '-') return rest ?? '';
    throw new Error(`compose needs ${name}: ${rest}`);
  });
}

describe('deployment material (infra/)', () => {
  const k8s: Record<string, Doc[]> = {};
  let compose: Doc;

  beforeAll(async () => {
    for (const file of (await readdir(join(infra, 'k8s'))).filter((f) => f.endsWith('.yaml'))) {
      k8s[file] = await yamlDocs(join(infra, 'k8s', file));
    }
    [compose] = (await yamlDocs(join(infra, 'compose.yaml'))) as [Doc];
  });

  const kind = (name: string): Doc => {
    const found = Object.values(k8s)
      .flat()
      .filter((d) => d['kind'] === name);
    expect(found, name).toHaveLength(1);
    return found[0]!;
  };

  it('compose: Postgres, MinIO with its bucket, Redis, migrations, two API replicas behind nginx', async () => {
    const services = at(compose, 'services') as Record<string, Doc>;
    expect(Object.keys(services).sort()).toEqual(
      ['api-1', 'api-2', 'migrate', 'minio', 'minio-init', 'nginx', 'postgres', 'redis'].sort(),
    );
    for (const name of ['api-1', 'api-2', 'migrate']) {
      expect(at(services[name], 'build', 'dockerfile')).toBe('infra/Dockerfile');
      // The replicas' settings pass the API's own validation (with the defaults compose fills in).
      const env = Object.fromEntries(
        Object.entries(at(services[name], 'environment') as Record<string, string>).map(([k, v]) => [
          k,
          interpolate(String(v), { ARENA_BOOTSTRAP_TOKEN: 'b'.repeat(64) }),
        ]),
      );
      const config = loadConfig(env);
      expect(config.databaseUrl).toMatch(/@postgres:5432\//);
      expect(config.s3.endpoint).toBe('http://minio:9000');
      expect(config.trustProxyHops).toBe(1);
      expect(config.logFormat).toBe('json');
    }
    expect(at(services['api-1'], 'depends_on', 'migrate', 'condition')).toBe(
      'service_completed_successfully',
    );
    expect(at(services['migrate'], 'command')).toEqual([
      'node',
      '-r',
      '@swc-node/register',
      'infra/scripts/migrate.js',
    ]);
    expect(String(at(services['minio-init'], 'command', 0))).toContain(
      'mc mb --ignore-existing arena/policy-arena',
    );
    expect(at(services['nginx'], 'volumes')).toEqual(['./nginx/nginx.conf:/etc/nginx/nginx.conf:ro']);
  });

  it('nginx: round-robin over both replicas, WebSocket upgrades for /socket.io and /relay, /metrics kept in', async () => {
    const conf = await readFile(join(infra, 'nginx', 'nginx.conf'), 'utf8');
    const upstream = (name: string) => new RegExp(`upstream ${name} \\{([^}]*)\\}`).exec(conf)?.[1] ?? '';
    expect(upstream('arena_api')).toMatch(/server api-1:3000[^;]*;\s*server api-2:3000/);
    expect(upstream('arena_api')).not.toMatch(/ip_hash|least_conn|hash /);
    expect(upstream('arena_socketio')).toContain('ip_hash');
    for (const path of ['/socket.io/', '/relay/']) {
      const block = new RegExp(`location ${path.replace(/\./g, '\\.')} \\{([^}]*)\\}`).exec(conf)?.[1] ?? '';
      expect(block, path).toContain('proxy_set_header Upgrade $http_upgrade');
      expect(block, path).toContain('proxy_set_header Connection $connection_upgrade');
    }
    expect(conf).toContain('location = /metrics { return 404; }');
    expect(conf).toContain('proxy_set_header X-Request-Id $arena_request_id');
  });

  it('Kubernetes: probes, autoscaling, migrations Job, and settings that pass validation', async () => {
    const deployment = kind('Deployment');
    const podLabels = at(deployment, 'spec', 'template', 'metadata', 'labels');
    expect(at(deployment, 'spec', 'selector', 'matchLabels')).toEqual(podLabels);
    const container = at(deployment, 'spec', 'template', 'spec', 'containers', 0) as Doc;
    expect(at(container, 'readinessProbe', 'httpGet', 'path')).toBe('/health');
    expect(at(container, 'startupProbe', 'httpGet', 'path')).toBe('/health');
    // Liveness must not follow the database: an outage would restart every replica at once.
    expect(at(container, 'livenessProbe', 'httpGet')).toBeUndefined();
    expect(at(container, 'livenessProbe', 'tcpSocket', 'port')).toBe('http');
    expect(at(container, 'ports', 0, 'containerPort')).toBe(3000);

    const service = kind('Service');
    expect(at(service, 'spec', 'selector')).toEqual(podLabels);
    const hpa = kind('HorizontalPodAutoscaler');
    expect(at(hpa, 'spec', 'scaleTargetRef', 'name')).toBe(at(deployment, 'metadata', 'name'));
    expect(at(hpa, 'spec', 'minReplicas')).toBeGreaterThanOrEqual(2);
    const job = kind('Job');
    const command = at(job, 'spec', 'template', 'spec', 'containers', 0, 'command') as string[];
    expect(command).toEqual(['node', '-r', '@swc-node/register', 'infra/scripts/migrate.js']);
    expect(existsSync(join(root, command[3]!))).toBe(true);

    const configMap = at(kind('ConfigMap'), 'data') as Record<string, string>;
    const secret = at(kind('Secret'), 'stringData') as Record<string, string>;
    const config = loadConfig({ ...configMap, ...secret });
    expect(config.port).toBe(3000);
    expect(config.logFormat).toBe('json');

    const kustomization = (await yamlDocs(join(infra, 'k8s', 'kustomization.yaml')))[0]!;
    for (const file of at(kustomization, 'resources') as string[]) expect(k8s[file], file).toBeDefined();
    // The Secret is a template to fill from a secret store, never applied from the repository.
    expect(at(kustomization, 'resources')).not.toContain('secret.example.yaml');
  });

  it('locks the deployment down: non-root, read-only, no secrets in the ConfigMap or the image', async () => {
    const configMap = at(kind('ConfigMap'), 'data') as Record<string, string>;
    for (const secretName of [
      'DATABASE_URL',
      'S3_SECRET_ACCESS_KEY',
      'S3_ACCESS_KEY_ID',
      'ARENA_BOOTSTRAP_TOKEN',
    ]) {
      expect(Object.keys(configMap)).not.toContain(secretName);
    }
    for (const workload of [kind('Deployment'), kind('Job')]) {
      const pod = at(workload, 'spec', 'template', 'spec') as Doc;
      expect(at(pod, 'securityContext', 'runAsNonRoot')).toBe(true);
      const container = at(pod, 'containers', 0) as Doc;
      expect(at(container, 'securityContext')).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    }
    const dockerfile = await readFile(join(infra, 'Dockerfile'), 'utf8');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const runtime = stages.at(-1)!;
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toContain('ARENA_LOG_FORMAT=json');
    expect(runtime).toMatch(
      /^CMD \["node", "--enable-source-maps", "-r", "@swc-node\/register", "apps\/api\/src\/main\.ts"\]$/m,
    );
    expect(runtime).not.toMatch(/SECRET|PASSWORD|TOKEN=/);
    for (const [, source] of dockerfile.matchAll(/^COPY (?!--from)(\S+)/gm)) {
      expect(existsSync(join(root, source!)), `COPY ${source}`).toBe(true);
    }
    const ignore = await readFile(join(infra, 'Dockerfile.dockerignore'), 'utf8');
    for (const kept of ['.env', '**/.data', '**/node_modules', '.git'])
      expect(ignore.split('\n')).toContain(kept);
  });
});

describe('the migrations Job command', () => {
  let dir: string;
  let postgres: EmbeddedPostgresHandle;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arena-migrate-'));
    await chmod(dir, 0o755);
    postgres = await startEmbeddedPostgres(join(dir, 'postgres'), { persistent: false });
  });
  afterAll(async () => {
    await postgres?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const migrate = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'infra/scripts/migrate.js'], {
      cwd: root,
      env: { ...process.env, ...env },
    });

  it('applies every migration once, then nothing, and refuses a missing DATABASE_URL', async () => {
    const first = JSON.parse((await migrate({ DATABASE_URL: postgres.url })).stdout) as { applied: string[] };
    expect(first.applied.length).toBeGreaterThan(0);
    const second = JSON.parse((await migrate({ DATABASE_URL: postgres.url })).stdout) as {
      applied: string[];
    };
    expect(second.applied).toEqual([]);
    await expect(migrate({ DATABASE_URL: '' })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('DATABASE_URL'),
    });
  });
});
