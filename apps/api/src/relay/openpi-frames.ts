import { decode, encode } from '@msgpack/msgpack';
import type { PolicyVersionRequirements } from '@policy-arena/domain';

/**
 * The openpi WebSocket policy-server protocol (RoboArena's policy servers speak it): msgpack
 * frames; on connect the server sends its configuration, then answers each observation with an
 * action chunk. See ANCHORS.md in the design notes.
 */
export interface OpenPiServerConfig {
  image_resolution: [number, number];
  needs_wrist_camera: boolean;
  n_external_cameras: number;
  needs_stereo_camera: boolean;
  needs_session_id: boolean;
  action_space: string;
}

const actionSpaceNames: Record<PolicyVersionRequirements['actionSpace'], string> = {
  joint_position: 'joint_position',
  joint_velocity: 'joint_velocity',
  cartesian_position: 'cartesian_position',
  cartesian_velocity: 'cartesian_velocity',
};

/**
 * What the station is told about *both* policies of a trial: the same frame for A and B, built
 * from the pair's registered needs (cameras united), never the servers' own configuration frames —
 * a policy's particular camera needs or resolution could tell the evaluator which one it is.
 */
export function stationFacingConfig(
  a: PolicyVersionRequirements,
  b: PolicyVersionRequirements,
): OpenPiServerConfig {
  const cameras = new Set([...a.cameras, ...b.cameras]);
  return {
    image_resolution: [224, 224],
    needs_wrist_camera: cameras.has('wrist'),
    n_external_cameras: Number(cameras.has('exterior_1')) + Number(cameras.has('exterior_2')),
    needs_stereo_camera: false,
    needs_session_id: true,
    action_space: actionSpaceNames[a.actionSpace],
  };
}

export function encodeFrame(value: unknown): Uint8Array {
  return encode(value);
}

export function decodeFrame(data: Uint8Array): unknown {
  return decode(data);
}

/**
 * A policy's reply as the station may see it: only the action chunk. Anything else a server
 * puts in its frames (its name, timings, debug fields) could tell the evaluator who it is.
 * Returns undefined for a frame that is not a msgpack map.
 */
export function blindReply(data: Uint8Array): Uint8Array | undefined {
  let decoded: unknown;
  try {
    decoded = decode(data);
  } catch {
    return undefined;
  }
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) return undefined;
  const { actions } = decoded as { actions?: unknown };
  return encode(actions === undefined ? {} : { actions });
}
