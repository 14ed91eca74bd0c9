import { Command } from 'commander';
import { registerAdminCommands } from './commands/admin.command';
import { registerRateCommand } from './commands/rate.command';

const program = new Command('arena')
  .description('policy-arena: double-blind pairwise trials of robot policies')
  .showHelpAfterError();

registerAdminCommands(program);
registerRateCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`arena: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
