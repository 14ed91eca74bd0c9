import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The web app's build. The API runs it on first request (apps/api/src/web/web-bundle.service.ts)
 * with its own outDir; `npx vite build --config apps/web/vite.config.mts` gives the same result.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  logLevel: 'warn',
  publicDir: false,
  mode: 'production',
  resolve: {
    // Explicit, so the bundle does not depend on the NODE_ENV of whoever builds it (vitest sets
    // "test", which would pick packages' development builds, e.g. socket.io-client's with debug).
    conditions: ['module', 'browser', 'production'],
    alias: [
      // The viewer is its own entry point of libs/replay (three.js): loaded lazily on trial pages.
      { find: '@policy-arena/replay/viewer', replacement: here('../../libs/replay/src/viewer/index.ts') },
      { find: '@policy-arena/domain', replacement: here('../../libs/domain/src/index.ts') },
      { find: '@policy-arena/sdk', replacement: here('../../libs/sdk/src/index.ts') },
      // libs/sdk's policy relay (a Node client for stations) imports ws; the web app never calls it.
      { find: /^ws$/, replacement: here('src/shims/no-ws.ts') },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    assetsDir: 'assets',
    // The replay viewer's chunk is three.js (≈ 690 kB, 175 kB gzipped), loaded on trial pages only.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // The libs have no package.json to say so: their modules have no side effects on import, so
      // what the app does not use of them (zod schemas, the station and relay clients) is dropped.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/libs/') },
    },
  },
});
