import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { setUpDemoWorld } from '../sim/demo-world';
import { runSimStation } from '../sim/sim-station';

interface DemoOptions {
  url: string;
  key?: string;
  credentials?: string;
  dataDir: string;
  seed: string;
  pause: string;
  trials?: string;
  quiet?: boolean;
}

/**
 * `arena demo`: the simulated evaluation network on a running platform — simulated policy
 * servers, sites, stations and evaluators — running trials until stopped. `npm start` runs it in
 * embedded mode so a newcomer sees the board fill.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run the simulated evaluation network (policies, stations, evaluators) against a platform')
    .option('--url <url>', 'API base URL', process.env['ARENA_URL'] ?? 'http://localhost:3000')
    .option('--key <adminKey>', 'an admin API key (default: the demo admin in --credentials)')
    .option('--credentials <file>', 'demo credentials written by the platform in embedded mode')
    .option('--data-dir <dir>', 'where the demo keeps its state', process.env['ARENA_DATA_DIR'] ?? '.data')
    .option('--seed <n>', 'seed of the simulated world', '1')
    .option('--pause <ms>', 'pause between trials at each station', '1500')
    .option('--trials <n>', 'stop after this many trials per station (default: run until stopped)')
    .option('--quiet', 'print only a summary line per 10 trials')
    .action(async (options: DemoOptions) => {
      const adminKey =
        options.key ??
        (options.credentials
          ? (JSON.parse(await readFile(options.credentials, 'utf8')) as { admin: { apiKey: string } }).admin
              .apiKey
          : undefined);
      if (!adminKey) throw new Error('give --key <admin key> or --credentials <demo-credentials.json>');
      const demo = await setUpDemoWorld({
        baseUrl: options.url,
        adminKey,
        stateFile: join(options.dataDir, 'demo-world.json'),
        seed: Number(options.seed),
      });
      const abort = new AbortController();
      const stop = () => abort.abort();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      let total = 0;
      const say = (line: string) => process.stdout.write(`[demo] ${line}\n`);
      say(`${demo.state.versions.length} simulated policies, ${demo.state.stations.length} stations`);
      try {
        await Promise.all(
          demo.state.stations.map((station, i) =>
            runSimStation({
              baseUrl: options.url,
              stationToken: station.stationToken,
              evaluatorKey: station.evaluatorKey,
              evaluator: demo.world.evaluators.find((e) => e.name === station.evaluator)!,
              seed: Number(options.seed) * 1000 + i + (Date.now() % 1000),
              pauseMs: Number(options.pause),
              signal: abort.signal,
              ...(options.trials ? { trials: Number(options.trials) } : {}),
              onTrial: () => {
                total++;
                if (!options.quiet || total % 10 === 0) say(`${total} trials completed`);
              },
            }),
          ),
        );
      } finally {
        await demo.close();
      }
    });
}
