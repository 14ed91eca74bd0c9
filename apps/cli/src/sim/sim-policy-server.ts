import type { AddressInfo } from 'node:net';
import { decode, encode } from '@msgpack/msgpack';
import { float32Array, isNdArray, readFloat32 } from '@policy-arena/sdk';
import { seedFrom, SimPolicyEpisode, type SimPolicy } from '@policy-arena/sim';
import { WebSocketServer } from 'ws';

export interface SimPolicyServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A simulated policy behind a real openpi WebSocket server: the platform reaches it through the
 * blind relay exactly as it reaches a real one. Each connection is one episode.
 */
export async function startSimPolicyServer(policy: SimPolicy, port = 0): Promise<SimPolicyServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  let connections = 0;
  server.on('connection', (socket) => {
    const episode = new SimPolicyEpisode(policy, seedFrom(`${policy.name}:${connections++}:${Date.now()}`));
    socket.send(
      encode({
        image_resolution: [224, 224],
        needs_wrist_camera: true,
        n_external_cameras: 1,
        needs_stereo_camera: false,
        needs_session_id: false,
        action_space: 'joint_position',
      }),
    );
    socket.on('message', (data) => {
      try {
        const request = decode(data as Buffer) as Record<string, unknown>;
        if (request['endpoint'] === 'reset') return socket.send(encode({}));
        const q = request['observation/joint_position'];
        const object = request['observation/object_position'];
        if (!isNdArray(q) || !isNdArray(object)) throw new Error('missing joint_position or object_position');
        const chunk = episode.act({
          q: readFloat32(q),
          objectPosition: readFloat32(object) as [number, number, number],
          prompt: String(request['prompt'] ?? ''),
        });
        socket.send(encode({ actions: float32Array(chunk.flat(), [chunk.length, 8]) }));
      } catch (error) {
        socket.send(`sim policy: ${error instanceof Error ? error.message : String(error)}`);
        socket.close(1011);
      }
    });
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
