/**
 * Throwaway PostgreSQL 15 cluster for the pg_trgm baseline of bench/matching.ts.
 * Uses DATABASE_URL when set; otherwise initdb + pg_ctl in a temp dir on a free port
 * (as the postgres user when running as root, since initdb refuses root).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN = '/usr/lib/postgresql/15/bin';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface PgHandle {
  client: pg.Client;
  stop: () => Promise<void>;
}

function runAs(args: string[], asPostgres: boolean): void {
  const [cmd, ...rest] = args;
  if (!cmd) return;
  if (asPostgres) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...rest], { stdio: 'pipe' });
  else execFileSync(cmd, rest, { stdio: 'pipe' });
}

/** Connect to DATABASE_URL or start a throwaway cluster. */
export async function startPostgres(): Promise<PgHandle> {
  if (process.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    return { client, stop: async () => { await client.end(); } };
  }
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'hifazat-pg-'));
  if (asPostgres) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  runAs([`${BIN}/initdb`, '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'], asPostgres);
  const opts = `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c maintenance_work_mem=1GB -c max_parallel_maintenance_workers=2`;
  runAs([`${BIN}/pg_ctl`, '-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start'], asPostgres);
  const client = new pg.Client({ host: dir, port, user: 'postgres', database: 'postgres' });
  await client.connect();
  return {
    client,
    stop: async () => {
      await client.end();
      runAs([`${BIN}/pg_ctl`, '-D', data, '-m', 'immediate', 'stop'], asPostgres);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
