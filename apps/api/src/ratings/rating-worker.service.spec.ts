import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { unavailableDependency } from '../common/errors/unavailable-dependency';
import type { ResolvedConfig } from '../config/resolved-config';
import { RatingWorkerService } from './rating-worker.service';

/** A port nothing listens on: bound, noted, closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the rating worker', () => {
  it('brings a database failure back with its code, so the API answers 503 naming the database', async () => {
    const port = await closedPort();
    const ratings = new RatingWorkerService({
      databaseUrl: `postgres://arena:secret@127.0.0.1:${port}/arena`,
    } as ResolvedConfig);
    try {
      const failure = await ratings.board({ method: 'bt' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as { code?: string }).code).toBe('ECONNREFUSED');
      expect(unavailableDependency(failure)).toBe('database');
    } finally {
      await ratings.onModuleDestroy();
    }
  }, 30_000);

  it('starts a new thread after its thread dies', async () => {
    const port = await closedPort();
    const ratings = new RatingWorkerService({
      databaseUrl: `postgres://arena:secret@127.0.0.1:${port}/arena`,
    } as ResolvedConfig);
    const current = () =>
      (ratings as unknown as { worker?: { threadId: number; postMessage(m: unknown): void } }).worker;
    try {
      await ratings.board({ method: 'bt' }).catch(() => undefined);
      const first = current()!;
      // The thread ends under the service (as a crash would end it); the service notices and forgets it.
      // (Ended from inside: terminate() from outside takes the whole vitest fork down with it.)
      first.postMessage({ id: 0, kind: 'close' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(current()).toBeUndefined();
      const next = (await ratings.board({ method: 'bt' }).catch((e: unknown) => e)) as { code?: string };
      expect(next.code).toBe('ECONNREFUSED');
      expect(current()!.threadId).not.toBe(first.threadId);
    } finally {
      await ratings.onModuleDestroy();
    }
  }, 30_000);
});
