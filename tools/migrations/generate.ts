import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'prettier';
import { diffEntitiesAgainstMigrations } from './schema-diff';

const migrationsDir = join(__dirname, '..', '..', 'migrations');

function className(name: string, timestamp: number): string {
  const pascal = name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return `${pascal}${timestamp}`;
}

async function writeIndex(): Promise<void> {
  const files = (await readdir(migrationsDir)).filter((f) => /^\d+-.*\.ts$/.test(f)).sort();
  const imports = files.map((f) => {
    const stem = f.replace(/\.ts$/, '');
    const [timestamp, ...rest] = stem.split('-');
    return { stem, cls: className(rest.join('-'), Number(timestamp)) };
  });
  const text =
    '// Append-only: every migration, oldest first. `npm run migration:generate -- <name>` adds one.\n' +
    imports.map((i) => `import { ${i.cls} } from './${i.stem}';`).join('\n') +
    `\n\nexport const migrations = [${imports.map((i) => i.cls).join(', ')}];\n`;
  await writeFile(
    join(migrationsDir, 'index.ts'),
    await format(text, { parser: 'typescript', singleQuote: true, printWidth: 110 }),
  );
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9-]+$/.test(name))
    throw new Error('usage: npm run migration:generate -- <kebab-case-name>');
  const diff = await diffEntitiesAgainstMigrations();
  if (diff.up.length === 0) {
    process.stdout.write('migrations: nothing to generate, entities and migrations agree\n');
    return;
  }
  const timestamp = Date.now();
  const cls = className(name, timestamp);
  const q = (sql: string) => `    await queryRunner.query(${JSON.stringify(sql)});`;
  const text = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  async up(queryRunner: QueryRunner): Promise<void> {
${diff.up.map(q).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${diff.down.map(q).join('\n')}
  }
}
`;
  const file = join(migrationsDir, `${timestamp}-${name}.ts`);
  await writeFile(file, await format(text, { parser: 'typescript', singleQuote: true, printWidth: 110 }));
  await writeIndex();
  process.stdout.write(`migrations: wrote ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`migrations: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
