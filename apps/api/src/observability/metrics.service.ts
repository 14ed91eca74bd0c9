import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Namespace, Server } from 'socket.io';

export type ExpiryReason = 'lease' | 'abandoned';
export type RelayDirection = 'to_policy' | 'to_station';

/**
 * The platform's Prometheus metrics, on a registry of its own (one per API instance, so tests
 * that start several platforms in one process do not share counters). Counters are per process:
 * Prometheus sums them over replicas.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly trialsStarted = new Counter({
    name: 'arena_trials_started_total',
    help: 'Trials started (a pair drawn and a lease opened)',
    registers: [this.registry],
  });

  readonly trialsCompleted = new Counter({
    name: 'arena_trials_completed_total',
    help: 'Trials completed by an outcome',
    registers: [this.registry],
  });

  readonly trialsExpired = new Counter({
    name: 'arena_trials_expired_total',
    help: 'Trials that ended without an outcome: lease ran out, or the evaluator abandoned them',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly outcomes = new Counter({
    name: 'arena_outcomes_total',
    help: 'Outcome submissions answered: recorded (counted once) or replayed (same Idempotency-Key)',
    labelNames: ['preference', 'result'] as const,
    registers: [this.registry],
  });

  readonly relayFrames = new Counter({
    name: 'arena_relay_frames_total',
    help: 'Frames forwarded by the blind relay',
    labelNames: ['direction'] as const,
    registers: [this.registry],
  });

  /** A refit recomputes the board from every counted trial on the main thread: its cost under load. */
  readonly boardRefits = new Histogram({
    name: 'arena_board_refit_seconds',
    help: 'Time to load the counted trials and refit one leaderboard (method and category)',
    labelNames: ['method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** The rating worker's own V8 heap (a separate isolate: not in nodejs_heap_size_used_bytes). */
  readonly ratingWorkerHeap = new Gauge({
    name: 'arena_rating_worker_heap_used_bytes',
    help: 'V8 heap in use by the rating worker thread, as of its latest answer',
    registers: [this.registry],
  });

  private readonly namespaces = new Map<string, Namespace>();

  constructor() {
    const namespaces = this.namespaces;
    new Gauge({
      name: 'arena_socket_connections',
      help: 'socket.io connections open on this process, by namespace',
      labelNames: ['namespace'] as const,
      registers: [this.registry],
      collect() {
        for (const [name, namespace] of namespaces) this.set({ namespace: name }, namespace.sockets.size);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  trialExpired(reason: ExpiryReason, count = 1): void {
    if (count > 0) this.trialsExpired.inc({ reason }, count);
  }

  outcome(preference: string, replayed: boolean): void {
    this.outcomes.inc({ preference, result: replayed ? 'replayed' : 'recorded' });
    if (!replayed) this.trialsCompleted.inc();
  }

  /** Counts the connections of every namespace the socket.io server has or will have. */
  watchSockets(server: Server): void {
    server.on('new_namespace', (namespace: Namespace) => this.namespaces.set(namespace.name, namespace));
  }

  /** Text exposition format for Prometheus' scraper. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
