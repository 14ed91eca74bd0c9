import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';

const repoRoot = resolve(__dirname, '..', '..', '..', '..');
const viewerSources = join(repoRoot, 'libs', 'replay', 'src');
const viewerEntry = join(viewerSources, 'viewer', 'index.ts');
const cacheRoot = join(repoRoot, 'tmp', 'replay-viewer');

export interface ViewerBundle {
  /** Content hash: part of the script URL, so browsers may cache it forever. */
  version: string;
  script: Buffer;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? filesUnder(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]),
    ),
  );
  return nested.flat().filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
}

/**
 * The viewer (libs/replay, three.js, urdf-loader) bundled for the browser. There is no build step
 * between a clone and `npm start`, so the API bundles it with vite on the first request for the
 * replay page and caches the result under tmp/, keyed by a hash of the sources and the versions
 * of three and urdf-loader: a changed viewer is rebuilt, an unchanged one costs nothing.
 */
@Injectable()
export class ReplayBundleService {
  private readonly log = new Logger('ReplayBundle');
  private bundle: Promise<ViewerBundle> | undefined;

  get(): Promise<ViewerBundle> {
    this.bundle ??= this.load().catch((error: unknown) => {
      this.bundle = undefined;
      throw error;
    });
    return this.bundle;
  }

  private async load(): Promise<ViewerBundle> {
    const version = await this.sourceHash();
    const dir = join(cacheRoot, version);
    const file = join(dir, 'viewer.js');
    if (!(await stat(file).catch(() => undefined))) await this.build(dir);
    return { version, script: await readFile(file) };
  }

  private async sourceHash(): Promise<string> {
    const hash = createHash('sha256');
    for (const file of (await filesUnder(viewerSources)).sort()) {
      hash.update(file.slice(repoRoot.length)).update(await readFile(file));
    }
    for (const pkg of ['three', 'urdf-loader', 'vite']) {
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
      configFile: false,
      logLevel: 'warn',
      root: repoRoot,
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        outDir: scratch,
        emptyOutDir: true,
        minify: true,
        sourcemap: false,
        copyPublicDir: false,
        reportCompressedSize: false,
        lib: { entry: viewerEntry, formats: ['es'], fileName: () => 'viewer.js' },
      },
    });
    await mkdir(cacheRoot, { recursive: true });
    try {
      await rename(scratch, dir);
    } catch {
      await rm(scratch, { recursive: true, force: true }); // someone else finished first
    }
    this.log.log(`bundled the replay viewer in ${Date.now() - started} ms`);
  }
}
