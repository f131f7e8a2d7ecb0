// Live events: a small publish/subscribe bus for pushing changes to browsers (Server-Sent
// Events). In one process it is an EventEmitter. On PostgreSQL it also NOTIFYs, and LISTENs on
// a dedicated connection, so every app instance behind the load balancer sees every event.
// Events are small (ids, kinds, states): never identity, since NOTIFY payloads are not encrypted
// and are limited to 8000 bytes. Publish after the transaction has committed.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Db } from './db.js';
import type { Deps } from './http.js';

export type LiveEvent = Record<string, unknown> & { type: string };
type Listener = (event: LiveEvent) => void;

const PG_CHANNEL = 'hifazat_live';

export class LiveEvents {
  private readonly emitter = new EventEmitter();
  private readonly instance = randomUUID();
  private listener: pg.PoolClient | null = null;
  private closed = false;

  constructor(private readonly db: Db, private readonly kind: 'pglite' | 'postgres') {
    this.emitter.setMaxListeners(0);
  }

  /** Starts LISTENing on PostgreSQL (a no-op on PGlite, where one process is all there is). */
  async start(): Promise<void> {
    if (this.kind !== 'postgres' || this.listener) return;
    const pool = (this.db as unknown as { $client?: pg.Pool }).$client;
    if (!pool || typeof pool.connect !== 'function') return;
    const client = await pool.connect();
    client.on('notification', (msg) => {
      if (msg.channel !== PG_CHANNEL || !msg.payload) return;
      try {
        const { from, channel, event } = JSON.parse(msg.payload) as { from: string; channel: string; event: LiveEvent };
        if (from !== this.instance) this.emitter.emit(channel, event);
      } catch {
        // a malformed payload is dropped
      }
    });
    client.on('error', () => undefined);
    await client.query(`LISTEN ${PG_CHANNEL}`);
    this.listener = client;
  }

  /** Delivers to this instance's subscribers at once, and to the other instances through NOTIFY. */
  publish(channel: string, event: LiveEvent): void {
    if (this.closed) return;
    this.emitter.emit(channel, event);
    if (this.kind === 'postgres') {
      const payload = JSON.stringify({ from: this.instance, channel, event });
      void this.db.execute(sql`SELECT pg_notify(${PG_CHANNEL}, ${payload})`).catch(() => undefined);
    }
  }

  /** Subscribes; returns the function that unsubscribes. */
  subscribe(channel: string, listener: Listener): () => void {
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.emitter.removeAllListeners();
    const client = this.listener;
    this.listener = null;
    if (client) {
      try {
        await client.query(`UNLISTEN ${PG_CHANNEL}`);
      } catch {
        // the connection may already be gone
      }
      client.release();
    }
  }
}

const buses = new WeakMap<Db, LiveEvents>();

/** The bus for this database (one per process and database). */
export function liveEvents(deps: Pick<Deps, 'db' | 'dbKind'>): LiveEvents {
  let bus = buses.get(deps.db);
  if (!bus) {
    bus = new LiveEvents(deps.db, deps.dbKind);
    buses.set(deps.db, bus);
  }
  return bus;
}

/** Forgets the bus of a database being closed (the app's onClose). */
export async function closeLiveEvents(deps: Pick<Deps, 'db'>): Promise<void> {
  const bus = buses.get(deps.db);
  buses.delete(deps.db);
  await bus?.close();
}
