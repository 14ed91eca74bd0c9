import { Logger } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { LeaderboardService } from '../leaderboard/leaderboard.service';
import { LiveBoardService } from './live-board.service';

/** Public, read-only: browsers subscribe to leaderboard and trial-count updates. */
@WebSocketGateway({ namespace: '/live', cors: { origin: true } })
export class LiveGateway implements OnGatewayInit<Namespace>, OnGatewayConnection<Socket> {
  private readonly logger = new Logger('LiveGateway');

  constructor(
    private readonly board: LiveBoardService,
    private readonly leaderboard: LeaderboardService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.board.attach(namespace);
  }

  /** A new client gets the current board at once instead of waiting for the next outcome. */
  async handleConnection(client: Socket): Promise<void> {
    try {
      const [board, counts] = await Promise.all([
        this.leaderboard.current({ method: 'bt' }),
        this.board.counts(),
      ]);
      client.emit('leaderboard', board);
      client.emit('trials', counts);
    } catch (error) {
      this.logger.warn(`could not greet a live client: ${String(error)}`);
    }
  }
}
