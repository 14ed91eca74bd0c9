import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@policy-arena/domain': resolve(import.meta.dirname, 'libs/domain/src/index.ts'),
  '@policy-arena/rating': resolve(import.meta.dirname, 'libs/rating/src/index.ts'),
  '@policy-arena/sdk': resolve(import.meta.dirname, 'libs/sdk/src/index.ts'),
  '@policy-arena/sim': resolve(import.meta.dirname, 'libs/sim/src/index.ts'),
  '@policy-arena/replay': resolve(import.meta.dirname, 'libs/replay/src/index.ts'),
  '@policy-arena/migrations': resolve(import.meta.dirname, 'migrations/index.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each integration file boots its own Postgres and S3 server; two at a time fits 2 cores.
          maxWorkers: 2,
          // After the unit tests (vitest runs projects with different maxWorkers in separate groups).
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'browser',
          include: ['test/browser/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time, after the other projects (a group of its own: vitest needs one
          // per maxWorkers setting).
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
