import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeRolloutBinary, encodeRolloutJson, prepareRollout, sampleIndexAt } from '@policy-arena/replay';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRollout } from '../../libs/replay/src/testing/sample-rollout';
import { buildWorld, type ArenaWorld } from '../integration/support/arena-world';
import { startTestPlatform, type TestPlatform } from '../integration/support/test-platform';
import { launchChromium } from './support/chromium';
import { completedTrialWithRollouts } from './support/completed-trial';
import type { PageObject3D, PageQuaternion, PageWindow } from './support/page-types';

const artifactsDir = join(__dirname, '..', '..', 'test-artifacts');

// A: 20 s at 15 Hz from t = 0, binary; B: 16 s at 10 Hz from t = 3.5, JSON, another motion.
const rolloutA = sampleRollout({ frames: 301, rateHz: 15 });
const rolloutB = (() => {
  const r = sampleRollout({ frames: 161, rateHz: 10, phase: 1.3, chunkSize: 5 });
  for (const f of r.frames) f.t += 3.5;
  for (const m of r.markers!) m.t += 3.5;
  for (const o of r.objects!) for (const p of o.poses) p.t += 3.5;
  return r;
})();
const preparedA = prepareRollout(rolloutA);
const preparedB = prepareRollout(rolloutB);

interface SceneJoint {
  name: string;
  angle: number;
  /** The angle recovered from the joint's quaternion: q = origQuaternion · rotation(axis, angle). */
  fromQuaternion: number;
}

/** Reads the arm's joints out of each pane's three.js scene graph. */
function readJoints(page: Page): Promise<SceneJoint[][]> {
  return page.evaluate(() => {
    const viewer = (globalThis as unknown as PageWindow).__arenaReplay!.viewer;
    return viewer.panes.map((pane) => {
      const joints: SceneJoint[] = [];
      pane.scene.traverse((node) => {
        const joint = node as PageObject3D & {
          isURDFJoint?: boolean;
          jointType?: string;
          angle: number;
          axis: { x: number; y: number; z: number };
          origQuaternion: PageQuaternion | null;
        };
        if (!joint.isURDFJoint || joint.jointType !== 'revolute' || !joint.origQuaternion) return;
        // conj(orig) · q, then the rotation angle about the joint's axis.
        const o = joint.origQuaternion;
        const q = joint.quaternion;
        const w = o.w * q.w + o.x * q.x + o.y * q.y + o.z * q.z;
        const x = o.w * q.x - o.x * q.w - o.y * q.z + o.z * q.y;
        const y = o.w * q.y + o.x * q.z - o.y * q.w - o.z * q.x;
        const z = o.w * q.z - o.x * q.y + o.y * q.x - o.z * q.w;
        const along = x * joint.axis.x + y * joint.axis.y + z * joint.axis.z;
        joints.push({ name: joint.name, angle: joint.angle, fromQuaternion: 2 * Math.atan2(along, w) });
      });
      return joints;
    });
  });
}

const recorded = (prepared: typeof preparedA, time: number) => {
  const i = sampleIndexAt(prepared.t, prepared.start + time);
  return { index: i, q: Array.from(prepared.q.subarray(i * prepared.dof, (i + 1) * prepared.dof)) };
};

const wrap = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));

describe('replay viewer in Chromium: two rollouts side by side', () => {
  let t: TestPlatform;
  let browser: Browser;
  let page: Page;
  let trialId: string;
  let world: ArenaWorld;

  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t);
    const trial = await completedTrialWithRollouts(world.evaluator, {
      A: { bytes: encodeRolloutBinary(rolloutA), contentType: 'application/x-arena-rollout' },
      B: { bytes: new TextEncoder().encode(encodeRolloutJson(rolloutB)), contentType: 'application/json' },
    });
    trialId = trial.id;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('requestfailed', (request) => errors.push(`${request.url()}: ${request.failure()?.errorText}`));
    await page.goto(`${t.baseUrl}/replay/${trialId}?t=2.5&speed=2`);
    await page
      .waitForFunction(
        () => (globalThis as unknown as PageWindow).document.body.dataset['replay'] !== 'loading',
        undefined,
        { timeout: 90_000 },
      )
      .catch((error: Error) => {
        throw new Error(`${error.message}; page errors: ${errors.join(' | ') || 'none'}`);
      });
    expect(errors).toEqual([]);
    expect(
      await page.evaluate(() => (globalThis as unknown as PageWindow).document.body.dataset['replay']),
    ).toBe('ready');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('loads both rollouts and restores the moment and speed from the URL', async () => {
    const loaded = await page.evaluate(() => {
      const v = (globalThis as unknown as PageWindow).__arenaReplay!.viewer;
      return {
        lanes: v.panes.map((p) => [p.label, p.rollout.frameCount]),
        state: v.state,
        duration: v.timeline.duration,
        chunks: v.timeline.chunkMarks.map((c) => c.length),
      };
    });
    expect(loaded.lanes).toEqual([
      ['A', 301],
      ['B', 161],
    ]);
    expect(loaded.state).toEqual({ time: 2.5, playing: false, speed: 2, loop: false });
    expect(loaded.duration).toBeCloseTo(20, 9);
    expect(loaded.chunks).toEqual([rolloutA.chunkStarts!.length, rolloutB.chunkStarts!.length]);
  });

  it("seeking to a time sets each arm's joints to the values recorded at that time", async () => {
    for (const time of [0, 4.2, 7 + 1 / 15, 16]) {
      await page.evaluate((seconds) => {
        const v = (globalThis as unknown as PageWindow).__arenaReplay!.viewer;
        v.dispatch({ type: 'seek', time: seconds });
        v.renderNow();
      }, time);
      const [a, b] = await readJoints(page);
      const expectA = recorded(preparedA, time);
      const expectB = recorded(preparedB, time);
      expect(a!.map((j) => j.name)).toEqual(rolloutA.robot.joints.map((j) => j.name));
      expect(a!.map((j) => j.angle)).toEqual(expectA.q);
      expect(b!.map((j) => j.angle)).toEqual(expectB.q);
      a!.forEach((j, k) => expect(wrap(j.fromQuaternion - expectA.q[k]!)).toBeCloseTo(0, 5));
      b!.forEach((j, k) => expect(wrap(j.fromQuaternion - expectB.q[k]!)).toBeCloseTo(0, 5));
    }
    // The hand is where the logged end-effector pose says: the URDF and the recorded ee agree.
    const tcp = await page.evaluate(() => {
      const v = (globalThis as unknown as PageWindow).__arenaReplay!.viewer;
      let position: number[] = [];
      v.panes[0]!.scene.traverse((node) => {
        if (node.name === 'panda_tcp')
          position = (node as unknown as { matrixWorld: { elements: number[] } }).matrixWorld.elements.slice(
            12,
            15,
          );
      });
      return position;
    });
    const at = recorded(preparedA, 16).index;
    tcp.forEach((c, k) => expect(c).toBeCloseTo(preparedA.ee![at * 6 + k]!, 6));
    // The lanes differ (B starts 3.5 s later and moves otherwise): this is not one arm shown twice.
    const [a, b] = await readJoints(page);
    expect(a!.map((j) => j.angle)).not.toEqual(b!.map((j) => j.angle));
  });

  it('steps frame by frame from the keyboard and keeps the moment in the URL', async () => {
    await page.evaluate(() =>
      (globalThis as unknown as PageWindow).__arenaReplay!.viewer.dispatch({ type: 'seek', time: 10 }),
    );
    await page.keyboard.press('ArrowRight');
    const time = await page.evaluate(
      () => (globalThis as unknown as PageWindow).__arenaReplay!.viewer.state.time,
    );
    // After 10 s the next frame on the merged grid is A's 151st (10 + 1/15 s).
    expect(time).toBeCloseTo(10 + 1 / 15, 9);
    expect(new URL(page.url()).searchParams.get('t')).toBe(String(Math.round(time * 1000) / 1000));
    await page.keyboard.press(']');
    expect(new URL(page.url()).searchParams.get('speed')).toBe('4');
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    // 1× is the default and left out of the link.
    expect(new URL(page.url()).searchParams.get('speed')).toBeNull();
  });

  it('draws a non-blank scene in both halves of the canvas', async () => {
    const stats = await page.evaluate(() => {
      const v = (globalThis as unknown as PageWindow).__arenaReplay!.viewer;
      v.renderNow();
      const source = v.renderer.domElement;
      const copy = (globalThis as unknown as PageWindow).document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const g = copy.getContext('2d')!;
      g.drawImage(source, 0, 0);
      return [0, 1].map((half) => {
        const w = Math.floor(copy.width / 2);
        const data = g.getImageData(half * w, 0, w, copy.height).data;
        const colours = new Set<number>();
        let foreground = 0;
        for (let i = 0; i < data.length; i += 4) {
          colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
          // background is #f3f4f6
          if (Math.abs(data[i]! - 243) + Math.abs(data[i + 1]! - 244) + Math.abs(data[i + 2]! - 246) > 24)
            foreground++;
        }
        return { colours: colours.size, foreground: foreground / (data.length / 4) };
      });
    });
    await mkdir(artifactsDir, { recursive: true });
    await page.screenshot({ path: join(artifactsDir, 'replay-side-by-side.png') });
    for (const half of stats) {
      expect(half.colours).toBeGreaterThan(50);
      expect(half.foreground).toBeGreaterThan(0.03);
    }
  });

  it('redraws only when something changed: never while idle, once per new frame while playing', async () => {
    const idle = await page.evaluate(async () => {
      const v = (globalThis as unknown as PageWindow).__arenaReplay!.viewer;
      const before = v.renderCount;
      await new Promise((r) => setTimeout(r, 600));
      return v.renderCount - before;
    });
    expect(idle).toBe(0);
    // A quarter speed: 15 Hz and 10 Hz rollouts then bring ~5 new frames a second, fewer than
    // the display's animation frames, so a redraw per animation frame would show.
    const playing = await page.evaluate(async () => {
      const page = globalThis as unknown as PageWindow;
      const v = page.__arenaReplay!.viewer;
      v.dispatch({ type: 'seek', time: 0 });
      v.dispatch({ type: 'speed', speed: 0.25 });
      let ticks = 0;
      let running = true;
      const count = () => {
        ticks++;
        if (running) page.requestAnimationFrame(count);
      };
      page.requestAnimationFrame(count);
      const before = v.renderCount;
      v.dispatch({ type: 'play' });
      await new Promise((r) => setTimeout(r, 2500));
      v.dispatch({ type: 'pause' });
      running = false;
      const time = v.state.time;
      const crossed = Array.from(v.timeline.frameTimes).filter((f) => f > 0 && f <= time + 1e-9).length;
      return { renders: v.renderCount - before, ticks, time, crossed };
    });
    expect(playing.time).toBeGreaterThan(0.3);
    expect(playing.renders).toBeGreaterThan(2);
    expect(playing.renders).toBeLessThanOrEqual(playing.crossed + 1);
    expect(playing.renders).toBeLessThan(playing.ticks);
  });

  it('has no replay for a trial that is running, or unknown (blinding)', async () => {
    const trial = await world.evaluator.startTrial({ instruction: 'stack the blocks' });
    for (const id of [trial.id, '00000000-0000-4000-8000-000000000000']) {
      const response = await fetch(`${t.baseUrl}/replay/${id}`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('No replay');
    }
  });
});
