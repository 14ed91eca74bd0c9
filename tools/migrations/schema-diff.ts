import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { startEmbeddedPostgres } from '../../apps/api/src/embedded/embedded-postgres';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/**
 * Applies every migration to a throw-away Postgres, then asks TypeORM what SQL would bring that
 * schema to what the entities describe — the same computation `typeorm migration:generate` does.
 * An empty diff means entities and migrations agree.
 */
export async function diffEntitiesAgainstMigrations(): Promise<SchemaDiff> {
  const dir = await mkdtemp(join(tmpdir(), 'arena-schema-'));
  const postgres = await startEmbeddedPostgres(dir, { persistent: false });
  const dataSource = new DataSource(dataSourceOptions(postgres.url));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((q) => q.query),
      down: sql.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await postgres.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
