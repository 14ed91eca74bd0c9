import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../../apps/api/src/embedded/free-port';

const root = join(__dirname, '..', '..', '..');
/** The deployment's own config: the test runs it with only addresses and paths changed. */
export const DEPLOYED_NGINX_CONF = join(root, 'infra', 'nginx', 'nginx.conf');
const NGINX_BINARY = process.env['NGINX_BINARY'] ?? '/usr/sbin/nginx';

/** Replaces `from` with `to`, failing loudly when `from` does not occur exactly `times` times. */
function replaceExactly(text: string, from: string, to: string, times: number): string {
  const found = text.split(from).length - 1;
  if (found !== times) {
    throw new Error(
      `infra/nginx/nginx.conf changed: expected ${times} × ${JSON.stringify(from)}, found ${found}; update test/integration/support/nginx-server.ts`,
    );
  }
  return text.split(from).join(to);
}

/**
 * infra/nginx/nginx.conf with only what differs outside compose substituted: the two replicas'
 * addresses (`api-1:3000`, `api-2:3000`), the listen port, the access log and the temp folders.
 * Every proxy setting (upgrades, headers, timeouts, upstream balancing) stays as deployed.
 */
export function deriveNginxConfig(
  conf: string,
  options: { replicas: [string, string]; port: number; dir: string },
): string {
  const [one, two] = options.replicas.map((url) => new URL(url).host);
  let out = conf;
  // Each replica appears in both upstreams (round-robin REST/relay, ip_hash socket.io).
  out = replaceExactly(out, 'server api-1:3000 ', `server ${one} `, 2);
  out = replaceExactly(out, 'server api-2:3000 ', `server ${two} `, 2);
  out = replaceExactly(out, 'listen 80;', `listen 127.0.0.1:${options.port};`, 1);
  out = replaceExactly(
    out,
    'access_log /dev/stdout arena;',
    `access_log ${join(options.dir, 'access.log')} arena;`,
    1,
  );
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${join(options.dir, 'temp', kind)};`)
    .join('\n');
  out = replaceExactly(out, '\nhttp {\n', `\nhttp {\n${temp}\n`, 1);
  return out;
}

/** One line of nginx's JSON access log (`log_format arena`). */
export interface NginxAccessLine {
  requestId: string;
  method: string;
  path: string;
  status: number;
  /** The replica(s) tried, e.g. `127.0.0.1:4001` or `127.0.0.1:4001, 127.0.0.1:4002` after a failover. */
  upstream: string;
  durationMs: number;
}

export interface NginxServer {
  url: string;
  child: ChildProcess;
  /** The access log so far (nginx writes a line when a request, or a WebSocket, ends). */
  accessLog(): Promise<NginxAccessLine[]>;
  /** nginx's own error log (startup problems, upstream failures). */
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Runs the real nginx binary in the foreground (`daemon off`) in front of two API replicas, with
 * the deployed config derived as above, all files in a temp folder. As root the workers run as
 * `nobody` (nginx's master creates the temp folders for them); the folder is world-traversable.
 */
export async function startNginx(replicas: [string, string]): Promise<NginxServer> {
  const dir = await mkdtemp(join(tmpdir(), 'arena-nginx-'));
  await chmod(dir, 0o755);
  // nginx's master makes each temp folder (owned by the workers' user), not their parent.
  await mkdir(join(dir, 'temp'), { mode: 0o755 });
  const port = await findFreePort(0);
  const confPath = join(dir, 'nginx.conf');
  await writeFile(
    confPath,
    deriveNginxConfig(await readFile(DEPLOYED_NGINX_CONF, 'utf8'), { replicas, port, dir }),
  );
  const errorLogPath = join(dir, 'error.log');
  const globals = [
    'daemon off;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${errorLogPath} warn;`,
    ...(process.getuid?.() === 0 ? ['user nobody nogroup;'] : []),
  ].join(' ');
  let output = '';
  const child = spawn(NGINX_BINARY, ['-p', dir, '-c', confPath, '-e', errorLogPath, '-g', globals], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const spawned = new Promise<Error | undefined>((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', resolve);
  });
  const spawnError = await spawned;
  if (spawnError) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `cannot run ${NGINX_BINARY} (${spawnError.message}): apt-get install -y --no-install-recommends nginx-light`,
    );
  }
  const errorLog = () => readFile(errorLogPath, 'utf8').catch(() => '');
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM'); // fast shutdown: open WebSockets are cut, not waited for
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      const log = await errorLog();
      await stop();
      throw new Error(`nginx exited with ${child.exitCode}:\n${output}\n${log}`);
    }
    if (Date.now() > deadline) {
      const log = await errorLog();
      await stop();
      throw new Error(`nginx did not answer /health in time:\n${output}\n${log}`);
    }
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    accessLog: async () =>
      (await readFile(join(dir, 'access.log'), 'utf8').catch(() => ''))
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as NginxAccessLine),
    errorLog,
    stop,
  };
}
