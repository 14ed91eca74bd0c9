import { Logger } from '@nestjs/common';
import {
  stationEvents,
  StationRecordEpisode,
  StationStartTrial,
  StationSubmitOutcome,
  StationTrialRef,
  describeZodIssues,
} from '@policy-arena/domain';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import type { AccountEntity } from '../accounts/account.entity';
import { ApiKeyService } from '../accounts/api-key.service';
import type { ApiErrorBody } from '../common/errors/api-error-body';
import { toErrorBody } from '../common/errors/all-exceptions.filter';
import { FieldValidationException } from '../common/errors/field-validation.exception';
import { unstorableTextProblems } from '../common/validation/storable-text';
import type { StationEntity } from '../sites/station.entity';
import { TrialService } from '../trials/trial.service';
import { StationService } from './station.service';

interface StationSession {
  station: StationEntity;
  evaluator: AccountEntity;
}

type Ack<T> = ({ ok: true } & T) | { ok: false; error: ApiErrorBody };

function parse<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  const unstorable = unstorableTextProblems(payload, 'payload');
  if (unstorable.length > 0) throw new FieldValidationException(unstorable);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new FieldValidationException(describeZodIssues(parsed.error, 'payload'));
  return parsed.data;
}

/**
 * A robot station speaks to the platform over socket.io `/stations`: it authenticates with its
 * station token plus the operating evaluator's API key, then runs trials with acknowledged
 * requests. Everything is delegated to TrialService, exactly as the REST routes do.
 */
@WebSocketGateway({ namespace: '/stations' })
export class StationsGateway implements OnGatewayInit<Namespace> {
  private readonly logger = new Logger('StationsGateway');

  constructor(
    private readonly stations: StationService,
    private readonly apiKeys: ApiKeyService,
    private readonly trials: TrialService,
  ) {}

  /**
   * Authentication runs as namespace middleware, before the connection exists, so no event can
   * arrive unauthenticated; a refused station gets `connect_error` with the reason in `data`.
   */
  afterInit(namespace: Namespace): void {
    namespace.use((client, next) => {
      this.authenticate(client).then(
        (problem) => {
          if (!problem) return next();
          const error = new Error(problem) as Error & { data: ApiErrorBody };
          error.data = { statusCode: 401, error: 'Unauthorized', message: problem };
          next(error);
        },
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  private async authenticate(client: Socket): Promise<string | undefined> {
    const auth = client.handshake.auth as { stationToken?: unknown; apiKey?: unknown };
    const station =
      typeof auth.stationToken === 'string' ? await this.stations.authenticate(auth.stationToken) : null;
    const evaluator = typeof auth.apiKey === 'string' ? await this.apiKeys.authenticate(auth.apiKey) : null;
    const problem = !station
      ? 'auth.stationToken: unknown station token'
      : !evaluator
        ? 'auth.apiKey: unknown or revoked API key'
        : evaluator.role !== 'evaluator'
          ? 'auth.apiKey: the key must belong to an evaluator'
          : evaluator.siteId !== station.siteId
            ? 'auth.apiKey: the evaluator does not belong to this station’s site'
            : undefined;
    if (!problem && station && evaluator) client.data = { station, evaluator } satisfies StationSession;
    return problem;
  }

  @SubscribeMessage(stationEvents.startTrial)
  startTrial(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return this.handle(client, async ({ station, evaluator }) => {
      const input = parse(StationStartTrial, payload);
      return { trial: await this.trials.create({ ...input, stationId: station.id }, evaluator) };
    });
  }

  @SubscribeMessage(stationEvents.getTrial)
  getTrial(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return this.handle(client, async ({ evaluator }) => ({
      trial: await this.trials.get(parse(StationTrialRef, payload).trialId, evaluator),
    }));
  }

  @SubscribeMessage(stationEvents.currentTrial)
  currentTrial(@ConnectedSocket() client: Socket) {
    return this.handle(client, async ({ station, evaluator }) => ({
      trial: await this.trials.currentForStation(station.id, evaluator),
    }));
  }

  @SubscribeMessage(stationEvents.abandonTrial)
  abandonTrial(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return this.handle(client, async ({ evaluator }) => ({
      trial: await this.trials.abandon(parse(StationTrialRef, payload).trialId, evaluator),
    }));
  }

  @SubscribeMessage(stationEvents.heartbeat)
  heartbeat(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return this.handle(client, async ({ evaluator }) => ({
      trial: await this.trials.heartbeat(parse(StationTrialRef, payload).trialId, evaluator),
    }));
  }

  @SubscribeMessage(stationEvents.recordEpisode)
  recordEpisode(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return this.handle(client, async ({ evaluator }) => {
      const { trialId, ...episode } = parse(StationRecordEpisode, payload);
      return { trial: await this.trials.recordEpisode(trialId, episode, evaluator) };
    });
  }

  @SubscribeMessage(stationEvents.submitOutcome)
  submitOutcome(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return this.handle(client, async ({ evaluator }) => {
      const { trialId, idempotencyKey, ...outcome } = parse(StationSubmitOutcome, payload);
      const result = await this.trials.submitOutcome(trialId, outcome, idempotencyKey, evaluator);
      return { reveal: result.reveal, replayed: result.replayed };
    });
  }

  private async handle<T extends object>(
    client: Socket,
    work: (session: StationSession) => Promise<T>,
  ): Promise<Ack<T>> {
    const session = client.data as StationSession | undefined;
    if (!session?.station) {
      return { ok: false, error: { statusCode: 401, error: 'Unauthorized', message: 'not authenticated' } };
    }
    try {
      return { ok: true, ...(await work(session)) };
    } catch (error) {
      const body = toErrorBody(error);
      if (body.statusCode >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
      return { ok: false, error: body };
    }
  }
}
