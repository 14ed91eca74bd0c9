/**
 * Rollout decode benchmark (`npm run bench:rollout`): how long it takes, and how much memory,
 * to turn the bytes of a 10-minute rollout at 15 Hz (9,000 frames, 7 joints, gripper, ee pose,
 * 8-d action) into what the viewer plays — decode + validate, then prepare (typed columns) —
 * in the JSON and the binary encoding. Prints a table; writes no files.
 * Run with --expose-gc (the npm script does) for the memory columns.
 */
import {
  decodeRollout,
  encodeRolloutBinary,
  encodeRolloutJson,
  prepareRollout,
  type PreparedRollout,
  type Rollout,
} from '@policy-arena/replay';
import { sampleRollout } from '../../libs/replay/src/testing/sample-rollout';

const FRAMES = 9000;
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const gc = (globalThis as { gc?: () => void }).gc;
const COPIES = 8;

const rollout = sampleRollout({ frames: FRAMES, rateHz: 15 });
const encodings: Record<string, Uint8Array> = {
  json: new TextEncoder().encode(encodeRolloutJson(rollout)),
  binary: encodeRolloutBinary(rollout),
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Heap plus array buffers after a full GC; the pause lets V8 release freed backing stores. */
const heap = async () => {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};
const MiB = (n: number) => (n / 1024 / 1024).toFixed(1);

interface Row {
  encoding: string;
  size: string;
  decode: string;
  prepare: string;
  total: string;
  retainedDecoded: string;
  retainedPrepared: string;
}

/**
 * Memory held by the results — the decoded Rollout (per-frame objects), then the prepared columns
 * alone — averaged over several copies kept alive at once, which evens out the GC. A function of
 * its own: a suspended async frame would otherwise keep the previous encoding's copies alive.
 */
async function retained(bytes: Uint8Array): Promise<{ decoded: number; prepared: number }> {
  const base = await heap();
  let decoded: Rollout[] = Array.from({ length: COPIES }, () => decodeRollout(bytes));
  const withDecoded = await heap();
  const prepared: PreparedRollout[] = decoded.map(prepareRollout);
  decoded = []; // only the prepared columns stay reachable
  const withPrepared = await heap();
  if (prepared.length !== COPIES || decoded.length > 0) throw new Error('unreachable');
  return { decoded: (withDecoded - base) / COPIES, prepared: (withPrepared - base) / COPIES };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const [name, bytes] of Object.entries(encodings)) {
    // Warm up the JIT on this path first.
    for (let i = 0; i < 3; i++) prepareRollout(decodeRollout(bytes));
    const decodeMs: number[] = [];
    const prepareMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const decoded = decodeRollout(bytes);
      const t1 = performance.now();
      prepareRollout(decoded);
      const t2 = performance.now();
      decodeMs.push(t1 - t0);
      prepareMs.push(t2 - t1);
    }
    const memory = await retained(bytes);
    const total = decodeMs.map((d, i) => d + prepareMs[i]!);
    rows.push({
      encoding: name,
      size: `${MiB(bytes.length)} MiB`,
      decode: `${median(decodeMs).toFixed(1)} ms`,
      prepare: `${median(prepareMs).toFixed(1)} ms`,
      total: `${median(total).toFixed(1)} ms`,
      retainedDecoded: gc ? `${MiB(memory.decoded)} MiB` : 'n/a (no --expose-gc)',
      retainedPrepared: gc ? `${MiB(memory.prepared)} MiB` : 'n/a (no --expose-gc)',
    });
  }

  process.stdout.write(
    `rollout decode + prepare: ${FRAMES} frames (10 min at 15 Hz), median of ${RUNS} runs, Node ${process.version}\n\n`,
  );
  const header = [
    'encoding',
    'size',
    'decode+validate',
    'prepare',
    'total',
    'heap: decoded',
    'heap: prepared',
  ];
  const table = [
    header,
    ...rows.map((r) => [
      r.encoding,
      r.size,
      r.decode,
      r.prepare,
      r.total,
      r.retainedDecoded,
      r.retainedPrepared,
    ]),
  ];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table)
    process.stdout.write(`${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
