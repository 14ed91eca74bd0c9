import { ArenaClient } from '@policy-arena/sdk';

export interface ConnectionOptions {
  url?: string;
  key?: string;
}

/** Where the API is and which key to use: flags first, then ARENA_URL / ARENA_API_KEY. */
export function connect(options: ConnectionOptions): ArenaClient {
  const baseUrl = options.url ?? process.env['ARENA_URL'] ?? 'http://localhost:3000';
  const apiKey = options.key ?? process.env['ARENA_API_KEY'];
  // Node's fetch says only "fetch failed" when nothing listens; say where we looked instead.
  const reachable: typeof fetch = async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      throw new Error(
        `cannot reach the API at ${baseUrl} (${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}); is it running (npm start)?`,
      );
    }
  };
  return new ArenaClient({ baseUrl, fetch: reachable, ...(apiKey ? { apiKey } : {}) });
}

export function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
