import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { filesUnder, repoRoot, ViteBuildCache } from '../common/bundling/vite-build-cache';

const webRoot = join(repoRoot, 'apps', 'web');
const configFile = join(webRoot, 'vite.config.mts');
/** Everything the bundle is made of: a change in any of these rebuilds it. */
const sourceDirs = ['apps/web', 'libs/domain/src', 'libs/sdk/src', 'libs/replay/src'].map((d) =>
  join(repoRoot, d),
);
const packages = ['preact', 'socket.io-client', 'three', 'urdf-loader', 'vite'];

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

/**
 * The web app (apps/web: Preact, socket.io-client, and the replay viewer as a lazy chunk) bundled
 * with vite. A clone goes from `npm ci` to `npm start` without a build step, so the API builds
 * the app on the first request for it and caches the result under tmp/web-app/<hash of the
 * sources and package versions>: an unchanged app costs one hash at start, a changed one is rebuilt.
 */
@Injectable()
export class WebBundleService {
  private readonly cache = new ViteBuildCache({
    what: 'the web app',
    cacheRoot: join(repoRoot, 'tmp', 'web-app'),
    sourceDirs,
    packages,
    marker: 'index.html',
    config: (outDir) => ({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } }),
  });
  private bundle: Promise<WebBundle> | undefined;

  get(): Promise<WebBundle> {
    this.bundle ??= this.load().catch((error: unknown) => {
      this.bundle = undefined;
      throw error;
    });
    return this.bundle;
  }

  private async load(): Promise<WebBundle> {
    const { version, dir } = await this.cache.ensure();
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
}
