/**
 * The rating worker's thread: loads the counted trials with a connection of its own and refits a
 * board or the matchmaker's model, so the API's event loop never stalls on a refit (tens of
 * milliseconds at ten thousand trials, several times a second under a stream of outcomes).
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { fitBradleyTerry, matchDistribution, rate } from '@policy-arena/rating';
import { Pool } from 'pg';
import type { PairwiseRecord } from '@policy-arena/domain';
import { MATCHMAKING } from './matchmaking-settings';
import { boardDiagnostics, policyRatings } from './board-reports';
import { CountedTrialsCache } from './counted-trials-cache';
import type {
  MatchFit,
  RatingWorkerData,
  RatingWorkerRequest,
  RatingWorkerResponse,
} from './rating-worker.protocol';

const { databaseUrl } = workerData as RatingWorkerData;
const pool = new Pool({ connectionString: databaseUrl, max: 1, idleTimeoutMillis: 30_000 });
// An idle connection cut by a Postgres restart: the next request reconnects, nothing to do here.
pool.on('error', () => undefined);
const counted = new CountedTrialsCache();

/** One load at a time: the cache is the worker's state, and loads must not interleave. */
let loading: Promise<PairwiseRecord[]> = Promise.resolve([]);
function loadCounted(): Promise<PairwiseRecord[]> {
  const next = loading
    .catch(() => [])
    .then(async () => {
      const client = await pool.connect();
      try {
        const records = await counted.load(client);
        client.release();
        return records;
      } catch (error) {
        // A connection that failed mid-transaction is not given back to the pool.
        client.release(true);
        throw error;
      }
    });
  loading = next;
  return next;
}

function fitForMatchmaking(records: readonly PairwiseRecord[]): MatchFit {
  const counts: Record<string, number> = {};
  for (const r of records) {
    counts[r.a] = (counts[r.a] ?? 0) + 1;
    counts[r.b] = (counts[r.b] ?? 0) + 1;
  }
  return { model: fitBradleyTerry(records), counts };
}

let matchFit: { at: number; fit: Promise<MatchFit> } | undefined;
/** The matchmaker's fit, reused for MATCHMAKING.fitReuseMs: a second-old fit draws pairs as well. */
function currentMatchFit(): Promise<MatchFit> {
  const now = Date.now();
  if (!matchFit || now - matchFit.at > MATCHMAKING.fitReuseMs) {
    const fit = loadCounted().then(fitForMatchmaking);
    matchFit = { at: now, fit };
    fit.catch(() => (matchFit = undefined));
  }
  return matchFit.fit;
}

/**
 * Reports kept until the counted trials change: a policy page refits its board up to 24 times
 * (its rating history), and a popular page must not redo that for every visitor.
 */
const reports = new Map<string, { version: number; value: unknown }>();
function remembered<T>(key: string, compute: () => T): T {
  const kept = reports.get(key);
  if (kept && kept.version === counted.version) return kept.value as T;
  if (reports.size > 1000) reports.clear();
  const value = compute();
  reports.set(key, { version: counted.version, value });
  return value;
}

type Answer = RatingWorkerResponse extends infer R
  ? R extends unknown
    ? Omit<R, 'heapUsedBytes'>
    : never
  : never;

async function answer(request: Exclude<RatingWorkerRequest, { kind: 'close' }>): Promise<Answer> {
  try {
    if (request.kind === 'match-distribution') {
      const { model, counts } = await currentMatchFit();
      const distribution = matchDistribution({
        policies: model.policies,
        thetas: model.theta,
        // The lookahead updates a Bayesian belief: prior plus Fisher information, not the sandwich.
        covariance: model.modelCovariance,
        eligible: request.eligible,
        pending: request.running,
        counts,
        strategy: MATCHMAKING.strategy,
        explorationFloor: MATCHMAKING.explorationFloor,
        newVersionBoost: MATCHMAKING.newVersionBoost,
        // The distribution does not depend on it: the API draws from it with its own CSPRNG.
        seed: 0,
      });
      return { id: request.id, distribution };
    }
    const records = await loadCounted();
    if (request.kind === 'policy-ratings') {
      const key = `policy|${request.handle}`;
      return { id: request.id, policyRatings: remembered(key, () => policyRatings(records, request.handle)) };
    }
    if (request.kind === 'export') {
      const lines = () => records.map((r) => `${JSON.stringify(r)}\n`).join('');
      return { id: request.id, exported: remembered('export', lines) };
    }
    if (request.kind === 'diagnostics') {
      const key = `diagnostics|${request.category ?? ''}`;
      return {
        id: request.id,
        diagnostics: remembered(key, () => boardDiagnostics(records, request.category)),
      };
    }
    const { category } = request;
    const selected = category === undefined ? records : records.filter((r) => r.category === category);
    return { id: request.id, board: rate(selected, { method: request.method }) };
  } catch (error) {
    const e = error as { message?: unknown; code?: unknown };
    return {
      id: request.id,
      failure: {
        message: String(e.message ?? error),
        ...(typeof e.code === 'string' ? { code: e.code } : {}),
      },
    };
  }
}

parentPort!.on('message', (request: RatingWorkerRequest) => {
  if (request.kind === 'close') {
    void pool.end().finally(() => parentPort!.close());
    return;
  }
  void answer(request).then((response) =>
    parentPort!.postMessage({ ...response, heapUsedBytes: getHeapStatistics().used_heap_size }),
  );
});
