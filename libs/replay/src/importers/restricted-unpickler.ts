import { numericArray, parseDtype, type NdArray } from './nd-array';

/**
 * Reads the pickles NumPy writes for object arrays — RoboArena's `episode_data.npz` stores its
 * per-step dicts that way — without running any of it: only numbers, strings, bytes, lists,
 * tuples, dicts, NumPy arrays, dtypes and scalars are understood; any other global is refused.
 */
export function unpickle(bytes: Uint8Array): unknown {
  return new Unpickler(bytes).load();
}

interface Global {
  global: string;
}
interface Dtype {
  dtype: string;
  little: boolean;
}
/** What `_reconstruct` returns: an empty array that BUILD fills in place (the memo holds it). */
interface PendingArray {
  kind: 'pending-ndarray';
}

const isGlobal = (v: unknown): v is Global => typeof v === 'object' && v !== null && 'global' in v;
const isDtype = (v: unknown): v is Dtype => typeof v === 'object' && v !== null && 'dtype' in v;

const allowedGlobals = new Set([
  'numpy.core.multiarray._reconstruct',
  'numpy._core.multiarray._reconstruct',
  'numpy.core.multiarray.scalar',
  'numpy._core.multiarray.scalar',
  'numpy.ndarray',
  'numpy.dtype',
  '_codecs.encode',
]);

class Unpickler {
  private pos = 0;
  private readonly view: DataView;
  private stack: unknown[] = [];
  private readonly marks: unknown[][] = [];
  private readonly memo = new Map<number, unknown>();
  private readonly text = new TextDecoder();

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  load(): unknown {
    for (;;) {
      const op = this.u8();
      switch (op) {
        case 0x80: // PROTO
          this.u8();
          break;
        case 0x95: // FRAME
          this.pos += 8;
          break;
        case 0x2e: // STOP
          return this.stack.pop();
        case 0x28: // MARK
          this.marks.push(this.stack);
          this.stack = [];
          break;
        case 0x4e: // NONE
          this.stack.push(null);
          break;
        case 0x88: // NEWTRUE
          this.stack.push(true);
          break;
        case 0x89: // NEWFALSE
          this.stack.push(false);
          break;
        case 0x4a: // BININT
          this.stack.push(this.view.getInt32(this.take(4), true));
          break;
        case 0x4b: // BININT1
          this.stack.push(this.u8());
          break;
        case 0x4d: // BININT2
          this.stack.push(this.view.getUint16(this.take(2), true));
          break;
        case 0x8a: // LONG1
          this.stack.push(this.long(this.u8()));
          break;
        case 0x47: // BINFLOAT (big-endian)
          this.stack.push(this.view.getFloat64(this.take(8), false));
          break;
        case 0x8c: // SHORT_BINUNICODE
          this.stack.push(this.str(this.u8()));
          break;
        case 0x58: // BINUNICODE
          this.stack.push(this.str(this.view.getUint32(this.take(4), true)));
          break;
        case 0x8d: // BINUNICODE8
          this.stack.push(this.str(this.u64()));
          break;
        case 0x43: // SHORT_BINBYTES
        case 0x55: // SHORT_BINSTRING
          this.stack.push(this.raw(this.u8()));
          break;
        case 0x42: // BINBYTES
        case 0x54: // BINSTRING
          this.stack.push(this.raw(this.view.getUint32(this.take(4), true)));
          break;
        case 0x8e: // BINBYTES8
        case 0x96: // BYTEARRAY8
          this.stack.push(this.raw(this.u64()));
          break;
        case 0x29: // EMPTY_TUPLE
          this.stack.push([]);
          break;
        case 0x85: // TUPLE1
          this.stack.push(this.stack.splice(-1));
          break;
        case 0x86: // TUPLE2
          this.stack.push(this.stack.splice(-2));
          break;
        case 0x87: // TUPLE3
          this.stack.push(this.stack.splice(-3));
          break;
        case 0x74: // TUPLE
        case 0x6c: {
          // LIST; popMark swaps the stack, so take the items before pushing
          const items = this.popMark();
          this.stack.push(items);
          break;
        }
        case 0x5d: // EMPTY_LIST
          this.stack.push([]);
          break;
        case 0x61: {
          // APPEND
          const item = this.stack.pop();
          (this.top() as unknown[]).push(item);
          break;
        }
        case 0x65: {
          // APPENDS
          const items = this.popMark();
          (this.top() as unknown[]).push(...items);
          break;
        }
        case 0x7d: // EMPTY_DICT
          this.stack.push(new Map<unknown, unknown>());
          break;
        case 0x64: {
          // DICT
          const items = this.popMark();
          const map = new Map<unknown, unknown>();
          for (let i = 0; i < items.length; i += 2) map.set(items[i], items[i + 1]);
          this.stack.push(map);
          break;
        }
        case 0x73: {
          // SETITEM
          const value = this.stack.pop();
          const key = this.stack.pop();
          (this.top() as Map<unknown, unknown>).set(key, value);
          break;
        }
        case 0x75: {
          // SETITEMS
          const items = this.popMark();
          const map = this.top() as Map<unknown, unknown>;
          for (let i = 0; i < items.length; i += 2) map.set(items[i], items[i + 1]);
          break;
        }
        case 0x94: // MEMOIZE
          this.memo.set(this.memo.size, this.top());
          break;
        case 0x71: // BINPUT
          this.memo.set(this.u8(), this.top());
          break;
        case 0x72: // LONG_BINPUT
          this.memo.set(this.view.getUint32(this.take(4), true), this.top());
          break;
        case 0x68: // BINGET
          this.stack.push(this.recall(this.u8()));
          break;
        case 0x6a: // LONG_BINGET
          this.stack.push(this.recall(this.view.getUint32(this.take(4), true)));
          break;
        case 0x63: {
          // GLOBAL: "module\nname\n"
          const module = this.line();
          this.stack.push(this.global(`${module}.${this.line()}`));
          break;
        }
        case 0x93: {
          // STACK_GLOBAL
          const name = this.stack.pop();
          const module = this.stack.pop();
          this.stack.push(this.global(`${String(module)}.${String(name)}`));
          break;
        }
        case 0x52: {
          // REDUCE
          const args = this.stack.pop() as unknown[];
          const callable = this.stack.pop();
          this.stack.push(this.call(callable, args));
          break;
        }
        case 0x81: {
          // NEWOBJ
          const args = this.stack.pop() as unknown[];
          const cls = this.stack.pop();
          this.stack.push(this.call(cls, args));
          break;
        }
        case 0x62: {
          // BUILD
          const state = this.stack.pop();
          this.stack.push(this.build(this.stack.pop(), state));
          break;
        }
        default:
          throw new Error(`unsupported pickle opcode 0x${op.toString(16)} at byte ${this.pos - 1}`);
      }
    }
  }

  private global(name: string): Global {
    if (!allowedGlobals.has(name))
      throw new Error(`refusing pickle global ${name}: only NumPy arrays, dicts, lists and numbers are read`);
    return { global: name.replace('numpy._core', 'numpy.core') };
  }

  private call(callable: unknown, args: unknown[]): unknown {
    if (!isGlobal(callable)) throw new Error('pickle calls something that is not a known global');
    switch (callable.global) {
      case 'numpy.core.multiarray._reconstruct':
        return { kind: 'pending-ndarray' } satisfies PendingArray;
      case 'numpy.dtype': {
        const { code } = parseDtype(String(args[0]));
        return { dtype: code, little: true } satisfies Dtype;
      }
      case 'numpy.core.multiarray.scalar': {
        const [dtype, data] = args;
        if (!isDtype(dtype) || !(data instanceof Uint8Array)) throw new Error('malformed NumPy scalar');
        return (
          numericArray(data, `${dtype.little ? '<' : '>'}${dtype.dtype}`, [1], false).data as Float64Array
        )[0];
      }
      case '_codecs.encode': {
        // Protocol 2 pickles bytes as a latin-1 string passed through _codecs.encode.
        const text = String(args[0]);
        return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
      }
      default:
        throw new Error(`cannot call ${callable.global}`);
    }
  }

  private build(target: unknown, state: unknown): unknown {
    // Python's BUILD mutates its target, and the memo may already hold it: fill in place.
    if (isDtype(target)) {
      // dtype state: (version, byte order, …)
      target.little = (Array.isArray(state) ? state[1] : undefined) !== '>';
      return target;
    }
    if (
      typeof target === 'object' &&
      target !== null &&
      (target as PendingArray).kind === 'pending-ndarray'
    ) {
      const [, shape, dtype, fortran, data] = state as [number, number[], Dtype, boolean, unknown];
      if (!isDtype(dtype)) throw new Error('malformed NumPy array state');
      let array: NdArray;
      if (dtype.dtype.startsWith('O'))
        array = { kind: 'ndarray', shape, dtype: 'O', data: data as unknown[] };
      else if (!(data instanceof Uint8Array)) throw new Error('NumPy array without its bytes');
      else array = numericArray(data, `${dtype.little ? '<' : '>'}${dtype.dtype}`, shape, fortran);
      return Object.assign(target, array);
    }
    throw new Error(`pickle BUILD at byte ${this.pos - 1} on an object this reader does not know`);
  }

  private popMark(): unknown[] {
    const items = this.stack;
    const previous = this.marks.pop();
    if (!previous) throw new Error('pickle stack without its MARK');
    this.stack = previous;
    return items;
  }

  private top(): unknown {
    if (this.stack.length === 0) throw new Error('pickle stack underflow');
    return this.stack[this.stack.length - 1];
  }

  private recall(key: number): unknown {
    if (!this.memo.has(key)) throw new Error(`pickle memo ${key} missing`);
    return this.memo.get(key);
  }

  private take(n: number): number {
    const at = this.pos;
    if (at + n > this.bytes.length) throw new Error('pickle ends early');
    this.pos += n;
    return at;
  }

  private u8(): number {
    return this.bytes[this.take(1)]!;
  }

  private u64(): number {
    return Number(this.view.getBigUint64(this.take(8), true));
  }

  private long(n: number): number {
    const at = this.take(n);
    let value = 0n;
    for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(this.bytes[at + i]!);
    if (n > 0 && this.bytes[at + n - 1]! & 0x80) value -= 1n << BigInt(8 * n);
    return Number(value);
  }

  private raw(n: number): Uint8Array {
    const at = this.take(n);
    return this.bytes.slice(at, at + n);
  }

  private str(n: number): string {
    const at = this.take(n);
    return this.text.decode(this.bytes.subarray(at, at + n));
  }

  private line(): string {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0) throw new Error('pickle GLOBAL without a newline');
    const out = this.text.decode(this.bytes.subarray(this.pos, end));
    this.pos = end + 1;
    return out;
  }
}

export type { NdArray };
