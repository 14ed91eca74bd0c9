/**
 * Load benchmark: outcome submissions and leaderboard reads over HTTP against a real API process
 * on a real Postgres, 100 stations at once over socket.io, and — in the same run, with the same
 * load generator — a minimal NestJS app as the ceiling, so every figure is also a ratio.
 *
 *   npm run bench:load -- [--seconds 8] [--outcomes 3000] [--concurrency 32] [--stations 100]
 *
 * Processes: embedded Postgres, the API (production entry point, JSON logs) and the minimal app
 * each run on their own; this process generates the load (closed loop: each worker sends its
 * next request when the previous one is answered) and runs the S3 server and the two reference
 * policy servers. On a 2-core machine they all share the cores: read the ratios first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArenaClient, StationClient } from '@policy-arena/sdk';
import { Pool } from 'pg';
import { startEmbeddedPostgres } from '../../apps/api/src/embedded/embedded-postgres';
import { startEmbeddedS3 } from '../../apps/api/src/embedded/embedded-s3';
import { findFreePort } from '../../apps/api/src/embedded/free-port';
import { buildWorld } from '../integration/support/arena-world';
import { HttpClient, percentile, perSecond, runLoad, type LoadResult } from './http-load';

const root = join(__dirname, '..', '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const SECONDS = arg('seconds', 8);
const OUTCOMES = arg('outcomes', 3000);
const CONCURRENCY = arg('concurrency', 32);
const STATIONS = arg('stations', 100);
/** `--cpu-prof DIR`: the API writes a V8 CPU profile there when it stops (open it in Chrome DevTools). */
const CPU_PROF = process.argv.includes('--cpu-prof')
  ? process.argv[process.argv.indexOf('--cpu-prof') + 1]
  : undefined;

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Starts `args` with node and swc, waits until `ready()` says so. */
async function startNode(
  args: string[],
  env: Record<string, string>,
  ready: () => Promise<boolean>,
): Promise<ChildProcess> {
  const nodeFlags = args.filter((a) => a.startsWith('--'));
  const script = args.filter((a) => !a.startsWith('--'));
  const child = spawn(process.execPath, [...nodeFlags, '-r', '@swc-node/register', ...script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 90_000;
  while (!(await ready().catch(() => false))) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${args.join(' ')} not ready in time`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

const stop = (child: ChildProcess | undefined) =>
  new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '—');

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'arena-load-'));
  await chmod(dir, 0o755);
  const cleanups: (() => Promise<void>)[] = [];
  let api: ChildProcess | undefined;
  let minimal: ChildProcess | undefined;
  try {
    const postgres = await startEmbeddedPostgres(join(dir, 'postgres'), { persistent: false });
    cleanups.push(() => postgres.stop());
    const s3 = await startEmbeddedS3(join(dir, 'objects'), 'policy-arena');
    cleanups.push(() => s3.stop());
    const bootstrapToken = randomBytes(32).toString('hex');
    const apiPort = await findFreePort(0);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    api = await startNode(
      [...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []), 'apps/api/src/main.ts'],
      {
        PORT: String(apiPort),
        HOST: '127.0.0.1',
        DATABASE_URL: postgres.url,
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        ARENA_BOOTSTRAP_TOKEN: bootstrapToken,
        ARENA_DATA_DIR: join(dir, 'data'),
        ARENA_DEMO: '0',
        ARENA_LOG_FORMAT: 'json',
        // One generator stands for many clients: limits on, but out of reach.
        ARENA_RATE_LIMIT_PER_KEY: '100000000',
        ARENA_RATE_LIMIT_PER_ADDRESS: '100000000',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      async () => (await fetch(`${apiUrl}/health`)).status === 200,
    );
    const minimalPort = await findFreePort(0);
    const minimalUrl = `http://127.0.0.1:${minimalPort}`;
    minimal = await startNode(
      ['test/load/minimal-nest-app.ts'],
      { PORT: String(minimalPort) },
      async () => (await fetch(`${minimalUrl}/ping`)).status === 200,
    );

    const world = await buildWorld(
      {
        anonymous: new ArenaClient({ baseUrl: apiUrl }),
        bootstrapToken: async () => bootstrapToken,
        onStop: (fn) => cleanups.push(fn),
      },
      2,
    );
    const auth = { authorization: `Bearer ${world.evaluatorKey}` };
    const http = new HttpClient(apiUrl, CONCURRENCY + 8);
    const ceilingHttp = new HttpClient(minimalUrl, CONCURRENCY + 8);
    const expect = (status: number) => (answer: { status: number; text: string }) => {
      if (answer.status !== status) throw new Error(`${answer.status}: ${answer.text.slice(0, 200)}`);
    };

    // Warm-up (JIT, pools, endpoint health), not measured.
    await runLoad('warm-up', 8, { jobs: 400 }, async () =>
      expect(200)(await ceilingHttp.send({ method: 'GET', path: '/ping' })),
    );
    await runLoad('warm-up', 8, { jobs: 200 }, async () =>
      expect(200)(await http.send({ method: 'GET', path: '/api/v1/leaderboard' })),
    );
    const rss: [string, number][] = [['after start and warm-up', await rssMiB(api.pid!)]];

    const ceiling = await runLoad(
      'minimal NestJS GET /ping (ceiling)',
      CONCURRENCY,
      { seconds: SECONDS },
      async () => expect(200)(await ceilingHttp.send({ method: 'GET', path: '/ping' })),
    );

    // Trials to submit outcomes for: started and both episodes recorded (timed too, reported apart).
    const trials: string[] = [];
    const setup = await runLoad(
      'set-up: start trial + 2 episodes (3 requests)',
      16,
      { jobs: OUTCOMES },
      async () => {
        const started = await http.send({
          method: 'POST',
          path: '/api/v1/trials',
          headers: auth,
          body: { instruction: 'load test: move the block' },
        });
        expect(201)(started);
        const trial = JSON.parse(started.text) as { id: string; runOrder: ['A' | 'B', 'A' | 'B'] };
        for (const label of trial.runOrder) {
          expect(201)(
            await http.send({
              method: 'POST',
              path: `/api/v1/trials/${trial.id}/episodes`,
              headers: auth,
              body: { label, progress: 50, success: label === 'A' },
            }),
          );
        }
        trials.push(trial.id);
      },
    );
    rss.push(['after set-up', await rssMiB(api.pid!)]);

    const acknowledged: string[] = [];
    const outcomes = await runLoad(
      'POST /api/v1/trials/:id/outcome',
      CONCURRENCY,
      { jobs: trials.length },
      async (job) => {
        const trialId = trials[job]!;
        const answer = await http.send({
          method: 'POST',
          path: `/api/v1/trials/${trialId}/outcome`,
          headers: { ...auth, 'idempotency-key': randomUUID() },
          body: { preference: job % 3 === 0 ? 'B' : 'A', reason: 'load test' },
        });
        expect(201)(answer);
        acknowledged.push(trialId);
      },
    );
    rss.push(['after outcomes', await rssMiB(api.pid!)]);

    const counted = acknowledged.length;
    const leaderboard = await runLoad(
      `GET /api/v1/leaderboard (${counted} counted trials)`,
      CONCURRENCY,
      { seconds: SECONDS },
      async () => expect(200)(await http.send({ method: 'GET', path: '/api/v1/leaderboard' })),
    );
    rss.push(['after leaderboard reads', await rssMiB(api.pid!)]);

    // 100 stations at once over socket.io, each running whole trials back to back.
    const stations: StationClient[] = [];
    for (let i = 0; i < STATIONS; i++) {
      const { token } = await world.admin.createStation(world.siteId, {
        name: `load-${i}`,
        embodiment: 'droid-franka',
        cameras: ['wrist'],
      });
      stations.push(await StationClient.connect(apiUrl, { stationToken: token, apiKey: world.evaluatorKey }));
    }
    const submitLatencies: number[] = [];
    const stationTrials = await runLoad(
      `${STATIONS} stations: whole trial over socket.io (4 acks)`,
      STATIONS,
      { seconds: SECONDS },
      async (_, worker) => {
        // One worker per station: a station holds one running trial at a time.
        const station = stations[worker]!;
        const trial = await station.startTrial({ instruction: 'load test: stack the cups' });
        for (const label of trial.runOrder)
          await station.recordEpisode(trial.id, { label, progress: 40, success: false });
        const t0 = process.hrtime.bigint();
        await station.submitOutcome(trial.id, { preference: 'tie', reason: 'load test' }, randomUUID());
        submitLatencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        acknowledged.push(trial.id);
      },
    );
    for (const station of stations) station.close();
    submitLatencies.sort((a, b) => a - b);
    const submitAcks: LoadResult = {
      name: `${STATIONS} stations: outcome:submit ack`,
      count: submitLatencies.length,
      errors: stationTrials.errors,
      seconds: stationTrials.seconds,
      latencies: submitLatencies,
    };
    rss.push(['after stations', await rssMiB(api.pid!)]);

    // Nothing lost: every acknowledged outcome is in the database, exactly once.
    const pool = new Pool({ connectionString: postgres.url, max: 1 });
    const [{ present, distinct }] = (
      await pool.query<{ present: string; distinct: string }>(
        `SELECT count(*) AS present, count(DISTINCT trial_id) AS distinct FROM outcomes WHERE trial_id = ANY($1::uuid[])`,
        [acknowledged],
      )
    ).rows as [{ present: string; distinct: string }];
    await pool.end();
    http.close();
    ceilingHttp.close();

    const rows = [ceiling, leaderboard, outcomes, submitAcks, stationTrials, setup];
    const ceilingRate = perSecond(ceiling);
    console.log(
      `\nload benchmark — ${SECONDS} s phases, ${CONCURRENCY} concurrent HTTP clients, ${STATIONS} stations; ` +
        `Node ${process.version}, ${(await readFile('/proc/cpuinfo', 'utf8')).match(/^processor/gm)!.length} cores, ` +
        `load average at start ${loadavg()[0]!.toFixed(2)}\n`,
    );
    console.log('| phase | done | errors | per second | vs ceiling | p50 | p99 |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${r.count} | ${r.errors} | ${perSecond(r).toFixed(0)} | ${(perSecond(r) / ceilingRate).toFixed(3)} | ${ms(percentile(r, 50))} | ${ms(percentile(r, 99))} |`,
      );
    }
    const base = rss[0]![1];
    console.log(`\nAPI process RSS: ${rss.map(([when, mib]) => `${when} ${mib.toFixed(0)} MiB`).join(', ')}`);
    console.log(`RSS growth over the run: ${(rss.at(-1)![1] - base).toFixed(0)} MiB`);
    console.log(
      `acknowledged outcomes: ${acknowledged.length}; in the database: ${present} rows for ${distinct} trials ` +
        `(${Number(present) === acknowledged.length && Number(distinct) === acknowledged.length ? 'every one exactly once' : 'MISMATCH'})`,
    );
    const errors = rows.reduce((n, r) => n + r.errors, 0);
    for (const r of rows.filter((x) => x.firstError))
      console.log(`first error in "${r.name}": ${r.firstError}`);
    console.log('\ngoals (issue 8, on 2 cores):');
    console.log(
      `  outcomes ≥ 500/s with p99 < 100 ms: ${perSecond(outcomes).toFixed(0)}/s, p99 ${ms(percentile(outcomes, 99))} — ${perSecond(outcomes) >= 500 && percentile(outcomes, 99) < 100 ? 'met' : 'not met'}`,
    );
    console.log(
      `  leaderboard ≥ 3000 reads/s: ${perSecond(leaderboard).toFixed(0)}/s — ${perSecond(leaderboard) >= 3000 ? 'met' : 'not met'}`,
    );
    console.log(`  zero errors: ${errors} — ${errors === 0 ? 'met' : 'not met'}`);
  } finally {
    await Promise.all([stop(api), stop(minimal)]);
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
