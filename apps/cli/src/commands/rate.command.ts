import type { Command } from 'commander';

// Placeholder until the rating engine lands (issue 3): registers the command so `arena --help` lists it.
export function registerRateCommand(program: Command): void {
  program.command('rate').description('rate policies from a JSONL file of pairwise trials');
}
