// The audit chain. Every write, every read of protected personal data and every denied attempt
// appends one event in the same transaction as the work it records. Each event carries the
// hash of the one before it, so a changed, removed or inserted row breaks the chain at that
// point; `npm run audit:verify` walks the chain and names the first broken link.
import crypto from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { auditEvents } from '../db/schema.js';
import type { Db, Executor, Tx } from './db.js';
import type { Actor } from './policy.js';

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises appends so that every event links to the one before it. */
const AUDIT_LOCK_KEY = 7_301_002;

export type AuditOutcome = 'success' | 'denied' | 'failure';

/** Where a request came from; filled by the HTTP layer, empty for jobs and the CLI. */
export interface Origin {
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEntry {
  action: string;
  outcome?: AuditOutcome;
  recordType?: string;
  recordId?: string;
  /** Names of the fields written or read, never their values. */
  fields?: string[];
  details?: Record<string, unknown>;
}

interface ChainedContent {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  unitId: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  fields: string[] | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
}

interface Pending {
  actor: Actor | null;
  origin: Origin;
  entry: AuditEntry;
  at: string;
}

/** Transactions opened by `auditedTransaction`: their events are appended together at the end. */
const buffers = new WeakMap<Tx, Pending[]>();

/**
 * A transaction whose audit events are appended together just before it commits: the chain's
 * lock is then held for one multi-row insert, not for the whole of the work (a case
 * registration writes several events and would otherwise serialise every other write).
 */
export async function auditedTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    buffers.set(tx, []);
    const result = await fn(tx);
    const pending = buffers.get(tx) ?? [];
    buffers.delete(tx);
    await append(tx, pending);
    return result;
  });
}

/** Appends one event, in the transaction of the work it records. */
export async function writeAudit(tx: Tx, actor: Actor | null, origin: Origin, entry: AuditEntry): Promise<void> {
  const item = { actor, origin, entry, at: new Date().toISOString() };
  const buffer = buffers.get(tx);
  if (buffer) buffer.push(item);
  else await append(tx, [item]);
}

async function append(tx: Tx, items: Pending[]): Promise<void> {
  if (items.length === 0) return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = items.map(({ actor, origin, entry, at }) => {
    seq += 1;
    const content: ChainedContent = {
      seq,
      at,
      actorId: actor?.kind === 'user' ? actor.userId : null,
      actorName: actor ? (actor.kind === 'user' ? actor.username : `system:${actor.name}`) : null,
      unitId: actor?.kind === 'user' ? actor.unitId : null,
      action: entry.action,
      recordType: entry.recordType ?? null,
      recordId: entry.recordId ?? null,
      fields: entry.fields ?? null,
      outcome: entry.outcome ?? 'success',
      ip: origin.ip ?? null,
      userAgent: origin.userAgent ? origin.userAgent.slice(0, 300) : null,
      details: entry.details ?? null,
    };
    const hash = chainHash(prevHash, content);
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // an import may append tens of thousands of events: a statement takes at most 65,535 parameters
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditEvents).values(rows.slice(i, i + 1000));
}

/** Records a denied attempt in a transaction of its own (the denied work never ran). */
export async function writeDenied(db: Db, actor: Actor | null, origin: Origin, entry: AuditEntry): Promise<void> {
  await db.transaction((tx) => writeAudit(tx, actor, origin, { ...entry, outcome: 'denied' }));
}

export function chainHash(prevHash: string, c: ChainedContent): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonicalJson(c)).digest('hex');
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first event whose link or content does not hold. */
  brokenAt?: { seq: number; reason: string };
}

/** Walks the whole chain in order, in batches. */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.seq, expectedSeq - 1)).orderBy(asc(auditEvents.seq)).limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.seq !== expectedSeq) return { ok: false, checked, brokenAt: { seq: expectedSeq, reason: `event ${expectedSeq} is missing (next present is ${row.seq})` } };
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAt: { seq: row.seq, reason: 'its link to the previous event does not match' } };
      const content: ChainedContent = {
        seq: row.seq,
        at: new Date(row.at).toISOString(),
        actorId: row.actorId,
        actorName: row.actorName,
        unitId: row.unitId,
        action: row.action,
        recordType: row.recordType,
        recordId: row.recordId,
        fields: row.fields,
        outcome: row.outcome,
        ip: row.ip,
        userAgent: row.userAgent,
        details: row.details,
      };
      if (chainHash(prevHash, content) !== row.hash) return { ok: false, checked, brokenAt: { seq: row.seq, reason: 'its content was changed after it was written' } };
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}
