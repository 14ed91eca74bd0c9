import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TrialLabel } from '@policy-arena/domain';
import { DataSource } from 'typeorm';
import WebSocket, { WebSocketServer } from 'ws';
import { MetricsService } from '../observability/metrics.service';
import { PolicyVersionEntity } from '../policies/policy-version.entity';
import { TrialEntity } from '../trials/trial.entity';
import { effectiveStatus } from '../trials/trial.view';
import { blindReply, encodeFrame, stationFacingConfig } from './openpi-frames';
import { relayTicketValid } from './relay-ticket';
import { connectUpstream } from './upstream-connection';

const RELAY_PATH = /^\/relay\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(A|B)$/;

/** What the station sees when the policy server fails: nothing the server wrote. */
const GENERIC_POLICY_ERROR = 'policy server error';

function toBytes(data: WebSocket.RawData): Uint8Array {
  return Array.isArray(data)
    ? Buffer.concat(data)
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : data;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The blind inference relay: a WebSocket at `/relay/<trial>/<label>?ticket=…` that forwards frames
 * both ways between a station and the private endpoint of the version behind that label. The
 * station gets a configuration frame built from the *pair* (identical for A and B), and policy
 * errors reach it only as a generic message; the policy server sees only the platform.
 */
@Injectable()
export class BlindRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('BlindRelay');
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://relay');
      if (url.pathname.startsWith('/socket.io/')) return; // socket.io's own upgrade
      if (!url.pathname.startsWith('/relay/')) return refuse(socket, 404, 'Not Found');
      this.relay(request, socket, head, url).catch((error: unknown) => {
        this.logger.warn(`relay failed: ${String(error)}`);
        refuse(socket, 500, 'Internal Server Error');
      });
    });
  }

  onModuleDestroy(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private async relay(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const match = RELAY_PATH.exec(url.pathname);
    if (!match) return refuse(socket, 404, 'Not Found');
    const [, trialId, label] = match as unknown as [string, string, TrialLabel];
    const ticket = url.searchParams.get('ticket') ?? '';
    const trial = await this.dataSource.manager.findOne(TrialEntity, { where: { id: trialId } });
    // One answer for every refusal: whether a trial exists is not the caller's business.
    if (!trial?.relaySecret || !relayTicketValid(trial.relaySecret, trialId, label, ticket)) {
      return refuse(socket, 403, 'Forbidden');
    }
    if (effectiveStatus(trial) !== 'running') return refuse(socket, 410, 'Gone');
    const [versionA, versionB] = await Promise.all([
      this.dataSource.manager.findOneByOrFail(PolicyVersionEntity, { id: trial.policyAId }),
      this.dataSource.manager.findOneByOrFail(PolicyVersionEntity, { id: trial.policyBId }),
    ]);
    const target = label === 'A' ? versionA : versionB;
    let upstream: WebSocket;
    try {
      upstream = await connectUpstream(target.endpoint);
    } catch {
      return refuse(socket, 502, 'Bad Gateway');
    }
    this.wss.handleUpgrade(request, socket, head, (station) => {
      station.send(encodeFrame(stationFacingConfig(versionA.requirements, versionB.requirements)));
      this.pipe(station, upstream);
    });
  }

  private pipe(station: WebSocket, upstream: WebSocket): void {
    station.on('message', (data, isBinary) => {
      this.metrics.relayFrames.inc({ direction: 'to_policy' });
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: isBinary });
    });
    upstream.on('message', (data, isBinary) => {
      this.metrics.relayFrames.inc({ direction: 'to_station' });
      if (station.readyState !== WebSocket.OPEN) return;
      const reply = isBinary ? blindReply(toBytes(data)) : undefined;
      if (reply) return station.send(reply, { binary: true });
      // openpi reports errors as a text frame, then closes with 1011; the text may name the policy.
      station.send(GENERIC_POLICY_ERROR);
      station.close(1011, GENERIC_POLICY_ERROR);
      upstream.close();
    });
    station.on('close', () => upstream.close());
    upstream.on('close', (code) => {
      if (station.readyState === WebSocket.OPEN) station.close(code === 1011 ? 1011 : 1000);
    });
    station.on('error', () => upstream.terminate());
    upstream.on('error', () => station.terminate());
  }
}
