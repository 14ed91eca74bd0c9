import { decode, encode } from '@msgpack/msgpack';
import WebSocket from 'ws';

/** numpy arrays in openpi frames: `{__ndarray__: true, data, dtype, shape}` (msgpack-numpy). */
export interface NdArray {
  __ndarray__: true;
  data: Uint8Array;
  dtype: string;
  shape: number[];
}

export function float32Array(values: readonly number[], shape: number[]): NdArray {
  return { __ndarray__: true, data: new Uint8Array(new Float32Array(values).buffer), dtype: '<f4', shape };
}

export function readFloat32(array: NdArray): number[] {
  // Copy first: decoded bytes may be a view at an offset that is not a multiple of 4.
  const bytes = new Uint8Array(array.data);
  return Array.from(new Float32Array(bytes.buffer, 0, bytes.byteLength / 4));
}

export function isNdArray(value: unknown): value is NdArray {
  return (
    typeof value === 'object' && value !== null && (value as { __ndarray__?: unknown }).__ndarray__ === true
  );
}

/**
 * A station's connection to one policy of a trial through the blind relay, speaking the openpi
 * WebSocket protocol: the first frame is the configuration, then each `infer` gets an action chunk.
 */
export class PolicyRelay {
  /** Every frame received, decoded (for audits such as the blinding test). */
  readonly frames: unknown[] = [];
  private readonly waiting: ((frame: unknown) => void)[] = [];

  private constructor(
    private readonly socket: WebSocket,
    readonly config: Record<string, unknown>,
  ) {}

  static open(baseUrl: string, relayPath: string): Promise<PolicyRelay> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}${relayPath}`, {
      perMessageDeflate: false,
    });
    return new Promise((resolve, reject) => {
      let relay: PolicyRelay | undefined;
      socket.on('message', (data, isBinary) => {
        const frame = isBinary ? decode(data as Buffer) : data.toString();
        if (!relay) {
          // The relay's first frame is always the configuration.
          relay = new PolicyRelay(socket, frame as Record<string, unknown>);
          relay.frames.push(frame);
          return resolve(relay);
        }
        relay.frames.push(frame);
        relay.waiting.shift()?.(frame);
      });
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`relay refused: ${response.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  /** Sends one observation; resolves with the reply, rejects with the relay's error text. */
  async infer(observation: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reply = new Promise<unknown>((resolve) => this.waiting.push(resolve));
    this.socket.send(encode({ endpoint: 'infer', ...observation }));
    const frame = await reply;
    if (typeof frame === 'string') throw new Error(`policy error: ${frame}`);
    return frame as Record<string, unknown>;
  }

  close(): Promise<void> {
    return new Promise((done) => {
      if (this.socket.readyState === WebSocket.CLOSED) return done();
      this.socket.once('close', () => done());
      this.socket.close();
    });
  }
}
