import { Agent, request } from 'node:http';

export interface HttpCall {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface HttpAnswer {
  status: number;
  text: string;
}

/** A keep-alive HTTP client for one base URL: the load generator's only transport. */
export class HttpClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(baseUrl: string, maxSockets: number) {
    this.url = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(call: HttpCall): Promise<HttpAnswer> {
    const body = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          method: call.method,
          path: call.path,
          agent: this.agent,
          headers: {
            ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
            ...call.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface LoadResult {
  name: string;
  count: number;
  errors: number;
  firstError?: string;
  seconds: number;
  /** Latencies in milliseconds, sorted. */
  latencies: number[];
}

export const perSecond = (r: LoadResult) => r.count / r.seconds;

export function percentile(r: LoadResult, p: number): number {
  if (r.latencies.length === 0) return NaN;
  return r.latencies[Math.min(r.latencies.length - 1, Math.floor((p / 100) * r.latencies.length))]!;
}

/**
 * Closed-loop load: `concurrency` workers each run `step` back to back until `until` says stop
 * (a deadline or a job count). A step is one timed operation (told its job and worker number); it throws (or returns false) on an
 * unexpected answer, which counts as an error.
 */
export async function runLoad(
  name: string,
  concurrency: number,
  until: { seconds: number } | { jobs: number },
  step: (job: number, worker: number) => Promise<boolean | void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = process.hrtime.bigint();
  const deadline = 'seconds' in until ? started + BigInt(Math.round(until.seconds * 1e9)) : undefined;
  const more = () =>
    deadline !== undefined ? process.hrtime.bigint() < deadline : next < (until as { jobs: number }).jobs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (more()) {
        const job = next++;
        const t0 = process.hrtime.bigint();
        try {
          const ok = await step(job, worker);
          if (ok === false) throw new Error('unexpected answer');
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { name, count: latencies.length, errors, firstError, seconds, latencies };
}

/**
 * Open-loop load: job k is due at `k / ratePerSecond` seconds after the start, whether or not
 * earlier jobs have been answered, the way independent stations submit. Each latency is measured
 * from when the job was due, not from when it was sent, so a stalled server cannot hide its
 * queue behind a slower sender (no "coordinated omission"). The achieved rate is jobs over the
 * time until the last answer.
 */
export async function runOpenLoop(
  name: string,
  ratePerSecond: number,
  jobs: number,
  step: (job: number) => Promise<boolean | void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = process.hrtime.bigint();
  const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;
  const pending: Promise<void>[] = [];
  for (let job = 0; job < jobs; job++) {
    const dueMs = (job * 1000) / ratePerSecond;
    const wait = dueMs - elapsedMs();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      step(job)
        .then((ok) => {
          if (ok === false) throw new Error('unexpected answer');
          latencies.push(elapsedMs() - dueMs);
        })
        .catch((error: unknown) => {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }),
    );
  }
  await Promise.all(pending);
  const seconds = elapsedMs() / 1000;
  latencies.sort((a, b) => a - b);
  return { name, count: latencies.length, errors, firstError, seconds, latencies };
}
