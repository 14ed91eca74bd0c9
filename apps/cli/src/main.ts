import { ArenaApiError } from '@policy-arena/sdk';
import { Command } from 'commander';
import { registerAdminCommands } from './commands/admin.command';
import { registerDemoCommand } from './commands/demo.command';
import { registerRateCommand } from './commands/rate.command';
import { registerStationCommand } from './commands/station.command';
import { registerUploadCommand } from './commands/upload.command';

const program = new Command('arena')
  .description('policy-arena: double-blind pairwise trials of robot policies')
  .showHelpAfterError();

registerAdminCommands(program);
registerRateCommand(program);
registerStationCommand(program);
registerDemoCommand(program);
registerUploadCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const details =
    error instanceof ArenaApiError && error.body?.details
      ? error.body.details.map((d) => `\n  ${d.field}: ${d.problem}`).join('')
      : '';
  process.stderr.write(`arena: ${error instanceof Error ? error.message : String(error)}${details}\n`);
  process.exitCode = 1;
});
