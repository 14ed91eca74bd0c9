import type { DataSourceOptions } from 'typeorm';
import { migrations } from '@policy-arena/migrations';
import { entities } from './entities';

/** The one description of the database, shared by the API, the migration tools and the tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    migrationsTransactionMode: 'each',
    extra: { max: 20 },
  };
}
