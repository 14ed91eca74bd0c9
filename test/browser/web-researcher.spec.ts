import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, digestOf, type ArenaWorld } from '../integration/support/arena-world';
import { startTestPlatform, type TestPlatform } from '../integration/support/test-platform';
import { ArenaClient } from '@policy-arena/sdk';
import { launchChromium } from './support/chromium';
import { accessibilityViolations, screenshot, watchedPage, type WatchedPage } from './support/web-page';

describe('web app: a researcher registers a version, sees it listed, and manages keys', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;
  let researcherKey: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t, 0);
    researcherKey = (
      await world.admin.createAccount({ role: 'researcher', displayName: 'Rosalind Researcher' })
    ).apiKey.key;
    expect((await fetch(`${t.baseUrl}/`)).status).toBe(200);
    browser = await launchChromium();
    watched = await watchedPage(await browser.newContext({ viewport: { width: 1200, height: 1000 } }));
    page = watched.page;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('refuses an evaluator key in the researcher console, then signs in with a researcher key', async () => {
    await page.goto(`${t.baseUrl}/research`);
    await page.getByLabel('API key').fill(world.evaluatorKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('needs a researcher key');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('API key').fill(researcherKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as Rosalind Researcher').waitFor();
    await page.getByText('You have not registered a version yet.').waitFor();
    expect(watched.errors).toEqual([]);
  });

  it("shows the API's problem next to the field, then registers the version and lists it", async () => {
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Register a version' }) });
    await form.getByLabel('Name', { exact: true }).fill('gripper-net');
    await form.getByLabel('Version', { exact: true }).fill('2.0.1');
    await form.getByLabel('Artifact digest').fill('md5:1234');
    await form.getByLabel('Inference endpoint').fill('ws://10.0.0.7:8000');
    await form.getByLabel('exterior 1').check();
    await form.getByLabel('Action space').selectOption('cartesian_velocity');
    await form.getByRole('button', { name: 'Register the version' }).click();
    const digest = form.getByLabel('Artifact digest');
    await expect.poll(() => digest.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#register-artifactDigest-problem').textContent()).toContain('sha256:');
    // Chrome logs the refused request itself.
    expect(watched.errors).toEqual([
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    watched.errors.length = 0;

    await digest.fill(digestOf('gripper-net-2.0.1'));
    await form.getByRole('button', { name: 'Register the version' }).click();
    await page.getByRole('status').filter({ hasText: 'Registered gripper-net@2.0.1.' }).waitFor();
    const row = page.getByTestId('my-versions').locator('tr[data-version="gripper-net@2.0.1"]');
    await row.waitFor();
    expect(await row.locator('[data-status]').textContent()).toBe('active');
    await screenshot(page, 'web-researcher-registered');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The platform has it, as registered, owned by this researcher.
    const mine = await new ArenaClient({ baseUrl: t.baseUrl, apiKey: researcherKey }).myPolicyVersions();
    expect(mine.map((v) => [v.handle, v.endpoint, v.requirements])).toEqual([
      [
        'gripper-net@2.0.1',
        'ws://10.0.0.7:8000',
        { cameras: ['wrist', 'exterior_1'], actionSpace: 'cartesian_velocity' },
      ],
    ]);
    // And the public list (without the endpoint) too.
    const listed = await t.anonymous.listPolicyVersions();
    expect(listed.map((v) => v.handle)).toContain('gripper-net@2.0.1');
    expect(JSON.stringify(listed)).not.toContain('10.0.0.7');
    expect(watched.errors).toEqual([]);
  });

  it('pauses and resumes the version', async () => {
    const row = page.getByTestId('my-versions').locator('tr[data-version="gripper-net@2.0.1"]');
    await row.getByRole('button', { name: 'Pause gripper-net@2.0.1' }).click();
    await expect.poll(() => row.locator('[data-status]').textContent()).toBe('paused');
    await row.getByRole('button', { name: 'Resume gripper-net@2.0.1' }).click();
    await expect.poll(() => row.locator('[data-status]').textContent()).toBe('active');
    expect(watched.errors).toEqual([]);
  });

  it('issues a key (shown once) that works, and revokes it', async () => {
    await page.getByLabel('Label of a new key').fill('ci');
    await page.getByRole('button', { name: 'Issue a key' }).click();
    const issued = (await page.getByTestId('issued-key').textContent())!.trim();
    expect(issued).toMatch(/^pa_/);
    const viaNewKey = new ArenaClient({ baseUrl: t.baseUrl, apiKey: issued });
    expect((await viaNewKey.me()).displayName).toBe('Rosalind Researcher');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke the key ci' }).click();
    await page.locator('.keys li[data-revoked=yes]').filter({ hasText: 'ci' }).waitFor();
    await expect(viaNewKey.me()).rejects.toMatchObject({ status: 401 });
    await screenshot(page, 'web-researcher-keys');
    expect(watched.errors).toEqual([]);
  });

  it("opens the version's public page from the list", async () => {
    await page.getByTestId('my-versions').getByRole('link', { name: 'gripper-net@2.0.1' }).click();
    await page.getByRole('heading', { level: 1, name: 'gripper-net@2.0.1' }).waitFor();
    await page.getByText('not rated yet').waitFor();
    expect(new URL(page.url()).pathname).toBe('/policies/gripper-net%402.0.1');
    expect(watched.errors).toEqual([]);
  });
});
