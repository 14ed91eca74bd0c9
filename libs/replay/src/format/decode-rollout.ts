import { decodeRolloutBinary, isBinaryRollout } from './rollout-binary';
import { decodeRolloutJson } from './rollout-json';
import type { Rollout } from './rollout.types';
import type { ValidateOptions } from './validate-rollout';

/** Reads either encoding: the binary one is recognised by its "ARRO" prefix, anything else is JSON. */
export function decodeRollout(bytes: Uint8Array, options?: ValidateOptions): Rollout {
  return isBinaryRollout(bytes) ? decodeRolloutBinary(bytes, options) : decodeRolloutJson(bytes, options);
}
