// Browsing the audit chain (auditors) and verifying it.
import { and, count, desc, eq, gte, ilike, lte, type SQL } from 'drizzle-orm';
import { auditEvents } from '../../db/schema.js';
import { verifyAuditChain, writeAudit, type Origin } from '../../platform/audit.js';
import type { Deps } from '../../platform/http.js';
import type { UserActor } from '../../platform/policy.js';

export interface AuditQuery {
  actor?: string | undefined;
  action?: string | undefined;
  recordType?: string | undefined;
  recordId?: string | undefined;
  outcome?: 'success' | 'denied' | 'failure' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listEvents(deps: Deps, actor: UserActor, q: AuditQuery, origin: Origin) {
  const conditions: SQL[] = [];
  if (q.actor) conditions.push(ilike(auditEvents.actorName, `${q.actor.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  if (q.action) conditions.push(ilike(auditEvents.action, `${q.action.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  if (q.recordType) conditions.push(eq(auditEvents.recordType, q.recordType));
  if (q.recordId) conditions.push(eq(auditEvents.recordId, q.recordId));
  if (q.outcome) conditions.push(eq(auditEvents.outcome, q.outcome));
  if (q.from) conditions.push(gte(auditEvents.at, new Date(q.from).toISOString()));
  if (q.to) conditions.push(lte(auditEvents.at, new Date(q.to).toISOString()));
  const where = conditions.length ? and(...conditions) : undefined;
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.seq))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await tx.select({ n: count() }).from(auditEvents).where(where);
    // Looking at who did what is itself an access worth recording.
    const { page, pageSize, ...filters } = q;
    await writeAudit(tx, actor, origin, { action: 'audit.read', recordType: 'audit_events', details: { filters, page, pageSize } });
    return {
      items: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
      total: total?.n ?? 0,
      page,
      pageSize,
    };
  });
}

export async function verify(deps: Deps, actor: UserActor, origin: Origin) {
  const result = await verifyAuditChain(deps.db);
  await deps.db.transaction((tx) => writeAudit(tx, actor, origin, { action: 'audit.verify', details: { ok: result.ok, checked: result.checked, brokenAt: result.brokenAt?.seq ?? null } }));
  return result;
}
