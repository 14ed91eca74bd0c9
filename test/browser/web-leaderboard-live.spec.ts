import { encodeRolloutJson } from '@policy-arena/replay';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRollout } from '../../libs/replay/src/testing/sample-rollout';
import { buildWorld, type ArenaWorld } from '../integration/support/arena-world';
import { completeTrial } from '../integration/support/complete-trial';
import { startTestPlatform, type TestPlatform } from '../integration/support/test-platform';
import { launchChromium } from './support/chromium';
import {
  accessibilityViolations,
  horizontalOverflow,
  screenshot,
  watchedPage,
  type WatchedPage,
  type WebWindow,
} from './support/web-page';

interface BoardRow {
  policy: string;
  n: number;
  rating: number;
}

async function readBoard(page: Page): Promise<BoardRow[]> {
  const rows = page.locator('[data-testid=leaderboard-table] tbody tr');
  const out: BoardRow[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push({
      policy: (await row.getAttribute('data-policy'))!,
      n: Number(await row.getAttribute('data-n')),
      rating: Number(await row.locator('[data-rating]').getAttribute('data-rating')),
    });
  }
  return out.sort((a, b) => a.policy.localeCompare(b.policy));
}

const boardSnapshot = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as WebWindow).document.body.dataset['board'] ?? '');

describe('web app: an evaluator runs a whole trial in the UI; another browser sees the board move live', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  let browser: Browser;
  let publicContext: BrowserContext;
  let evaluatorContext: BrowserContext;
  let board: WatchedPage;
  let evaluator: WatchedPage;
  let before: BoardRow[];
  let snapshotBefore: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t);
    for (const preference of ['A', 'B'] as const) {
      await completeTrial(world.evaluator, {
        instruction: 'stack the blocks',
        category: 'stacking',
        preference,
      });
    }
    // The first request builds the app (cached under tmp/web-app): not part of the render time.
    expect((await fetch(`${t.baseUrl}/`)).status).toBe(200);
    browser = await launchChromium();
    publicContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    evaluatorContext = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    board = await watchedPage(publicContext);
    evaluator = await watchedPage(evaluatorContext);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('renders the leaderboard: ranks, ratings with intervals, trials, W/L/T, sampling, snapshot, win matrix', async () => {
    await board.page.goto(`${t.baseUrl}/`);
    await board.page.waitForFunction(() =>
      Boolean((globalThis as unknown as WebWindow).document.body.dataset['board']),
    );
    const timing = await board.page.evaluate(() => {
      const w = globalThis as unknown as WebWindow;
      const nav = w.performance.getEntriesByType('navigation')[0]!;
      return {
        firstRender: w.performance.getEntriesByName('leaderboard:first-render')[0]!.startTime,
        responseEnd: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
      };
    });
    const entry = board.scripts.filter((s) => s.url.includes('/assets/'));
    console.log(
      `[web] leaderboard first render ${timing.firstRender.toFixed(0)} ms after navigation start ` +
        `(HTML received ${timing.responseEnd.toFixed(0)} ms, DOMContentLoaded ${timing.domContentLoaded.toFixed(0)} ms); ` +
        `JavaScript loaded: ${entry.map((s) => `${s.url.split('/').pop()} ${s.bytes} B (${s.gzipBytes} B gzip)`).join(', ')}`,
    );
    expect(entry.length).toBeGreaterThan(0);
    expect(entry.some((s) => s.url.includes('viewer'))).toBe(false); // three.js only on trial pages

    before = await readBoard(board.page);
    expect(before.map((r) => r.policy)).toEqual(world.versions.map((v) => v.handle).sort());
    expect(before.every((r) => r.n === 2)).toBe(true);
    snapshotBefore = await boardSnapshot(board.page);
    const table = board.page.getByTestId('leaderboard-table');
    await expect
      .poll(() => board.page.getByTestId('board-caption').textContent())
      .toContain('from 2 counted trials');
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'Rank',
      'Range',
      'Policy',
      'Rating',
      '95% interval',
      'Trials',
      'W / L / T',
      'Sampled',
    ]);
    const link = board.page.getByTestId('snapshot-link');
    expect(await link.getAttribute('href')).toBe(`/api/v1/leaderboard/snapshots/${snapshotBefore}`);
    const snapshot = await t.anonymous.leaderboardSnapshot(snapshotBefore);
    expect(snapshot.trials).toBe(2);
    await board.page.getByText('Reproduce this board').click();
    expect(await board.page.locator('.snapshot pre').textContent()).toBe(
      `curl -s ${t.baseUrl}/api/v1/export/trials.jsonl > trials.jsonl && npx arena rate --input trials.jsonl --method bt`,
    );
    await expect.poll(() => board.page.getByTestId('win-matrix').locator('tbody tr').count()).toBe(2);
    expect(await board.page.getByTestId('intransitive-note').count()).toBe(0);
    await board.page.evaluate(() => {
      (globalThis as unknown as WebWindow).__webTestMarker = 'loaded once';
    });
    await screenshot(board.page, 'web-leaderboard-before');
    expect(await accessibilityViolations(board.page)).toEqual([]);
    expect(board.errors).toEqual([]);
  });

  it('an evaluator signs in, starts a trial, scores both runs in order, uploads, prefers, and sees the reveal', async () => {
    const page = evaluator.page;
    await page.goto(`${t.baseUrl}/evaluate`);
    await page.getByLabel('API key').fill('pa_not-a-real-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    // Chrome itself logs every 4xx response; the refused key is the one expected here.
    expect(evaluator.errors).toEqual([
      'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)',
    ]);
    evaluator.errors.length = 0;
    await page.getByLabel('API key').fill(world.evaluatorKey);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByLabel('Instruction').fill('put the red cup in the bowl');
    await page.getByLabel('Category (optional)').fill('pick-place');
    await page.getByRole('button', { name: 'Start the trial' }).click();
    const order = page.getByTestId('run-order').locator('.label-chip');
    await order.first().waitFor();
    const runOrder = (await order.allTextContents()) as ('A' | 'B')[];
    expect([...runOrder].sort()).toEqual(['A', 'B']);
    // Nothing on the page names a policy before the reveal.
    const blindText = await page.locator('main').textContent();
    for (const v of world.versions) {
      expect(blindText).not.toContain(v.name);
      expect(blindText).not.toContain(v.id);
    }
    await screenshot(page, 'web-evaluator-pair');

    // The second run's form is closed until the first is scored.
    const second = page.locator(`form[data-episode=${runOrder[1]}]`);
    expect(await second.getByLabel('Progress (0–100)').isDisabled()).toBe(true);

    const rollout = (phase: number) =>
      Buffer.from(encodeRolloutJson(sampleRollout({ frames: 61, rateHz: 15, phase })));
    for (const [position, label] of runOrder.entries()) {
      const form = page.locator(`form[data-episode=${label}]`);
      await form.getByLabel('Progress (0–100)').fill(position === 0 ? '40' : '100');
      if (position === 1) await form.getByLabel('The task was completed (success)').check();
      await form.getByLabel(/Rollout file/).setInputFiles({
        name: `rollout-${label}.json`,
        mimeType: 'application/json',
        buffer: rollout(position),
      });
      await form.getByRole('button', { name: `Save the score of ${label}` }).click();
      const card = page.locator(`section[data-episode=${label}]`);
      await card.locator('[data-upload-state=verified]').waitFor({ timeout: 30_000 });
      expect(await card.locator('progress').getAttribute('value')).toBe(
        await card.locator('progress').getAttribute('max'),
      );
    }
    await screenshot(page, 'web-evaluator-scored');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('B was better').check();
    await page.getByLabel(/^Why\?/).fill('B placed the cup without knocking the bowl');
    await page.getByRole('button', { name: 'Submit and reveal' }).click();
    const reveal = page.getByTestId('reveal');
    await reveal.waitFor();
    const revealed = {
      A: await reveal.locator('li[data-label=A] a').textContent(),
      B: await reveal.locator('li[data-label=B] a').textContent(),
    };
    expect([revealed.A, revealed.B].sort()).toEqual(world.versions.map((v) => v.handle).sort());
    await screenshot(page, 'web-evaluator-reveal');
    expect(await accessibilityViolations(page)).toEqual([]);

    // What the UI did is what the platform recorded.
    const trialId = (await reveal.getByRole('link', { name: 'See this trial' }).getAttribute('href'))!
      .split('/')
      .pop()!;
    const trial = await world.evaluator.getTrial(trialId);
    expect(trial.status).toBe('completed');
    expect(trial.category).toBe('pick-place');
    expect(trial.runOrder).toEqual(runOrder);
    expect(trial.episodes.map((e) => [e.label, e.progress, e.success]).sort()).toEqual(
      [
        [runOrder[0], 40, false],
        [runOrder[1], 100, true],
      ].sort(),
    );
    expect(trial.reveal?.preference).toBe('B');
    expect(evaluator.errors).toEqual([]);
  });

  it('the other browser saw the board change without a reload', async () => {
    await board.page.waitForFunction(
      (previous) => (globalThis as unknown as WebWindow).document.body.dataset['board'] !== previous,
      snapshotBefore,
      { timeout: 10_000 },
    );
    const after = await readBoard(board.page);
    expect(after.map((r) => r.n)).toEqual(before.map((r) => r.n + 1));
    expect(after.map((r) => r.rating)).not.toEqual(before.map((r) => r.rating));
    const stillTheSamePage = await board.page.evaluate(() => {
      const w = globalThis as unknown as WebWindow;
      return { marker: w.__webTestMarker, navigations: w.performance.getEntriesByType('navigation').length };
    });
    expect(stillTheSamePage).toEqual({ marker: 'loaded once', navigations: 1 });
    await expect
      .poll(() => board.page.getByTestId('board-caption').textContent())
      .toContain('from 3 counted trials');
    // The win matrix follows (a moment later: one refresh per burst of outcomes).
    await expect
      .poll(() => board.page.getByTestId('win-matrix').locator('.matrix-n').allTextContents(), {
        timeout: 5_000,
      })
      .toEqual(['3 trials', '3 trials']);
    await screenshot(board.page, 'web-leaderboard-after');
    expect(board.errors).toEqual([]);
  });

  it('switches method and category from the keyboard, keeping them in the URL', async () => {
    const page = board.page;
    await page.getByRole('radio', { name: 'Elo' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('board-caption').textContent()).toContain('Elo ratings');
    expect(new URL(page.url()).searchParams.get('method')).toBe('elo');
    await page.getByLabel('Category').selectOption('pick-place');
    await expect
      .poll(() => page.getByTestId('board-caption').textContent())
      .toMatch(/in “pick-place” with 95% intervals, from 1 counted trials/);
    expect(new URL(page.url()).search).toBe('?method=elo&category=pick-place');
    await page.getByRole('radio', { name: 'Task-aware' }).check();
    await expect.poll(() => page.getByTestId('board-caption').textContent()).toContain('Task-aware');
    expect(board.errors).toEqual([]);
  });

  it('the evaluator console fits a phone too, and the sign-in survives a reload of the tab', async () => {
    const page = evaluator.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByLabel('Instruction').waitFor();
    expect(await page.getByText('Signed in as Eve Evaluator').count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'web-evaluator-phone');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(evaluator.errors).toEqual([]);
  });

  it('fits a phone: nothing overflows sideways', async () => {
    const page = board.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${t.baseUrl}/`);
    await page.waitForFunction(() =>
      Boolean((globalThis as unknown as WebWindow).document.body.dataset['board']),
    );
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'web-leaderboard-phone');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(board.errors).toEqual([]);
  });
});
