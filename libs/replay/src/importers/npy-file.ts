import { numericArray, type NdArray } from './nd-array';
import { unpickle } from './restricted-unpickler';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** The header is a Python dict literal: {'descr': '<f8', 'fortran_order': False, 'shape': (9000, 7), } */
function parseHeader(header: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shape === undefined)
    throw new Error(`unreadable .npy header ${JSON.stringify(header.trim())}`);
  return {
    descr,
    fortranOrder: fortran === 'True',
    shape: shape
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number),
  };
}

/** Reads one `.npy` file (format versions 1–3): numeric arrays, and object arrays through the restricted unpickler. */
export function readNpy(bytes: Uint8Array): NdArray {
  if (bytes.length < 10 || !MAGIC.every((b, i) => bytes[i] === b))
    throw new Error('not a .npy file (no \\x93NUMPY prefix)');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, headerStart + headerLength),
  );
  const { descr, fortranOrder, shape } = parseHeader(header);
  const data = bytes.subarray(headerStart + headerLength);
  if (descr.endsWith('O')) {
    const value = unpickle(data);
    if (typeof value !== 'object' || value === null || (value as NdArray).kind !== 'ndarray')
      throw new Error('the pickled object is not a NumPy array');
    return value as NdArray;
  }
  return numericArray(data, descr, shape, fortranOrder);
}
