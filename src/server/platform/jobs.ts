// Scheduled jobs: a timer in the server process. Each run takes a PostgreSQL advisory lock so
// that, with several app instances on one database, only one of them does the work.
// (pg-boss, which the architecture names for PostgreSQL, does not run on embedded PGlite; one
// timer with a lock serves both until a queue is measured to be needed.)
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from './db.js';
import type { Deps } from './http.js';

export interface Job {
  name: string;
  everyMs: number;
  /** Runs inside the transaction that holds the job's lock. */
  run(deps: Deps, tx: Tx): Promise<unknown>;
}

export function startJobs(deps: Deps, jobs: Job[], log: (msg: string, err?: unknown) => void): () => void {
  const timers = jobs.map((job, i) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await deps.db.transaction(async (tx) => {
          const [got] = await queryRows<{ ok: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${7_301_100 + i}) AS ok`);
          if (got?.ok) await job.run(deps, tx);
        });
      } catch (err) {
        log(`job ${job.name} failed`, err);
      } finally {
        running = false;
      }
    };
    setTimeout(() => void tick(), 2_000).unref();
    return setInterval(() => void tick(), job.everyMs).unref();
  });
  return () => timers.forEach(clearInterval);
}
