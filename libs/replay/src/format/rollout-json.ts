import { canonicalHead, frameJson, stringifyExact } from './canonical-rollout';
import { RolloutFormatError } from './rollout-problems';
import type { Rollout } from './rollout.types';
import { validateRollout, type ValidateOptions } from './validate-rollout';

export const ROLLOUT_JSON_CONTENT_TYPE = 'application/json';

/** Throws a RolloutFormatError listing every problem, or returns the value as a Rollout. */
export function assertRollout(value: unknown, options?: ValidateOptions): Rollout {
  const checked = validateRollout(value, options);
  if (!checked.ok) throw new RolloutFormatError(checked.problems);
  return checked.rollout;
}

/**
 * The JSON encoding: the head first, then one frame per line, so a 9,000-frame file still reads
 * (and diffs) line by line. Every finite double, −0 included, comes back bit for bit.
 */
export function encodeRolloutJson(rollout: Rollout): string {
  assertRollout(rollout);
  const head = stringifyExact(canonicalHead(rollout));
  const frames = rollout.frames.map(frameJson).join(',\n');
  return `${head.slice(0, -1)},"frames":[\n${frames}\n]}\n`;
}

export function decodeRolloutJson(input: string | Uint8Array, options?: ValidateOptions): Rollout {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RolloutFormatError([
      {
        field: '(json)',
        problem: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
  return assertRollout(value, options);
}
