import { InvalidArgumentError, Option, type Command } from 'commander';
import { CI_METHODS, RATING_METHODS, rate, type CiMethod, type RatingMethod } from '@policy-arena/rating';
import { formatCsv, formatTable } from './rate/format-table';
import { readTrials } from './rate/read-trials';

const FORMATS = ['json', 'table', 'csv'] as const;
type Format = (typeof FORMATS)[number];

interface RateCommandOptions {
  input: string;
  method: RatingMethod;
  ci: CiMethod;
  rounds: number;
  seed: string;
  format: Format;
  category?: string;
  k?: number;
}

function positiveInteger(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 2)
      throw new InvalidArgumentError(`${name}: expected an integer ≥ 2, got ${value}`);
    return n;
  };
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n))
    throw new InvalidArgumentError(`expected a positive number, got ${value}`);
  return n;
}

/** A numeric seed stays a number so `--seed 7` and `rate(…, { seed: 7 })` draw the same stream. */
function parseSeed(value: string): number | string {
  return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

export function registerRateCommand(program: Command): void {
  program
    .command('rate')
    .description('rate policies from a JSONL file of pairwise trials (one PairwiseRecord per line)')
    .requiredOption(
      '-i, --input <file>',
      'JSONL file of {a, b, winner, category?, evaluator?, ts?, propensity?}',
    )
    .addOption(new Option('-m, --method <method>', 'rating method').choices(RATING_METHODS).default('bt'))
    .addOption(
      new Option('--ci <ci>', 'interval method (bt, davidson, task)').choices(CI_METHODS).default('sandwich'),
    )
    .option('--rounds <n>', 'bootstrap rounds', positiveInteger('--rounds'), 100)
    .option('--seed <seed>', 'seed of the bootstrap draws', '0')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('json'))
    .option('-c, --category <category>', 'rate only the trials of this category')
    .option('-k, --k <k>', 'Elo K factor (method elo)', positiveNumber)
    .action(async (options: RateCommandOptions) => {
      const records = await readTrials(options.input);
      const table = rate(records, {
        method: options.method,
        ci: options.ci,
        rounds: options.rounds,
        seed: parseSeed(options.seed),
        ...(options.category !== undefined ? { category: options.category } : {}),
        ...(options.k !== undefined ? { k: options.k } : {}),
      });
      const out =
        options.format === 'json'
          ? `${JSON.stringify(table)}\n`
          : options.format === 'csv'
            ? formatCsv(table)
            : formatTable(table);
      process.stdout.write(out);
    });
}
