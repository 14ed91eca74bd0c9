/**
 * What the blind relay adds to each inference round trip. One run measures, interleaved in
 * blocks, the same request sent straight to a reference policy server and sent through the relay
 * (station → API → policy server and back), so machine noise hits both alike; the figures to
 * read are the differences and ratios, not the absolute times.
 *
 *   npm run bench:relay -- [--frames N]
 */
import { encode } from '@msgpack/msgpack';
import WebSocket from 'ws';
import { float32Array } from '../support/reference-policy-server';
import { openRelay, type RelaySession } from '../support/relay-client';
import { buildWorld } from '../integration/support/arena-world';
import { startTestPlatform } from '../integration/support/test-platform';

const frames = Number(process.argv[process.argv.indexOf('--frames') + 1]) || 2000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function openDirect(url: string): Promise<(payload: Uint8Array) => Promise<void>> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  const waiting: (() => void)[] = [];
  let configured!: () => void;
  const config = new Promise<void>((r) => (configured = r));
  let first = true;
  socket.on('message', () => {
    if (first) {
      first = false;
      return configured();
    }
    waiting.shift()?.();
  });
  await config;
  return (payload) =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      socket.send(payload);
    });
}

async function main(): Promise<void> {
  const t = await startTestPlatform();
  try {
    const world = await buildWorld(t);
    const trial = await world.evaluator.startTrial({ instruction: 'benchmark' });
    // Both versions are served by identical reference servers, so label A stands for either.
    const relay: RelaySession = await openRelay(t.baseUrl, trial.relay!.A);
    const direct = await openDirect(world.servers[0]!.url);
    const cases = {
      'joints only (≈ 100 B)': {
        'observation/joint_position': float32Array([0, 0, 0, 0, 0, 0, 0], [7]),
        prompt: 'go',
      },
      'with one 224×224 RGB image (≈ 150 kB)': {
        'observation/joint_position': float32Array([0, 0, 0, 0, 0, 0, 0], [7]),
        'observation/wrist_image_left': {
          __ndarray__: true,
          data: new Uint8Array(224 * 224 * 3),
          dtype: '|u1',
          shape: [224, 224, 3],
        },
        prompt: 'go',
      },
    };
    console.log(`relay latency: ${frames} round trips per path and payload, interleaved in blocks of 50`);
    console.log(
      '| payload | direct p50 | direct p99 | relay p50 | relay p99 | added p50 | added p99 | ratio p50 |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const [name, observation] of Object.entries(cases)) {
      const payload = encode({ endpoint: 'infer', ...observation });
      const viaDirect: number[] = [];
      const viaRelay: number[] = [];
      for (let i = 0; i < 100; i++) {
        await direct(payload);
        await relay.infer(observation);
      }
      for (let block = 0; block < frames / 50; block++) {
        for (let i = 0; i < 50; i++) {
          const s = performance.now();
          await direct(payload);
          viaDirect.push(performance.now() - s);
        }
        for (let i = 0; i < 50; i++) {
          const s = performance.now();
          await relay.infer(observation);
          viaRelay.push(performance.now() - s);
        }
      }
      viaDirect.sort((a, b) => a - b);
      viaRelay.sort((a, b) => a - b);
      const [d50, d99, r50, r99] = [
        percentile(viaDirect, 50),
        percentile(viaDirect, 99),
        percentile(viaRelay, 50),
        percentile(viaRelay, 99),
      ];
      console.log(
        `| ${name} | ${d50.toFixed(3)} ms | ${d99.toFixed(3)} ms | ${r50.toFixed(3)} ms | ${r99.toFixed(3)} ms | ` +
          `${(r50 - d50).toFixed(3)} ms | ${(r99 - d99).toFixed(3)} ms | ${(r50 / d50).toFixed(2)}× |`,
      );
    }
    await relay.close();
  } finally {
    await t.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
