import { zipSync } from 'fflate';

export interface NpyColumn {
  shape: number[];
  values: ArrayLike<number>;
  dtype?: '<f8' | '<f4' | '>f8' | '<i4';
  fortranOrder?: boolean;
}

/** Writes a `.npy` (format 1.0) the way numpy.save does, for numeric arrays. */
export function writeNpy(column: NpyColumn): Uint8Array {
  const dtype = column.dtype ?? '<f8';
  const shape = column.shape.length === 1 ? `(${column.shape[0]},)` : `(${column.shape.join(', ')})`;
  let header = `{'descr': '${dtype}', 'fortran_order': ${column.fortranOrder ? 'True' : 'False'}, 'shape': ${shape}, }`;
  // The header (after the 10-byte prefix) ends in a newline and pads the data to 64 bytes.
  const padded = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(padded - 10 - 1, ' ') + '\n';
  const size = dtype.endsWith('8') ? 8 : 4;
  const data = new Uint8Array(column.values.length * size);
  const view = new DataView(data.buffer);
  const little = dtype.startsWith('<');
  const [rows = 0, cols = 1] = column.shape;
  for (let k = 0; k < column.values.length; k++) {
    // Fortran order stores column after column.
    const i = column.fortranOrder ? (k % rows) * cols + Math.floor(k / rows) : k;
    const v = column.values[i]!;
    if (dtype.endsWith('f8')) view.setFloat64(k * size, v, little);
    else if (dtype.endsWith('f4')) view.setFloat32(k * size, v, little);
    else view.setInt32(k * size, v, little);
  }
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(data, 10 + header.length);
  return out;
}

/** Writes an `.npz` of numeric arrays, deflated like numpy.savez_compressed. */
export function writeNpz(columns: Record<string, NpyColumn>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(columns).map(([k, c]) => [`${k}.npy`, writeNpy(c)])));
}
