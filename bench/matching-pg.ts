/**
 * PostgreSQL connection for the pg_trgm baseline of bench/matching.ts: DATABASE_URL when set,
 * otherwise the project's throwaway cluster (scripts/pg-cluster.ts `startCluster`).
 */
import pg from 'pg';
import { startCluster } from '../scripts/pg-cluster';

export interface PgHandle {
  client: pg.Client;
  stop: () => Promise<void>;
}

/** Connect to DATABASE_URL or start a throwaway cluster (stopped and removed by `stop`). */
export async function startPostgres(): Promise<PgHandle> {
  const cluster = process.env.DATABASE_URL ? undefined : await startCluster({ sharedBuffers: '512MB' });
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL ?? cluster?.url });
  try {
    await client.connect();
  } catch (e) {
    cluster?.stop();
    throw e;
  }
  return {
    client,
    stop: async () => {
      try {
        await client.end();
      } finally {
        cluster?.stop();
      }
    },
  };
}
