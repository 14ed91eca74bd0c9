import { diffEntitiesAgainstMigrations } from './schema-diff';

// CI step: a red build when the entities describe a schema the migrations do not create.
diffEntitiesAgainstMigrations().then(
  (diff) => {
    if (diff.up.length === 0) {
      process.stdout.write('migrations: entities and migrations agree\n');
      return;
    }
    process.stderr.write(
      'migrations: the entities and migrations have drifted apart. Run `npm run migration:generate -- <name>`.\n' +
        'Missing SQL:\n' +
        diff.up.map((q) => `  ${q};`).join('\n') +
        '\n',
    );
    process.exitCode = 1;
  },
  (error: unknown) => {
    process.stderr.write(`migrations: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
