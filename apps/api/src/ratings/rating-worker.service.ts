import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, type OnModuleDestroy, Optional } from '@nestjs/common';
import type { DiagnosticsView } from '@policy-arena/domain';
import type { PairProbability, RatingMethod, RatingTable } from '@policy-arena/rating';
import type { PolicyRatings } from './board-reports';
import { APP_CONFIG } from '../config/app-config.token';
import type { ResolvedConfig } from '../config/resolved-config';
import { MetricsService } from '../observability/metrics.service';
import type {
  RatingWorkerData,
  RunningPair,
  RatingWorkerFailure,
  RatingWorkerRequest,
  RatingWorkerResponse,
} from './rating-worker.protocol';

const WORKER_ENTRY = join(__dirname, 'rating-worker.ts');

/**
 * The worker loads its TypeScript through @swc-node/register, whose native binding (@swc/core)
 * must already be loaded by the main thread: a native addon first loaded by a worker is unloaded
 * when that worker ends, and the next worker that loads it crashes the whole process (SIGSEGV).
 * `npm start` loads it anyway; a host that does not (vitest) needs this.
 */
function holdSwcBinding(): void {
  createRequire(__filename)('@swc/core');
}

/** Carries a worker-side failure back with its code, so a database outage still reads as a 503. */
class RatingWorkerError extends Error {
  constructor(
    failure: RatingWorkerFailure,
    readonly code = failure.code,
  ) {
    super(failure.message);
  }
}

/** A request before it has an id (Omit distributed over the union). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

interface Waiting {
  resolve: (response: RatingWorkerResponse) => void;
  reject: (error: Error) => void;
}

/**
 * Refits boards and the matchmaker's model (and draws its distribution) on a worker thread (rating-worker.ts). A refit loads
 * every counted trial and fits it: on the main thread that stalled every request in flight, and
 * under a stream of outcomes it ran several times a second. One worker is enough — refits are
 * coalesced upstream — and it is started on first use and again after a crash.
 *
 * Why worker_threads directly and not a pool library: one long-lived thread with a request id
 * per message is all this needs; the TypeScript entry is loaded through @swc-node/register like
 * the rest of the API.
 */
@Injectable()
export class RatingWorkerService implements OnModuleDestroy {
  private readonly log = new Logger(RatingWorkerService.name);
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  async board(query: { method: RatingMethod; category?: string }): Promise<RatingTable> {
    const response = await this.ask({ kind: 'board', method: query.method, category: query.category });
    if (!('board' in response)) throw new Error('rating worker: expected a board');
    return response.board;
  }

  async policyRatings(handle: string): Promise<PolicyRatings> {
    const response = await this.ask({ kind: 'policy-ratings', handle });
    if (!('policyRatings' in response)) throw new Error('rating worker: expected policy ratings');
    return response.policyRatings;
  }

  async diagnostics(category: string | undefined): Promise<DiagnosticsView> {
    const response = await this.ask({ kind: 'diagnostics', ...(category === undefined ? {} : { category }) });
    if (!('diagnostics' in response)) throw new Error('rating worker: expected diagnostics');
    return response.diagnostics;
  }

  /** Every counted trial as JSON lines (the open-data export), kept until the counted trials change. */
  async exportTrials(): Promise<string> {
    const response = await this.ask({ kind: 'export' });
    if (!('exported' in response)) throw new Error('rating worker: expected the export');
    return response.exported;
  }

  /** The matchmaking distribution over the pairs of `eligible` (version handles), `running` pairs counted in. */
  async matchDistribution(eligible: string[], running: RunningPair[]): Promise<PairProbability[]> {
    const response = await this.ask({ kind: 'match-distribution', eligible, running });
    if (!('distribution' in response)) throw new Error('rating worker: expected a distribution');
    return response.distribution;
  }

  /** Asks the thread to close its connection and end; terminates it only if it does not within 5 s. */
  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ id: this.nextId++, kind: 'close' } satisfies RatingWorkerRequest);
    const timer = setTimeout(() => void worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }

  private ask(request: Unnumbered<RatingWorkerRequest>): Promise<RatingWorkerResponse> {
    const id = this.nextId++;
    const worker = this.worker ?? this.start();
    return new Promise<RatingWorkerResponse>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as RatingWorkerRequest);
    }).then((response) => {
      if ('failure' in response) throw new RatingWorkerError(response.failure);
      return response;
    });
  }

  private start(): Worker {
    holdSwcBinding();
    const workerData: RatingWorkerData = { databaseUrl: this.config.databaseUrl };
    const worker = new Worker(`require('@swc-node/register'); require(${JSON.stringify(WORKER_ENTRY)});`, {
      eval: true,
      workerData,
      execArgv: [],
    });
    // The API's lifetime is the server's: an idle worker must not keep a process alive.
    worker.unref();
    worker.on('message', (response: RatingWorkerResponse) => {
      this.metrics?.ratingWorkerHeap.set(response.heapUsedBytes);
      const waiting = this.waiting.get(response.id);
      this.waiting.delete(response.id);
      waiting?.resolve(response);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    };
    worker.on('error', (error) => {
      this.log.error(`rating worker failed: ${error.message}`);
      fail(error);
    });
    worker.on('exit', (code) => fail(new Error(`rating worker exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
