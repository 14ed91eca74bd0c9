import { unzipSync } from 'fflate';
import type { NdArray } from './nd-array';
import { readNpy } from './npy-file';

/** An `.npz` is a zip of `.npy` files, one per key (stored or deflated). */
export function readNpz(bytes: Uint8Array): Map<string, NdArray> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new Error(`not an .npz file (${error instanceof Error ? error.message : String(error)})`);
  }
  const arrays = new Map<string, NdArray>();
  for (const [name, content] of Object.entries(files)) {
    if (!name.endsWith('.npy')) continue;
    try {
      arrays.set(name.slice(0, -4), readNpy(content));
    } catch (error) {
      throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return arrays;
}
