import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AccountService } from '../accounts/account.service';
import { ApiKeyService } from '../accounts/api-key.service';
import { SiteEntity } from '../sites/site.entity';

export interface DemoCredentials {
  note: string;
  baseUrl: string;
  siteId: string;
  admin: { accountId: string; apiKey: string };
  researcher: { accountId: string; apiKey: string };
  evaluator: { accountId: string; apiKey: string };
}

const DEMO_SITE = 'demo-site';

/**
 * Embedded mode only: keys for a demo admin, researcher and evaluator, written to
 * `<data dir>/demo-credentials.json` (mode 0600) so a newcomer can call the API at once.
 * Kept across restarts while the keys still work; recreated when the database was reset.
 */
export async function ensureDemoCredentials(
  app: INestApplicationContext,
  dataDir: string,
  baseUrl: string,
): Promise<string> {
  const file = join(dataDir, 'demo-credentials.json');
  const apiKeys = app.get(ApiKeyService);
  if (existsSync(file)) {
    const stored = JSON.parse(await readFile(file, 'utf8')) as DemoCredentials;
    const valid = await Promise.all(
      [stored.admin, stored.researcher, stored.evaluator].map((c) => apiKeys.authenticate(c.apiKey)),
    );
    if (valid.every((a) => a !== null)) {
      if (stored.baseUrl !== baseUrl)
        await writeFile(file, JSON.stringify({ ...stored, baseUrl }, null, 2) + '\n', { mode: 0o600 });
      return file;
    }
  }
  const sites = app.get<Repository<SiteEntity>>(getRepositoryToken(SiteEntity));
  const site =
    (await sites.findOne({ where: { slug: DEMO_SITE } })) ??
    (await sites.save(sites.create({ slug: DEMO_SITE, name: 'Demo site' })));
  const accounts = app.get(AccountService);
  const admin = await accounts.create({ role: 'admin', displayName: 'Demo admin' }, null);
  const researcher = await accounts.create({ role: 'researcher', displayName: 'Demo researcher' }, null);
  const evaluator = await accounts.create(
    { role: 'evaluator', displayName: 'Demo evaluator', siteId: site.id },
    null,
  );
  const credentials: DemoCredentials = {
    note: 'Demo keys for the embedded platform. Send one as "Authorization: Bearer <apiKey>".',
    baseUrl,
    siteId: site.id,
    admin: { accountId: admin.account.id, apiKey: admin.apiKey.key },
    researcher: { accountId: researcher.account.id, apiKey: researcher.apiKey.key },
    evaluator: { accountId: evaluator.account.id, apiKey: evaluator.apiKey.key },
  };
  await writeFile(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  return file;
}
