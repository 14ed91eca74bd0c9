/**
 * Side-by-side playback benchmark (`npm run bench:playback [-- --seconds 8 --speed 4]`): two
 * 9,000-frame rollouts (10 min at 15 Hz) played on one timeline in headless Chromium (WebGL on
 * SwiftShader, i.e. the CPU; a real GPU is much faster). Reports the time per draw of both panes
 * (renderer work), the interval between animation frames while playing, and draws per second.
 * At 4× the two 15 Hz lanes bring 60 new frames a second, so nearly every animation frame draws.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReplayBundleService } from '../../apps/api/src/artifacts/replay-bundle.service';
import { launchChromium } from '../browser/support/chromium';
import type { PageWindow } from '../browser/support/page-types';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at < 0 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: expected a positive number`);
  return value;
}

const seconds = argument('seconds', 8);
const speed = argument('speed', 4);
const width = argument('width', 1280);
const height = argument('height', 720);

const harness = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<style>html,body{margin:0;height:100%}#replay{height:100%;display:flex;flex-direction:column}</style></head>
<body><main id="replay"></main><script type="module">
  import { ReplayViewer, prepareRollout, sampleRollout } from '/viewer.js';
  const started = performance.now();
  const lanes = [
    { label: 'A', rollout: prepareRollout(sampleRollout({ frames: 9000, rateHz: 15 })) },
    { label: 'B', rollout: prepareRollout(sampleRollout({ frames: 9000, rateHz: 15, phase: 1.3 })) },
  ];
  const viewer = new ReplayViewer(document.getElementById('replay'), { lanes, keyboard: false });
  window.__arenaReplay = { viewer, setupMs: performance.now() - started };
  document.body.dataset.replay = 'ready';
</script></body></html>`;

interface Stats {
  mean: number;
  p50: number;
  p95: number;
  max: number;
}

const stats = (xs: number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return {
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    p50: at(0.5),
    p95: at(0.95),
    max: s[s.length - 1]!,
  };
};
const fmt = (s: Stats) =>
  `mean ${s.mean.toFixed(1)} · p50 ${s.p50.toFixed(1)} · p95 ${s.p95.toFixed(1)} · max ${s.max.toFixed(1)} ms`;

async function main(): Promise<void> {
  const bundle = await new ReplayBundleService().get();
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/viewer.js')) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.script);
    } else response.writeHead(200, { 'content-type': 'text/html' }).end(harness);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(
      () => (globalThis as unknown as PageWindow).document.body.dataset['replay'] === 'ready',
    );
    const result = await page.evaluate(
      async ({ seconds, speed }) => {
        const page = globalThis as unknown as PageWindow & { __arenaReplay: { setupMs: number } };
        const v = page.__arenaReplay!.viewer;
        v.drawTimes.length = 0;
        const intervals: number[] = [];
        let last: number | undefined;
        let running = true;
        const tick = (now: number) => {
          if (last !== undefined) intervals.push(now - last);
          last = now;
          if (running) page.requestAnimationFrame(tick);
        };
        page.requestAnimationFrame(tick);
        const before = v.renderCount;
        v.dispatch({ type: 'speed', speed });
        v.dispatch({ type: 'seek', time: 60 });
        v.dispatch({ type: 'play' });
        await new Promise((r) => setTimeout(r, seconds * 1000));
        v.dispatch({ type: 'pause' });
        running = false;
        return {
          draws: v.renderCount - before,
          drawTimes: [...v.drawTimes],
          intervals,
          played: v.state.time - 60,
          setupMs: page.__arenaReplay.setupMs,
        };
      },
      { seconds, speed },
    );
    const version = browser.version();
    process.stdout.write(
      `side-by-side playback: 2 × 9000 frames, ${speed}× for ${seconds} s, ${width}×${height}, headless Chromium ${version} (SwiftShader)\n\n` +
        `setup (prepare 2 rollouts, build scenes)  ${result.setupMs.toFixed(0)} ms\n` +
        `draw (both panes, renderer.render)         ${fmt(stats(result.drawTimes))}\n` +
        `animation-frame interval while playing     ${fmt(stats(result.intervals))}\n` +
        `draws per second                           ${(result.draws / seconds).toFixed(1)} (of ${(result.intervals.length / seconds).toFixed(1)} animation frames; ${(result.played / seconds).toFixed(2)} s of rollout per second)\n`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
