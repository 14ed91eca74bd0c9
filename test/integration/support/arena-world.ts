import { randomBytes } from 'node:crypto';
import type { ArenaClient, OwnedPolicyVersionView } from '@policy-arena/sdk';
import {
  startReferencePolicyServer,
  type ReferencePolicyServer,
} from '../../support/reference-policy-server';
import type { TestPlatform } from './test-platform';

export interface ArenaWorld {
  admin: ArenaClient;
  adminKey: string;
  researcher: ArenaClient;
  researcherId: string;
  evaluator: ArenaClient;
  evaluatorKey: string;
  evaluatorId: string;
  siteId: string;
  versions: OwnedPolicyVersionView[];
  /** The reference policy server behind each version (same order). */
  servers: ReferencePolicyServer[];
}

export const digestOf = (seed: string) =>
  `sha256:${Buffer.from(seed.padEnd(32, '.')).subarray(0, 32).toString('hex')}`;

/**
 * Admin → a site, a researcher with `versionCount` registered versions (each served by its own
 * reference policy server on loopback), and an evaluator at the site.
 */
export async function buildWorld(
  t: Pick<TestPlatform, 'anonymous' | 'bootstrapToken' | 'onStop'>,
  versionCount = 2,
): Promise<ArenaWorld> {
  const anonymous = t.anonymous;
  const bootstrapped = await anonymous.bootstrapAdmin(await t.bootstrapToken());
  const admin = anonymous.as(bootstrapped.apiKey.key);
  const site = await admin.createSite({ slug: `site-${randomBytes(3).toString('hex')}`, name: 'Test lab' });
  const researcherAccount = await admin.createAccount({ role: 'researcher', displayName: 'Ada Researcher' });
  const evaluatorAccount = await admin.createAccount({
    role: 'evaluator',
    displayName: 'Eve Evaluator',
    siteId: site.id,
  });
  const researcher = anonymous.as(researcherAccount.apiKey.key);
  const versions: OwnedPolicyVersionView[] = [];
  const servers: ReferencePolicyServer[] = [];
  for (let i = 0; i < versionCount; i++) {
    const server = await startReferencePolicyServer({ name: `secretpolicy${i}` });
    t.onStop(() => server.close());
    servers.push(server);
    versions.push(
      await researcher.registerPolicyVersion({
        name: `secretpolicy${i}`,
        version: `v${i}.${randomBytes(2).toString('hex')}`,
        artifactDigest: digestOf(`policy-${i}`),
        embodiment: 'droid-franka',
        requirements: { cameras: ['wrist'], actionSpace: 'joint_position' },
        endpoint: server.url,
      }),
    );
  }
  return {
    admin,
    adminKey: bootstrapped.apiKey.key,
    researcher,
    researcherId: researcherAccount.account.id,
    evaluator: anonymous.as(evaluatorAccount.apiKey.key),
    evaluatorKey: evaluatorAccount.apiKey.key,
    evaluatorId: evaluatorAccount.account.id,
    siteId: site.id,
    versions,
    servers,
  };
}
