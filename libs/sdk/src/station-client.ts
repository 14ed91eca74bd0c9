import {
  stationEvents,
  type Preference,
  type RecordEpisode,
  type TrialReveal,
  type FieldProblem,
} from '@policy-arena/domain';
import { io, type Socket } from 'socket.io-client';
import type { TrialView } from './arena-client';

export interface StationError {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[];
}

/** A refused station request, carrying the platform's error body. */
export class StationRequestError extends Error {
  constructor(readonly body: StationError) {
    super(`${body.statusCode} ${body.error}: ${body.message}`);
    this.name = 'StationRequestError';
  }
}

type Ack<T> = ({ ok: true } & T) | { ok: false; error: StationError };

export interface StationCredentials {
  stationToken: string;
  /** The API key of the evaluator operating the station. */
  apiKey: string;
}

/**
 * A robot station's connection to the platform over socket.io `/stations`. Every request is
 * acknowledged; a refusal rejects with StationRequestError. socket.io reconnects by itself after
 * a drop; the station then carries on with `heartbeat` while its lease lasts.
 */
export class StationClient {
  private constructor(readonly socket: Socket) {}

  static connect(
    baseUrl: string,
    credentials: StationCredentials,
    options: { reconnection?: boolean } = {},
  ): Promise<StationClient> {
    const socket = io(`${baseUrl.replace(/\/+$/, '')}/stations`, {
      auth: { ...credentials },
      transports: ['websocket'],
      reconnection: options.reconnection ?? true,
      forceNew: true,
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new StationClient(socket)));
      socket.once('connect_error', (error: Error & { data?: StationError }) => {
        socket.close();
        reject(error.data ? new StationRequestError(error.data) : error);
      });
    });
  }

  private async request<T>(event: string, payload: unknown): Promise<T> {
    const ack = (await this.socket.timeout(15_000).emitWithAck(event, payload)) as Ack<T>;
    if (!ack.ok) throw new StationRequestError(ack.error);
    return ack;
  }

  async startTrial(input: { instruction: string; category?: string }): Promise<TrialView> {
    return (await this.request<{ trial: TrialView }>(stationEvents.startTrial, input)).trial;
  }

  async getTrial(trialId: string): Promise<TrialView> {
    return (await this.request<{ trial: TrialView }>(stationEvents.getTrial, { trialId })).trial;
  }

  /** The trial this station is running, if any (after a restart, to carry on or abandon it). */
  async currentTrial(): Promise<TrialView | null> {
    return (await this.request<{ trial: TrialView | null }>(stationEvents.currentTrial, {})).trial;
  }

  /** Gives the running trial up: it ends as expired and never counts. */
  async abandonTrial(trialId: string): Promise<TrialView> {
    return (await this.request<{ trial: TrialView }>(stationEvents.abandonTrial, { trialId })).trial;
  }

  async heartbeat(trialId: string): Promise<TrialView> {
    return (await this.request<{ trial: TrialView }>(stationEvents.heartbeat, { trialId })).trial;
  }

  async recordEpisode(trialId: string, episode: RecordEpisode): Promise<TrialView> {
    return (await this.request<{ trial: TrialView }>(stationEvents.recordEpisode, { trialId, ...episode }))
      .trial;
  }

  async submitOutcome(
    trialId: string,
    outcome: { preference: Preference; reason: string },
    idempotencyKey: string,
  ): Promise<{ reveal: TrialReveal; replayed: boolean }> {
    return this.request(stationEvents.submitOutcome, { trialId, ...outcome, idempotencyKey });
  }

  close(): void {
    this.socket.close();
  }
}
