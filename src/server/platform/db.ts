// One database engine run two ways: embedded PGlite in a data folder, or a PostgreSQL server
// when DATABASE_URL is set. Same schema, same migrations, same queries.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { SQL, StringChunk, type ExtractTablesWithRelations, type SQLChunk } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from '../db/schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or a transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** true when the embedded data folder was created by this open (a brand-new install). */
  fresh: boolean;
  close(): Promise<void>;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../db/migrations');

export interface OpenOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` for a throwaway in-memory database. */
  dataDir?: string;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    pool.on('error', () => undefined); // idle client errors surface on the next query instead
    const db = drizzlePg(pool, { schema });
    await db.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await migratePg(db, { migrationsFolder });
    return { db: db as unknown as Db, kind: 'postgres', fresh: false, close: () => pool.end() };
  }
  const dataDir = opts.dataDir ?? 'memory://';
  let fresh = dataDir.startsWith('memory://');
  if (!fresh) {
    const pgDir = path.join(dataDir, 'pglite');
    fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
    fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  }
  const client = await PGlite.create(dataDir.startsWith('memory://') ? dataDir : path.join(dataDir, 'pglite'), {
    extensions: { pg_trgm },
  });
  const db = drizzlePglite(client, { schema });
  await db.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: 'pglite', fresh, close: () => client.close() };
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/**
 * A VALUES list, one parenthesised row per entry; plain values become parameters (arrays and
 * JSON must come encoded for their column). Built from chunks: drizzle renders a wrapped value
 * several times slower than a plain one, which showed in a case registration's Node time.
 */
export function valuesOf(rows: unknown[][]): SQL {
  const chunks: SQLChunk[] = [];
  rows.forEach((row, i) => {
    chunks.push(new StringChunk(i === 0 ? '(' : ', ('));
    row.forEach((value, j) => {
      if (j > 0) chunks.push(new StringChunk(', '));
      chunks.push((value === undefined ? null : value) as SQLChunk);
    });
    chunks.push(new StringChunk(')'));
  });
  return new SQL(chunks);
}
