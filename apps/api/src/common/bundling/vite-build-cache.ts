import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { InlineConfig } from 'vite';

export const repoRoot = resolve(__dirname, '..', '..', '..', '..', '..');

export interface ViteBuildCacheOptions {
  /** For the log: "the web app", "the replay viewer". */
  what: string;
  /** Under tmp/ of the checkout; one folder per source hash. */
  cacheRoot: string;
  /** Folders whose files the bundle is made of: a change in any of them rebuilds it. */
  sourceDirs: string[];
  /** Packages whose version changes the output. */
  packages: string[];
  /** A file the finished build always contains (its presence means "built"). */
  marker: string;
  /** vite's configuration for a build into `outDir`. */
  config: (outDir: string) => InlineConfig;
  /** How many builds to keep (another process or checkout may still serve an older one). */
  keep?: number;
}

export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries
      .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
      .map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat().filter((f) => !/\.spec\.tsx?$/.test(f) && !f.endsWith('.npz') && !f.endsWith('.py'));
}

/**
 * A vite build made on demand and cached by a hash of its sources. There is no build step
 * between a clone and `npm start`, so the API bundles browser code itself the first time it is
 * asked for it: an unchanged bundle costs one hash, a changed one is rebuilt. Builds go to a
 * private folder that is then renamed into place, so concurrent builders cannot clash.
 */
export class ViteBuildCache {
  private readonly log: Logger;
  private built: Promise<{ version: string; dir: string }> | undefined;

  constructor(private readonly options: ViteBuildCacheOptions) {
    this.log = new Logger(`Bundle ${options.what}`);
  }

  /** The folder of the current build (building it first if needed) and its version hash. */
  ensure(): Promise<{ version: string; dir: string }> {
    this.built ??= this.load().catch((error: unknown) => {
      this.built = undefined;
      throw error;
    });
    return this.built;
  }

  private async load(): Promise<{ version: string; dir: string }> {
    const version = await this.sourceHash();
    const dir = join(this.options.cacheRoot, version);
    if (!(await stat(join(dir, this.options.marker)).catch(() => undefined))) await this.build(dir);
    return { version, dir };
  }

  private async sourceHash(): Promise<string> {
    const hash = createHash('sha256');
    for (const dir of this.options.sourceDirs) {
      for (const file of (await filesUnder(dir)).sort()) {
        hash.update(file.slice(repoRoot.length)).update(await readFile(file));
      }
    }
    for (const pkg of this.options.packages) {
      hash.update(await readFile(join(repoRoot, 'node_modules', pkg, 'package.json')));
    }
    return hash.digest('hex').slice(0, 16);
  }

  private async build(dir: string): Promise<void> {
    const started = Date.now();
    const scratch = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
    const vite = await import('vite');
    await vite.build(this.options.config(scratch));
    await mkdir(this.options.cacheRoot, { recursive: true });
    try {
      await rename(scratch, dir);
    } catch {
      await rm(scratch, { recursive: true, force: true }); // someone else finished first
    }
    this.log.log(`bundled ${this.options.what} in ${Date.now() - started} ms`);
    await this.prune(dir);
  }

  private async prune(current: string): Promise<void> {
    const root = this.options.cacheRoot;
    const builds = await readdir(root, { withFileTypes: true });
    const dated = await Promise.all(
      builds
        .filter((e) => e.isDirectory() && /^[0-9a-f]{16}$/.test(e.name) && join(root, e.name) !== current)
        .map(async (e) => ({ path: join(root, e.name), at: (await stat(join(root, e.name))).mtimeMs })),
    );
    const stale = dated.sort((a, b) => b.at - a.at).slice((this.options.keep ?? 3) - 1);
    await Promise.all(stale.map((b) => rm(b.path, { recursive: true, force: true })));
  }
}
