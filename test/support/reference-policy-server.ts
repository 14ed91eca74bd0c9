import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decode, encode } from '@msgpack/msgpack';
import { WebSocketServer } from 'ws';

/** numpy arrays in openpi frames: `{__ndarray__: true, data, dtype, shape}`. */
export interface NdArray {
  __ndarray__: true;
  data: Uint8Array;
  dtype: string;
  shape: number[];
}

export function float32Array(values: number[], shape: number[]): NdArray {
  return { __ndarray__: true, data: new Uint8Array(new Float32Array(values).buffer), dtype: '<f4', shape };
}

export function readFloat32(array: NdArray): number[] {
  // Copy first: decoded bytes may be a view at an offset that is not a multiple of 4.
  const bytes = new Uint8Array(array.data);
  return Array.from(new Float32Array(bytes.buffer, 0, bytes.byteLength / 4));
}

export interface ReferencePolicyServerOptions {
  /** Written into its configuration and replies: the relay must keep it from the station. */
  name: string;
  delayMs?: number;
  chunk?: number;
}

export interface ReferencePolicyServer {
  url: string;
  /** What the server saw of each connection: the blind relay must pass on nothing of the site. */
  connections: { remoteAddress: string | undefined; headers: IncomingHttpHeaders }[];
  requests: number;
  close(): Promise<void>;
}

/**
 * A policy server speaking the openpi WebSocket protocol, for tests and benchmarks: sends its
 * configuration on connect, and answers each `infer` with an action chunk that echoes the
 * observation's joint positions (so a test can tell the frame made the round trip), after an
 * optional delay. A request it cannot read gets the protocol's error: a text frame, close 1011.
 */
export async function startReferencePolicyServer(
  options: ReferencePolicyServerOptions,
): Promise<ReferencePolicyServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const state: ReferencePolicyServer = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: [],
    requests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
  const chunk = options.chunk ?? 8;
  server.on('connection', (socket, request) => {
    state.connections.push({ remoteAddress: request.socket.remoteAddress, headers: request.headers });
    socket.send(
      encode({
        policy_name: options.name,
        image_resolution: [224, 224],
        needs_wrist_camera: true,
        n_external_cameras: 1,
        needs_stereo_camera: false,
        needs_session_id: false,
        action_space: 'joint_position',
      }),
    );
    socket.on('message', (data, isBinary) => {
      state.requests++;
      let request: { endpoint?: string; 'observation/joint_position'?: NdArray };
      try {
        if (!isBinary) throw new Error('text frame');
        request = decode(data as Buffer) as typeof request;
      } catch {
        socket.send(`${options.name}: could not decode the request`);
        socket.close(1011);
        return;
      }
      const reply = () => {
        if (request.endpoint === 'reset')
          return socket.send(encode({ reset: true, policy_name: options.name }));
        const joints = request['observation/joint_position']
          ? readFloat32(request['observation/joint_position'])
          : [];
        const row = [...joints.slice(0, 7), 0]
          .concat(new Array(Math.max(0, 8 - joints.length - 1)).fill(0))
          .slice(0, 8);
        socket.send(
          encode({
            actions: float32Array(new Array(chunk).fill(row).flat(), [chunk, 8]),
            policy_name: options.name,
          }),
        );
      };
      if (options.delayMs) setTimeout(reply, options.delayMs);
      else reply();
    });
  });
  return state;
}
