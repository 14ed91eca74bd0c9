// The migrations Job: brings the schema up to date and exits. Run from the image's /app with
//   node -r @swc-node/register infra/scripts/migrate.js
// (the same advisory lock as the API's own boot-time migration, so racing it is harmless).
const { runMigrations } = require('../../apps/api/src/database/run-migrations');

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  process.stderr.write('DATABASE_URL: expected postgres://user:password@host:port/database\n');
  process.exit(2);
}
runMigrations(url).then(
  (applied) => {
    process.stdout.write(
      JSON.stringify({ level: 'info', context: 'migrations', msg: 'schema up to date', applied }) + '\n',
    );
    process.exit(0);
  },
  (error) => {
    process.stderr.write(
      JSON.stringify({ level: 'error', context: 'migrations', msg: String(error && error.message) }) + '\n',
    );
    process.exit(1);
  },
);
