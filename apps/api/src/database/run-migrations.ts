import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// Any constant shared by every API process: the advisory lock serialises concurrent boots.
const MIGRATION_LOCK = 7_355_608;

/** Brings the schema up to date before the API serves; safe when several processes boot at once. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), extra: { max: 1 } });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
