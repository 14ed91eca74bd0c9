/**
 * Load benchmark: outcome submissions and leaderboard reads over HTTP against a real API process
 * on a real Postgres, 100 stations at once over socket.io, and — in the same run, with the same
 * load generator — a minimal NestJS app as the ceiling, so every figure is also a ratio.
 *
 *   npm run bench:load -- [--seconds 8] [--outcomes 4000] [--concurrency 32] [--rate 600] [--stations 100] [--rounds 1]
 *
 * Outcomes are measured twice: half the trials in a closed loop (`--concurrency` clients, each
 * sending when answered: the most the API can take) and half offered open-loop at `--rate` per
 * second (latency from when each was due: what independent stations would see).
 *
 * `--rounds N` repeats everything after the ceiling N times against the same API process and reads
 * its memory after a forced full GC each round: growth that continues round after round is a leak.
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
import { HttpClient, percentile, perSecond, runLoad, runOpenLoop, type LoadResult } from './http-load';

const root = join(__dirname, '..', '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const SECONDS = arg('seconds', 8);
const OUTCOMES = arg('outcomes', 4000);
const CONCURRENCY = arg('concurrency', 32);
const STATIONS = arg('stations', 100);
/** Rounds of set-up, outcomes, reads and stations against the same API process (memory per round). */
const ROUNDS = arg('rounds', 1);
/** Arrival rate of the open-loop outcome phase (issue 8's goal: ≥ 500/s answered with p99 < 100 ms). */
const RATE = arg('rate', 600);
/** `--cpu-prof DIR`: the API writes a V8 CPU profile there when it stops (open it in Chrome DevTools). */
const CPU_PROF = process.argv.includes('--cpu-prof')
  ? process.argv[process.argv.indexOf('--cpu-prof') + 1]
  : undefined;

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

interface MemoryReading {
  when: string;
  rssMiB: number;
  /** V8 heap in use right after a full collection (see collect-garbage-on-message.ts). */
  heapMiB: number;
  /** The rating worker's heap as of its latest answer (not collected first: its own isolate). */
  workerHeapMiB: number;
  /** Memory outside the V8 heap that JS objects hold: Buffers, socket state. */
  externalMiB: number;
}

interface ApiSide {
  phase: string;
  /** Event-loop delay over the phase (prom-client's monitor, reset by each scrape). */
  lagP99Ms: number;
  lagMaxMs: number;
  /** Board refits during the phase, and their mean duration. */
  refits: number;
  refitMeanMs: number;
}

const metricValue = (text: string, name: string): number =>
  [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce(
    (sum, m) => sum + Number(m[1]),
    0,
  );

/** Runs `phase` and reads, from the API's /metrics, what it cost the API's event loop. */
async function observed<T extends LoadResult>(
  apiUrl: string,
  sides: ApiSide[],
  phase: () => Promise<T>,
): Promise<T> {
  const before = await (await fetch(`${apiUrl}/metrics`)).text();
  const result = await phase();
  const after = await (await fetch(`${apiUrl}/metrics`)).text();
  const refits =
    metricValue(after, 'arena_board_refit_seconds_count') -
    metricValue(before, 'arena_board_refit_seconds_count');
  const refitSeconds =
    metricValue(after, 'arena_board_refit_seconds_sum') -
    metricValue(before, 'arena_board_refit_seconds_sum');
  sides.push({
    phase: result.name,
    lagP99Ms: metricValue(after, 'nodejs_eventloop_lag_p99_seconds') * 1000,
    lagMaxMs: metricValue(after, 'nodejs_eventloop_lag_max_seconds') * 1000,
    refits,
    refitMeanMs: refits > 0 ? (refitSeconds / refits) * 1000 : NaN,
  });
  return result;
}

/** Forces a full GC in the API, then reads RSS from /proc and the heap from its /metrics. */
async function readMemory(api: ChildProcess, apiUrl: string, when: string): Promise<MemoryReading> {
  await new Promise<void>((resolve) => {
    api.once('message', () => resolve());
    api.send('collect-garbage');
  });
  const metrics = await (await fetch(`${apiUrl}/metrics`)).text();
  const heap = Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics)?.[1] ?? NaN);
  const workerHeap = Number(/^arena_rating_worker_heap_used_bytes (\S+)$/m.exec(metrics)?.[1] ?? NaN);
  return {
    when,
    rssMiB: await rssMiB(api.pid!),
    heapMiB: heap / 2 ** 20,
    workerHeapMiB: workerHeap / 2 ** 20,
    externalMiB: Number(/^nodejs_external_memory_bytes (\S+)$/m.exec(metrics)?.[1] ?? NaN) / 2 ** 20,
  };
}

/** Starts `args` with node and swc, waits until `ready()` says so. */
async function startNode(
  args: string[],
  env: Record<string, string>,
  ready: () => Promise<boolean>,
): Promise<ChildProcess> {
  const nodeFlags = args.filter((a) => a.startsWith('--'));
  const script = args.filter((a) => !a.startsWith('--'));
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ...nodeFlags, ...script], {
    cwd: root,
    env: { ...process.env, ...env },
    // The IPC channel lets the benchmark ask the API for a full GC before it reads memory.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
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
      [
        ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []),
        '--expose-gc',
        '--require=./test/load/collect-garbage-on-message.ts',
        'apps/api/src/main.ts',
      ],
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
    const memory: MemoryReading[] = [await readMemory(api, apiUrl, 'after start and warm-up')];

    const ceiling = await runLoad(
      'minimal NestJS GET /ping (ceiling)',
      CONCURRENCY,
      { seconds: SECONDS },
      async () => expect(200)(await ceilingHttp.send({ method: 'GET', path: '/ping' })),
    );

    // 100 stations at once over socket.io, connected once, each running whole trials back to back.
    const stations: StationClient[] = [];
    for (let i = 0; i < STATIONS; i++) {
      const { token } = await world.admin.createStation(world.siteId, {
        name: `load-${i}`,
        embodiment: 'droid-franka',
        cameras: ['wrist'],
      });
      stations.push(await StationClient.connect(apiUrl, { stationToken: token, apiKey: world.evaluatorKey }));
    }

    const acknowledged: string[] = [];
    const rows: LoadResult[] = [ceiling];
    const sides: ApiSide[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const suffix = ROUNDS > 1 ? ` — round ${round}` : '';
      // Trials to submit outcomes for: started, both episodes recorded (timed too, reported apart).
      const trials: string[] = [];
      const setup = await observed(apiUrl, sides, () =>
        runLoad(
          `set-up: start trial + 2 episodes (3 requests)${suffix}`,
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
        ),
      );

      // Half the trials for the most the API can take (closed loop), half offered at RATE/s.
      const submit = (trialId: string, preference: 'A' | 'B') => async () => {
        const answer = await http.send({
          method: 'POST',
          path: `/api/v1/trials/${trialId}/outcome`,
          headers: { ...auth, 'idempotency-key': randomUUID() },
          body: { preference, reason: 'load test' },
        });
        expect(201)(answer);
        acknowledged.push(trialId);
      };
      const half = Math.floor(trials.length / 2);
      const outcomes = await observed(apiUrl, sides, () =>
        runLoad(`POST /api/v1/trials/:id/outcome, closed loop${suffix}`, CONCURRENCY, { jobs: half }, (job) =>
          submit(trials[job]!, job % 3 === 0 ? 'B' : 'A')(),
        ),
      );
      const offered = await observed(apiUrl, sides, () =>
        runOpenLoop(
          `POST /api/v1/trials/:id/outcome, ${RATE}/s offered${suffix}`,
          RATE,
          trials.length - half,
          (job) => submit(trials[half + job]!, job % 3 === 0 ? 'B' : 'A')(),
        ),
      );

      const leaderboard = await observed(apiUrl, sides, () =>
        runLoad(
          `GET /api/v1/leaderboard (${acknowledged.length} counted trials)${suffix}`,
          CONCURRENCY,
          { seconds: SECONDS },
          async () => expect(200)(await http.send({ method: 'GET', path: '/api/v1/leaderboard' })),
        ),
      );

      const submitLatencies: number[] = [];
      const stationTrials = await observed(apiUrl, sides, () =>
        runLoad(
          `${STATIONS} stations: whole trial over socket.io (4 acks)${suffix}`,
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
        ),
      );
      submitLatencies.sort((a, b) => a - b);
      const submitAcks: LoadResult = {
        name: `${STATIONS} stations: outcome:submit ack${suffix}`,
        count: submitLatencies.length,
        errors: stationTrials.errors,
        seconds: stationTrials.seconds,
        latencies: submitLatencies,
      };
      rows.push(leaderboard, outcomes, offered, submitAcks, stationTrials, setup);
      memory.push(await readMemory(api, apiUrl, `after round ${round}`));
    }
    for (const station of stations) station.close();

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

    const ceilingRate = perSecond(ceiling);
    console.log(
      `\nload benchmark — ${SECONDS} s phases, ${CONCURRENCY} concurrent HTTP clients, ${STATIONS} stations, ` +
        `${ROUNDS} round(s); Node ${process.version}, ${(await readFile('/proc/cpuinfo', 'utf8')).match(/^processor/gm)!.length} cores, ` +
        `load average at start ${loadavg()[0]!.toFixed(2)}\n`,
    );
    console.log('| phase | done | errors | per second | vs ceiling | p50 | p99 |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${r.count} | ${r.errors} | ${perSecond(r).toFixed(0)} | ${(perSecond(r) / ceilingRate).toFixed(3)} | ${ms(percentile(r, 50))} | ${ms(percentile(r, 99))} |`,
      );
    }
    console.log('\nThe API process during each phase (from its /metrics):');
    console.log('| phase | event-loop delay p99 | event-loop delay max | board refits | mean refit |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const a of sides)
      console.log(
        `| ${a.phase} | ${ms(a.lagP99Ms)} | ${ms(a.lagMaxMs)} | ${a.refits} | ${ms(a.refitMeanMs)} |`,
      );
    console.log('\nAPI process memory, each reading right after a forced full garbage collection:');
    console.log('| when | RSS | V8 heap in use | external (Buffers) | rating worker heap |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const m of memory)
      console.log(
        `| ${m.when} | ${m.rssMiB.toFixed(0)} MiB | ${m.heapMiB.toFixed(1)} MiB | ${m.externalMiB.toFixed(1)} MiB | ${m.workerHeapMiB.toFixed(1)} MiB |`,
      );
    console.log(
      `acknowledged outcomes: ${acknowledged.length}; in the database: ${present} rows for ${distinct} trials ` +
        `(${Number(present) === acknowledged.length && Number(distinct) === acknowledged.length ? 'every one exactly once' : 'MISMATCH'})`,
    );
    const errors = rows.reduce((n, r) => n + r.errors, 0);
    for (const r of rows.filter((x) => x.firstError))
      console.log(`first error in "${r.name}": ${r.firstError}`);
    const outcomeRows = rows.filter((r) => r.name.startsWith(`POST /api/v1/trials/:id/outcome, ${RATE}/s`));
    const readRows = rows.filter((r) => r.name.startsWith('GET /api/v1/leaderboard'));
    console.log('\ngoals (issue 8, on 2 cores; the worst round counts):');
    const slowest = Math.min(...outcomeRows.map(perSecond));
    const worstP99 = Math.max(...outcomeRows.map((r) => percentile(r, 99)));
    console.log(
      `  outcomes ≥ 500/s with p99 < 100 ms (open loop): ${slowest.toFixed(0)}/s, p99 ${ms(worstP99)} — ${slowest >= 500 && worstP99 < 100 ? 'met' : 'not met'}`,
    );
    const fewestReads = Math.min(...readRows.map(perSecond));
    console.log(
      `  leaderboard ≥ 3000 reads/s: ${fewestReads.toFixed(0)}/s — ${fewestReads >= 3000 ? 'met' : 'not met'}`,
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
