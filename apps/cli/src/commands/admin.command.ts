import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AccountRole } from '@policy-arena/domain';
import { type Command, Option } from 'commander';
import { connect, print, type ConnectionOptions } from '../support/connection';

interface BootstrapOptions extends ConnectionOptions {
  token?: string;
  tokenFile: string;
  name?: string;
}

async function readToken(options: BootstrapOptions): Promise<string> {
  if (options.token) return options.token;
  if (process.env['ARENA_BOOTSTRAP_TOKEN']) return process.env['ARENA_BOOTSTRAP_TOKEN'];
  const file = resolve(options.tokenFile);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    throw new Error(
      `no bootstrap token: pass --token, set ARENA_BOOTSTRAP_TOKEN, or run where the server's data folder is (${file} not readable). ` +
        'If the platform already has an admin, ask them for a key.',
    );
  }
}

export function registerAdminCommands(program: Command): void {
  const admin = program.command('admin').description('platform administration');
  const withConnection = (c: Command) =>
    c
      .option('--url <url>', 'API base URL (default: $ARENA_URL or http://localhost:3000)')
      .option('--key <apiKey>', 'an admin API key (default: $ARENA_API_KEY)');

  withConnection(admin.command('bootstrap'))
    .description('create the first admin and print its API key (once per platform)')
    .option('--token <token>', 'the bootstrap token (default: $ARENA_BOOTSTRAP_TOKEN or the token file)')
    .option(
      '--token-file <path>',
      'file the server wrote its bootstrap token to',
      `${process.env['ARENA_DATA_DIR'] ?? '.data'}/bootstrap-token`,
    )
    .option('--name <displayName>', 'display name of the admin')
    .action(async (options: BootstrapOptions) => {
      const created = await connect(options).bootstrapAdmin(await readToken(options), options.name);
      process.stdout.write(
        `admin account ${created.account.id}\n` +
          `API key (shown once; store it now): ${created.apiKey.key}\n`,
      );
    });

  withConnection(admin.command('create-site'))
    .description('register a site (a lab with stations)')
    .requiredOption('--slug <slug>', 'short lower-case name, e.g. berkeley-droid')
    .requiredOption('--name <name>', 'display name')
    .action(async (options: ConnectionOptions & { slug: string; name: string }) => {
      print(await connect(options).createSite({ slug: options.slug, name: options.name }));
    });

  withConnection(admin.command('create-account'))
    .description('create an admin, researcher or evaluator and print its first API key')
    .addOption(new Option('--role <role>', 'account role').choices(AccountRole.options).makeOptionMandatory())
    .requiredOption('--name <displayName>', 'display name (never shown publicly)')
    .option('--site <siteId>', 'the site an evaluator belongs to')
    .action(async (options: ConnectionOptions & { role: AccountRole; name: string; site?: string }) => {
      print(
        await connect(options).createAccount({
          role: options.role,
          displayName: options.name,
          ...(options.site ? { siteId: options.site } : {}),
        }),
      );
    });
}
