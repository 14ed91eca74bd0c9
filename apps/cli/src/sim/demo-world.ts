import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { ArenaClient } from '@policy-arena/sdk';
import { createSimWorld, type SimWorld } from '@policy-arena/sim';
import { startSimPolicyServer, type SimPolicyServer } from './sim-policy-server';

/** What the demo created on the platform, kept so a restart reuses it instead of piling up. */
export interface DemoState {
  baseUrl: string;
  seed: number;
  researcherKey: string;
  versions: { name: string; version: string; id: string; port: number }[];
  stations: { siteId: string; stationToken: string; evaluatorKey: string; evaluator: string }[];
}

export interface RunningDemoWorld {
  world: SimWorld;
  state: DemoState;
  servers: SimPolicyServer[];
  close(): Promise<void>;
}

const digestOf = (text: string) =>
  `sha256:${Buffer.from(text.padEnd(32, '.')).subarray(0, 32).toString('hex')}`;

/**
 * Sets up (or picks up again) the demo world on a platform: a researcher with the simulated
 * policies (each served by its own simulated policy server), sites with stations, and one
 * evaluator account per station, acting as one of the world's simulated evaluators.
 */
export async function setUpDemoWorld(options: {
  baseUrl: string;
  adminKey: string;
  stateFile: string;
  seed: number;
}): Promise<RunningDemoWorld> {
  const world = createSimWorld({
    seed: options.seed,
    policies: 6,
    evaluators: 3,
    favouring: 1,
    randomVoters: 0,
    sites: 2,
    stationsPerSite: 2,
  });
  const admin = new ArenaClient({ baseUrl: options.baseUrl, apiKey: options.adminKey });
  const previous = existsSync(options.stateFile)
    ? (JSON.parse(await readFile(options.stateFile, 'utf8')) as DemoState)
    : undefined;
  const usable =
    previous && previous.seed === options.seed && (await keyWorks(options.baseUrl, previous.researcherKey));
  const servers: SimPolicyServer[] = [];
  const close = async () => {
    for (const s of servers) await s.close();
  };
  try {
    if (usable) {
      const researcher = new ArenaClient({ baseUrl: options.baseUrl, apiKey: previous.researcherKey });
      for (const v of previous.versions) {
        const policy = world.policies.find((p) => p.name === v.name)!;
        const server = await startSimPolicyServer(policy, v.port).catch(() => startSimPolicyServer(policy));
        servers.push(server);
        const port = Number(new URL(server.url).port);
        // The server may have come back on another port: tell the platform where it is now.
        if (port !== v.port) {
          await researcher.movePolicyVersion(v.id, server.url);
          v.port = port;
        }
      }
      const state = { ...previous, baseUrl: options.baseUrl };
      await writeFile(options.stateFile, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
      return { world, state, servers, close };
    }
    const researcherAccount = await admin.createAccount({
      role: 'researcher',
      displayName: 'Demo policy lab',
    });
    const researcher = admin.as(researcherAccount.apiKey.key);
    const versions: DemoState['versions'] = [];
    for (const policy of world.policies) {
      const server = await startSimPolicyServer(policy);
      servers.push(server);
      const registered = await researcher.registerPolicyVersion({
        name: policy.name,
        version: policy.version,
        artifactDigest: digestOf(`${policy.name}@${policy.version}`),
        embodiment: 'sim-panda',
        requirements: { cameras: ['wrist'], actionSpace: 'joint_position' },
        endpoint: server.url,
        description: 'A simulated policy of the demo world (hidden skill per task category).',
      });
      versions.push({
        name: policy.name,
        version: policy.version,
        id: registered.id,
        port: Number(new URL(server.url).port),
      });
    }
    const stations: DemoState['stations'] = [];
    let evaluatorIndex = 0;
    for (const site of world.sites) {
      const created = await admin.createSite({ slug: `${site.slug}-${options.seed}`, name: site.name });
      for (const spec of site.stations) {
        const { token } = await admin.createStation(created.id, spec);
        const evaluator = world.evaluators[evaluatorIndex++ % world.evaluators.length]!;
        const account = await admin.createAccount({
          role: 'evaluator',
          displayName: evaluator.name,
          siteId: created.id,
        });
        stations.push({
          siteId: created.id,
          stationToken: token,
          evaluatorKey: account.apiKey.key,
          evaluator: evaluator.name,
        });
      }
    }
    const state: DemoState = {
      baseUrl: options.baseUrl,
      seed: options.seed,
      researcherKey: researcherAccount.apiKey.key,
      versions,
      stations,
    };
    await writeFile(options.stateFile, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
    return { world, state, servers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function keyWorks(baseUrl: string, apiKey: string): Promise<boolean> {
  try {
    await new ArenaClient({ baseUrl, apiKey }).me();
    return true;
  } catch {
    return false;
  }
}
