import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Injectable, Logger } from '@nestjs/common';

const repoRoot = resolve(__dirname, '..', '..', '..', '..');
const webRoot = join(repoRoot, 'apps', 'web');
const configFile = join(webRoot, 'vite.config.mts');
/** Everything the bundle is made of: a change in any of these rebuilds it. */
const sourceDirs = ['apps/web', 'libs/domain/src', 'libs/sdk/src', 'libs/replay/src'].map((d) =>
  join(repoRoot, d),
);
const packages = ['preact', 'socket.io-client', 'three', 'urdf-loader', 'vite'];
const cacheRoot = join(repoRoot, 'tmp', 'web-app');
const KEEP_BUILDS = 3;

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface WebAsset {
  body: Buffer;
  /** Pre-compressed once, sent to clients that accept gzip. */
  gzip: Buffer;
  contentType: string;
}

export interface WebBundle {
  /** Content hash of the sources the bundle was built from. */
  version: string;
  indexHtml: Buffer;
  /** By file name under /assets/. */
  assets: Map<string, WebAsset>;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries
      .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
      .map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat().filter((f) => !/\.spec\.tsx?$/.test(f) && !f.endsWith('.npz') && !f.endsWith('.py'));
}

/**
 * The web app (apps/web: Preact, socket.io-client, and the replay viewer as a lazy chunk) bundled
 * with vite. A clone goes from `npm ci` to `npm start` without a build step, so the API builds
 * the app on the first request for it and caches the result under tmp/web-app/<hash of the
 * sources and package versions>: an unchanged app costs one hash at start, a changed one is rebuilt.
 */
@Injectable()
export class WebBundleService {
  private readonly log = new Logger('WebBundle');
  private bundle: Promise<WebBundle> | undefined;

  get(): Promise<WebBundle> {
    this.bundle ??= this.load().catch((error: unknown) => {
      this.bundle = undefined;
      throw error;
    });
    return this.bundle;
  }

  private async load(): Promise<WebBundle> {
    const version = await this.sourceHash();
    const dir = join(cacheRoot, version);
    if (!(await stat(join(dir, 'index.html')).catch(() => undefined))) await this.build(dir);
    const assets = new Map<string, WebAsset>();
    for (const file of await filesUnder(join(dir, 'assets'))) {
      const body = await readFile(file);
      const name = file.slice(join(dir, 'assets').length + 1);
      assets.set(name, {
        body,
        gzip: gzipSync(body, { level: 9 }),
        contentType: contentTypes[extname(file)] ?? 'application/octet-stream',
      });
    }
    return { version, indexHtml: await readFile(join(dir, 'index.html')), assets };
  }

  private async sourceHash(): Promise<string> {
    const hash = createHash('sha256');
    for (const dir of sourceDirs) {
      for (const file of (await filesUnder(dir)).sort()) {
        hash.update(file.slice(repoRoot.length)).update(await readFile(file));
      }
    }
    for (const pkg of packages) {
      hash.update(await readFile(join(repoRoot, 'node_modules', pkg, 'package.json')));
    }
    return hash.digest('hex').slice(0, 16);
  }

  /** Builds into a private folder, then renames it into place: concurrent builders cannot clash. */
  private async build(dir: string): Promise<void> {
    const started = Date.now();
    const scratch = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
    const vite = await import('vite');
    await vite.build({
      configFile,
      logLevel: 'warn',
      build: { outDir: scratch, emptyOutDir: true },
    });
    await mkdir(cacheRoot, { recursive: true });
    try {
      await rename(scratch, dir);
    } catch {
      await rm(scratch, { recursive: true, force: true }); // someone else finished first
    }
    this.log.log(`bundled the web app in ${Date.now() - started} ms`);
    await this.prune(dir);
  }

  /** Keeps the newest few builds (another checkout or process may still serve one), drops the rest. */
  private async prune(current: string): Promise<void> {
    const builds = await readdir(cacheRoot, { withFileTypes: true });
    const dated = await Promise.all(
      builds
        .filter(
          (e) => e.isDirectory() && /^[0-9a-f]{16}$/.test(e.name) && join(cacheRoot, e.name) !== current,
        )
        .map(async (e) => ({
          path: join(cacheRoot, e.name),
          at: (await stat(join(cacheRoot, e.name))).mtimeMs,
        })),
    );
    const stale = dated.sort((a, b) => b.at - a.at).slice(KEEP_BUILDS - 1);
    await Promise.all(stale.map((b) => rm(b.path, { recursive: true, force: true })));
  }
}
