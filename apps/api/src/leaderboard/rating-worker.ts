/**
 * The rating worker's thread: loads the counted trials with a connection of its own and refits a
 * board or the matchmaker's model, so the API's event loop never stalls on a refit (tens of
 * milliseconds at ten thousand trials, several times a second under a stream of outcomes).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fitBradleyTerry, rate } from '@policy-arena/rating';
import { Pool } from 'pg';
import { COUNTED_TRIALS_SQL, toPairwiseRecords, type CountedTrialRow } from './counted-trials';
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

function matchFit(records: ReturnType<typeof toPairwiseRecords>): MatchFit {
  const counts: Record<string, number> = {};
  for (const r of records) {
    counts[r.a] = (counts[r.a] ?? 0) + 1;
    counts[r.b] = (counts[r.b] ?? 0) + 1;
  }
  return { model: fitBradleyTerry(records), counts };
}

async function answer(request: RatingWorkerRequest): Promise<RatingWorkerResponse> {
  try {
    const rows = (await pool.query<CountedTrialRow>(COUNTED_TRIALS_SQL)).rows;
    const records = toPairwiseRecords(rows);
    if (request.kind === 'match-fit') return { id: request.id, matchFit: matchFit(records) };
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
  void answer(request).then((response) => parentPort!.postMessage(response));
});
