import { encodeRolloutBinary, encodeRolloutJson } from '@policy-arena/replay';
import type { ArenaClient } from '@policy-arena/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRollout } from '../../libs/replay/src/testing/sample-rollout';
import { buildWorld, type ArenaWorld } from '../integration/support/arena-world';
import { completeTrial } from '../integration/support/complete-trial';
import { startTestPlatform, type TestPlatform } from '../integration/support/test-platform';
import { launchChromium } from './support/chromium';
import { completedTrialWithRollouts } from './support/completed-trial';
import {
  accessibilityViolations,
  screenshot,
  watchedPage,
  type WatchedPage,
  type WebWindow,
} from './support/web-page';

/**
 * Counted trials in which `winner` beat `loser`: the third version is paused so the pair is the
 * only one matchmaking can draw; a trial whose reveal shows the other direction is voided (an
 * evaluator cannot choose a side blind, an admin can take a trial off the record).
 */
async function winFor(world: ArenaWorld, winner: number, loser: number): Promise<void> {
  const third = world.versions.find((_, i) => i !== winner && i !== loser)!;
  await world.researcher.setPolicyVersionStatus(third.id, 'paused');
  try {
    for (let attempt = 0; attempt < 40; attempt++) {
      const reveal = await completeTrial(world.evaluator, {
        instruction: `hand over the tool (${world.versions[winner]!.name} should win)`,
        category: 'handover',
        preference: 'A',
      });
      const a = reveal.policies.find((p) => p.label === 'A')!.handle;
      if (a === world.versions[winner]!.handle) return;
      await world.admin.voidTrial(reveal.trialId, 'test set-up: the other direction');
    }
    throw new Error('no trial in the wanted direction after 40 draws');
  } finally {
    await world.researcher.setPolicyVersionStatus(third.id, 'active');
  }
}

const replayState = (page: Page) =>
  page.evaluate(() => {
    const r = (globalThis as unknown as WebWindow).__arenaReplay;
    return r
      ? { ...r.viewer.state, duration: r.viewer.timeline.duration, renders: r.viewer.renderCount }
      : null;
  });

describe('web app: trial browser, the trial page with its 3D replay, policy pages, the win matrix', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;
  let replayTrialId: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t, 3);
    const a = sampleRollout({ frames: 301, rateHz: 15 });
    const b = sampleRollout({ frames: 201, rateHz: 10, phase: 1.3 });
    const trial = await completedTrialWithRollouts(world.evaluator as ArenaClient, {
      A: { bytes: encodeRolloutBinary(a), contentType: 'application/x-arena-rollout' },
      B: { bytes: new TextEncoder().encode(encodeRolloutJson(b)), contentType: 'application/json' },
    });
    replayTrialId = trial.id;
    // A cycle in the "handover" category: 0 beats 1, 1 beats 2, 2 beats 0.
    await winFor(world, 0, 1);
    await winFor(world, 1, 2);
    await winFor(world, 2, 0);
    expect((await fetch(`${t.baseUrl}/`)).status).toBe(200);
    browser = await launchChromium();
    watched = await watchedPage(await browser.newContext({ viewport: { width: 1280, height: 900 } }));
    page = watched.page;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('lists completed trials and filters them by instruction, category and policy', async () => {
    await page.goto(`${t.baseUrl}/trials`);
    const count = page.locator('.results-count');
    await expect.poll(() => count.textContent()).toBe('4 completed trials');
    await page.getByLabel('Instruction contains').fill('red cup');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => count.textContent()).toBe('1 completed trial');
    expect(new URL(page.url()).search).toBe('?q=red+cup');
    await page.getByLabel('Instruction contains').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel('Category').selectOption('handover');
    await expect.poll(() => count.textContent()).toBe('3 completed trials');
    const handle = world.versions[0]!.handle;
    await page.getByLabel('Policy').selectOption(handle);
    await expect.poll(() => count.textContent()).toBe('2 completed trials');
    for (const item of await page.locator('.trial-item .trial-pair').allTextContents())
      expect(item).toContain(handle);
    await screenshot(page, 'web-trials-filtered');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('opens a trial page whose replay plays and seeks', async () => {
    await page.goto(`${t.baseUrl}/trials?q=red+cup`);
    await page.getByRole('link', { name: '“put the red cup in the bowl”' }).click();
    await page.waitForFunction(
      () => (globalThis as unknown as WebWindow).document.body.dataset['replay'] === 'ready',
      undefined,
      { timeout: 90_000 },
    );
    expect(new URL(page.url()).pathname).toBe(`/trials/${replayTrialId}`);
    expect(await page.getByTestId('trial-pair').locator('tbody tr').count()).toBe(2);
    await page.getByText('A placed the cup').waitFor();
    const viewerChunk = watched.scripts.find((s) => s.url.includes('/assets/viewer'));
    expect(viewerChunk).toBeDefined();
    console.log(
      `[web] replay viewer chunk (three.js, loaded on trial pages only): ${viewerChunk!.bytes} B (${viewerChunk!.gzipBytes} B gzip)`,
    );

    const start = (await replayState(page))!;
    expect(start).toMatchObject({ time: 0, playing: false });
    expect(start.duration).toBeCloseTo(20, 6);
    const play = page.locator('button[data-role=play]');
    await play.click();
    await page.waitForTimeout(1200);
    const playing = (await replayState(page))!;
    expect(playing.playing).toBe(true);
    expect(playing.time).toBeGreaterThan(0.3);
    expect(playing.renders).toBeGreaterThan(start.renders);
    await play.click();
    const paused = (await replayState(page))!;
    expect(paused.playing).toBe(false);

    await page.getByRole('slider', { name: 'time' }).fill('12.5');
    const seeked = (await replayState(page))!;
    expect(seeked.time).toBeCloseTo(12.5, 6);
    expect(seeked.playing).toBe(false);
    await expect.poll(() => page.locator('.arena-transport').textContent()).toContain('12.50 / 20.00 s');
    // The moment is in the link, as on the standalone replay page.
    await expect.poll(() => new URL(page.url()).searchParams.get('t')).toBe('12.5');
    await screenshot(page, 'web-trial-replay', false);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('leaves the trial page cleanly (the viewer is disposed) and says so when a trial has no replay', async () => {
    await page.getByRole('link', { name: 'Trials', exact: true }).click();
    await page.locator('.results-count').waitFor();
    expect(await replayState(page)).toBeNull();
    const noMedia = (await world.evaluator.startTrial({ instruction: 'wipe the table' })).id;
    await page.goto(`${t.baseUrl}/trials/${noMedia}`);
    // Running: blind, so not public.
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain(`no completed trial ${noMedia}`);
    expect(watched.errors).toEqual([
      'console: Failed to load resource: the server responded with a status of 404 (Not Found)',
    ]);
    watched.errors.length = 0;
  });

  it("shows a policy's rating history, per-category results, head-to-head and evaluators' reasons", async () => {
    const me = world.versions[0]!.handle;
    await page.goto(`${t.baseUrl}/policies/${encodeURIComponent(me)}`);
    await page.getByRole('heading', { level: 1, name: me }).waitFor();
    const chart = page.getByRole('img', { name: /^Rating history over \d+ trials/ });
    await chart.waitFor();
    expect(await chart.locator('circle').count()).toBeGreaterThan(0);
    const h2h = page.getByTestId('head-to-head');
    const rivals = await h2h.locator('tbody th').allTextContents();
    expect(rivals.length).toBeGreaterThanOrEqual(2);
    expect(rivals).not.toContain(me);
    const categories = await page
      .locator('section', { hasText: 'By category' })
      .locator('tbody th')
      .allTextContents();
    expect(categories).toContain('handover');
    await page.locator('.reasons blockquote', { hasText: 'steadier grasp' }).first().waitFor();
    await screenshot(page, 'web-policy-page');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('draws the win matrix and says when the preferences are intransitive', async () => {
    await page.goto(`${t.baseUrl}/?category=handover`);
    const note = page.getByTestId('intransitive-note');
    await note.waitFor();
    expect(await note.textContent()).toContain('intransitive');
    const matrix = page.getByTestId('win-matrix');
    expect(await matrix.locator('tbody tr').count()).toBe(3);
    // Each policy won one of its two pairs: 100% once and 0% once per row.
    for (const row of await matrix.locator('tbody tr').all()) {
      expect((await row.locator('.matrix-rate').allTextContents()).sort()).toEqual(['0%', '100%']);
    }
    await screenshot(page, 'web-leaderboard-intransitive');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
