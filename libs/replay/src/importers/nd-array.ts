/** A NumPy array as the importers need it: its shape and its values as doubles, C order. */
export interface NdArray {
  kind: 'ndarray';
  shape: number[];
  /** NumPy's dtype string without byte order, e.g. f8, i4, b1, O. */
  dtype: string;
  /** Numeric arrays: the values; object arrays: the Python objects (dicts, lists, arrays, …). */
  data: Float64Array | unknown[];
}

export const isNdArray = (value: unknown): value is NdArray =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'ndarray';

const readers: Record<string, [number, (view: DataView, offset: number, little: boolean) => number]> = {
  f2: [2, (v, o, le) => float16(v.getUint16(o, le))],
  f4: [4, (v, o, le) => v.getFloat32(o, le)],
  f8: [8, (v, o, le) => v.getFloat64(o, le)],
  i1: [1, (v, o) => v.getInt8(o)],
  i2: [2, (v, o, le) => v.getInt16(o, le)],
  i4: [4, (v, o, le) => v.getInt32(o, le)],
  i8: [8, (v, o, le) => Number(v.getBigInt64(o, le))],
  u1: [1, (v, o) => v.getUint8(o)],
  u2: [2, (v, o, le) => v.getUint16(o, le)],
  u4: [4, (v, o, le) => v.getUint32(o, le)],
  u8: [8, (v, o, le) => Number(v.getBigUint64(o, le))],
  b1: [1, (v, o) => v.getUint8(o)],
};

function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Splits a NumPy dtype string (`<f8`, `|b1`, `>i4`) into its byte order and type code. */
export function parseDtype(descr: string): { little: boolean; code: string } {
  const match = /^([<>|=]?)([a-zA-Z]\d*)$/.exec(descr);
  if (!match) throw new Error(`unsupported dtype ${JSON.stringify(descr)}`);
  const code = match[2] === '?' ? 'b1' : match[2]!;
  return { little: match[1] !== '>', code };
}

/** Reads raw array bytes into doubles, transposing Fortran-ordered arrays into C order. */
export function numericArray(
  bytes: Uint8Array,
  descr: string,
  shape: number[],
  fortranOrder: boolean,
): NdArray {
  const { little, code } = parseDtype(descr);
  const reader = readers[code];
  if (!reader) throw new Error(`unsupported dtype ${descr} (numbers and booleans only)`);
  const [size, read] = reader;
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.length < count * size)
    throw new Error(`expected ${count * size} bytes of data, found ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = read(view, i * size, little);
  return {
    kind: 'ndarray',
    shape,
    dtype: code,
    data: fortranOrder && shape.length > 1 ? toCOrder(data, shape) : data,
  };
}

function toCOrder(data: Float64Array, shape: number[]): Float64Array {
  const out = new Float64Array(data.length);
  const n = shape.length;
  const fStrides = new Array<number>(n);
  let stride = 1;
  for (let d = 0; d < n; d++) {
    fStrides[d] = stride;
    stride *= shape[d]!;
  }
  const index = new Array<number>(n).fill(0);
  for (let i = 0; i < out.length; i++) {
    let source = 0;
    for (let d = 0; d < n; d++) source += index[d]! * fStrides[d]!;
    out[i] = data[source]!;
    for (let d = n - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}
