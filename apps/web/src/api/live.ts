import type { Leaderboard } from '@policy-arena/sdk';
import { io, type Socket } from 'socket.io-client';
import type { TrialCounts } from './browse-types';

export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface LiveHandlers {
  /** The official board (Bradley–Terry, all categories), pushed after each outcome. */
  leaderboard(board: Leaderboard): void;
  trials(counts: TrialCounts): void;
  status(status: LiveStatus): void;
}

/**
 * Subscribes to the public `/live` namespace. socket.io reconnects by itself; on every
 * (re)connection the server greets the client with the current board, so nothing is missed.
 */
export function subscribeLive(handlers: LiveHandlers): () => void {
  const socket: Socket = io(`${location.origin}/live`, { transports: ['websocket'] });
  handlers.status('connecting');
  socket.on('connect', () => handlers.status('live'));
  socket.on('disconnect', () => handlers.status('offline'));
  socket.on('connect_error', () => handlers.status('offline'));
  socket.on('leaderboard', (board: Leaderboard) => handlers.leaderboard(board));
  socket.on('trials', (counts: TrialCounts) => handlers.trials(counts));
  return () => {
    socket.removeAllListeners();
    socket.close();
  };
}
