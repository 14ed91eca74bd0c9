import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export function newBootstrapToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Only someone who can read the server's data folder (or set its environment) can claim the platform. */
export async function writeBootstrapTokenFile(file: string, token: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, token + '\n', { mode: 0o600 });
}

export async function removeBootstrapTokenFile(file: string): Promise<void> {
  await rm(file, { force: true });
}
