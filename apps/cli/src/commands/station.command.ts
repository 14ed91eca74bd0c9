import { randomBytes } from 'node:crypto';
import { createSimWorld } from '@policy-arena/sim';
import { type Command } from 'commander';
import { runSimStation } from '../sim/sim-station';
import { connect, type ConnectionOptions } from '../support/connection';

interface StationOptions extends ConnectionOptions {
  sim?: boolean;
  site: string;
  count: string;
  trials?: string;
  pause: string;
  seed: string;
}

/**
 * `arena station --sim`: simulated stations at a site that use the real API, sockets, relay and
 * uploads exactly as a real station does. Needs an admin key (it registers the stations and an
 * evaluator for each) and policy versions for the `sim-panda` embodiment (e.g. from `arena demo`).
 */
export function registerStationCommand(program: Command): void {
  program
    .command('station')
    .description('run stations against the platform (only simulated ones so far: --sim)')
    .option('--sim', 'simulated robot and evaluator')
    .requiredOption('--site <siteId>', 'the site the stations belong to')
    .option('--count <n>', 'how many stations', '1')
    .option('--trials <n>', 'stop after this many trials per station (default: run until stopped)')
    .option('--pause <ms>', 'pause between trials', '1000')
    .option('--seed <n>', 'seed of the simulated evaluators', '1')
    .option('--url <url>', 'API base URL (default: $ARENA_URL or http://localhost:3000)')
    .option('--key <apiKey>', 'an admin API key (default: $ARENA_API_KEY)')
    .action(async (options: StationOptions) => {
      if (!options.sim)
        throw new Error('--sim: only simulated stations can be run from the command line for now');
      const admin = connect(options);
      const world = createSimWorld({ seed: Number(options.seed) });
      const count = Number(options.count);
      const abort = new AbortController();
      process.once('SIGINT', () => abort.abort());
      process.once('SIGTERM', () => abort.abort());
      const runs = [];
      for (let i = 0; i < count; i++) {
        const suffix = randomBytes(3).toString('hex');
        const { token } = await admin.createStation(options.site, {
          name: `sim-station-${suffix}`,
          embodiment: 'sim-panda',
          cameras: ['wrist', 'exterior_1'],
        });
        const evaluator = world.evaluators[i % world.evaluators.length]!;
        const account = await admin.createAccount({
          role: 'evaluator',
          displayName: `${evaluator.name}-${suffix}`,
          siteId: options.site,
        });
        runs.push(
          runSimStation({
            baseUrl: admin.baseUrl,
            stationToken: token,
            evaluatorKey: account.apiKey.key,
            evaluator,
            seed: Number(options.seed) * 100 + i,
            pauseMs: Number(options.pause),
            signal: abort.signal,
            ...(options.trials ? { trials: Number(options.trials) } : {}),
            log: (line) => process.stdout.write(`[station ${i + 1}] ${line}\n`),
          }),
        );
      }
      const completed = await Promise.all(runs);
      process.stdout.write(`${completed.reduce((s, n) => s + n, 0)} trials completed\n`);
    });
}
