import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page, Response } from 'playwright-core';

// The root tsconfig has no DOM lib (tests run in Node): what the web tests read inside the page
// is typed here, and page.evaluate callbacks cast `globalThis as unknown as WebWindow`.
export interface WebWindow {
  document: {
    body: { dataset: Record<string, string | undefined> };
    documentElement: { scrollWidth: number };
    title: string;
  };
  innerWidth: number;
  performance: {
    getEntriesByName(name: string): { startTime: number }[];
    getEntriesByType(type: 'navigation'): {
      startTime: number;
      responseEnd: number;
      domContentLoadedEventEnd: number;
      loadEventEnd: number;
    }[];
  };
  __arenaReplay?: {
    viewer: {
      state: { time: number; playing: boolean; speed: number; loop: boolean };
      timeline: { duration: number };
      renderCount: number;
    };
  };
  /** Set by a test; still there later only if the page was never reloaded. */
  __webTestMarker?: string;
}

export const artifactsDir = join(__dirname, '..', '..', '..', 'test-artifacts');

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests, as they happen. */
  errors: string[];
  /** Every JavaScript file the page loaded: URL and bytes (as served, before transfer compression). */
  scripts: { url: string; bytes: number; gzipBytes: number }[];
}

/** A page that records what would show as red in the browser console. */
export async function watchedPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  const scripts: WatchedPage['scripts'] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? '';
    // A navigation away cancels what the old page was still loading: not an error of the app.
    if (!failure.includes('ERR_ABORTED')) errors.push(`request failed: ${request.url()} ${failure}`);
  });
  page.on('response', (response: Response) => {
    if (!response.url().endsWith('.js')) return;
    void response.body().then(
      (body) =>
        scripts.push({
          url: response.url(),
          bytes: body.length,
          gzipBytes: gzipSync(body, { level: 9 }).length,
        }),
      () => undefined,
    );
  });
  return { page, errors, scripts };
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage });
}

/** The document is no wider than the viewport: nothing forces a sideways scroll (phones). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = globalThis as unknown as WebWindow;
    return w.document.documentElement.scrollWidth - w.innerWidth;
  });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let axeSource: Promise<string> | undefined;

/**
 * Runs axe-core (WCAG 2.1 A and AA rules: names and labels, contrast, landmarks, ARIA) on the
 * page as it is now and answers the violations, one line each. axe is evaluated through the
 * DevTools protocol, which the page's CSP does not govern, so the app's own CSP stays on.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
  const checked = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(o: unknown): Promise<{ violations: AxeViolation[]; passes: unknown[] }> };
      }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return {
      passes: result.passes.length,
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target),
      })),
    };
  });
  // A page with nothing checked would pass vacuously.
  if (checked.passes < 10) throw new Error(`axe checked only ${checked.passes} rules`);
  const { violations } = checked;
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes.slice(0, 3))}`);
}
