import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlRunner } from './db.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** Arbitrary constant: every replica starting at once queues on this lock, one migrates. */
const MIGRATION_LOCK = 720_330_001;

export interface Migration {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface MigrationResult {
  readonly applied: string[];
  readonly alreadyApplied: string[];
}

export class MigrationError extends Error {}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = (await fs.readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(entries.map(async (name) => {
    const sql = await fs.readFile(path.join(dir, name, 'migration.sql'), 'utf8');
    return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  }));
}

/**
 * Applies pending migrations, each in its own transaction, recording name and checksum.
 * The Prisma migrate CLI needs a downloaded schema engine, so the application does this itself,
 * identically on PGlite and PostgreSQL. A changed, already-applied migration stops start-up.
 */
export async function migrate(sql: SqlRunner, migrations?: Migration[]): Promise<MigrationResult> {
  const all = migrations ?? (await loadMigrations());
  return sql.withLock(MIGRATION_LOCK, async (runner) => {
    await runner.exec(`CREATE TABLE IF NOT EXISTS _migration (
      name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const rows = await runner.query<{ name: string; checksum: string }>('SELECT name, checksum FROM _migration');
    const done = new Map(rows.map((row) => [row.name, row.checksum]));
    const applied: string[] = [];
    const alreadyApplied: string[] = [];
    for (const migration of all) {
      const recorded = done.get(migration.name);
      if (recorded !== undefined) {
        if (recorded !== migration.checksum) {
          throw new MigrationError(`migration ${migration.name} was changed after it was applied (checksum differs); add a new migration instead`);
        }
        alreadyApplied.push(migration.name);
        continue;
      }
      await applyOne(runner, migration);
      applied.push(migration.name);
    }
    return { applied, alreadyApplied };
  });
}

async function applyOne(runner: SqlRunner, migration: Migration): Promise<void> {
  await runner.exec('BEGIN');
  try {
    await runner.exec(migration.sql);
    await runner.query('INSERT INTO _migration (name, checksum) VALUES ($1, $2)', [migration.name, migration.checksum]);
    await runner.exec('COMMIT');
  } catch (error) {
    await runner.exec('ROLLBACK');
    throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`);
  }
}
