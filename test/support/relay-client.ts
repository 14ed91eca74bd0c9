import { decode, encode } from '@msgpack/msgpack';
import WebSocket from 'ws';

/** Everything a station received on one relay connection, for the blinding checks. */
export interface RelaySession {
  /** The configuration frame the relay sent first. */
  config: Record<string, unknown>;
  frames: unknown[];
  infer(observation: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** A station's side of the blind relay: connect to a trial-scoped path, then request action chunks. */
export function openRelay(baseUrl: string, path: string): Promise<RelaySession> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, { perMessageDeflate: false });
  const frames: unknown[] = [];
  const waiting: ((frame: unknown) => void)[] = [];
  socket.on('message', (data, isBinary) => {
    const frame = isBinary ? decode(data as Buffer) : data.toString();
    frames.push(frame);
    waiting.shift()?.(frame);
  });
  const next = () => new Promise<unknown>((resolve) => waiting.push(resolve));
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`relay refused: ${response.statusCode}`)),
    );
    socket.once('error', reject);
    socket.once('open', async () => {
      const config = (await next()) as Record<string, unknown>;
      resolve({
        config,
        frames,
        infer: async (observation) => {
          const reply = next();
          socket.send(encode({ endpoint: 'infer', ...observation }));
          const frame = await reply;
          if (typeof frame === 'string') throw new Error(`policy error: ${frame}`);
          return frame as Record<string, unknown>;
        },
        close: () =>
          new Promise<void>((done) => {
            if (socket.readyState === WebSocket.CLOSED) return done();
            socket.once('close', () => done());
            socket.close();
          }),
      });
    });
  });
}
