import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { repoRoot, ViteBuildCache } from '../common/bundling/vite-build-cache';

const viewerSources = join(repoRoot, 'libs', 'replay', 'src');
const viewerEntry = join(viewerSources, 'viewer', 'index.ts');

export interface ViewerBundle {
  /** Content hash: part of the script URL, so browsers may cache it forever. */
  version: string;
  script: Buffer;
}

/** The viewer (libs/replay, three.js, urdf-loader) bundled for the browser as one ES module. */
@Injectable()
export class ReplayBundleService {
  private readonly cache = new ViteBuildCache({
    what: 'the replay viewer',
    cacheRoot: join(repoRoot, 'tmp', 'replay-viewer'),
    sourceDirs: [viewerSources],
    packages: ['three', 'urdf-loader', 'vite'],
    marker: 'viewer.js',
    config: (outDir) => ({
      configFile: false,
      logLevel: 'warn',
      root: repoRoot,
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        outDir,
        emptyOutDir: true,
        minify: true,
        sourcemap: false,
        copyPublicDir: false,
        reportCompressedSize: false,
        lib: { entry: viewerEntry, formats: ['es'], fileName: () => 'viewer.js' },
      },
    }),
  });
  private bundle: Promise<ViewerBundle> | undefined;

  get(): Promise<ViewerBundle> {
    this.bundle ??= this.cache
      .ensure()
      .then(async ({ version, dir }) => ({ version, script: await readFile(join(dir, 'viewer.js')) }))
      .catch((error: unknown) => {
        this.bundle = undefined;
        throw error;
      });
    return this.bundle;
  }
}
