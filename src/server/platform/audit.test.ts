import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeUser, signIn, testEnv, type TestEnv } from '../../../test/support.js';
import { auditEvents } from '../db/schema.js';
import { verifyAuditChain, writeAudit } from './audit.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const cli = { kind: 'system', name: 'cli' } as const;

describe('audit chain', () => {
  it('refuses UPDATE, DELETE and TRUNCATE at the database level', async () => {
    await env.deps.db.transaction((tx) => writeAudit(tx, cli, {}, { action: 'test.write' }));
    await expect(env.deps.db.execute(sql`UPDATE audit_events SET action = 'x'`)).rejects.toThrow();
    await expect(env.deps.db.execute(sql`DELETE FROM audit_events`)).rejects.toThrow();
    await expect(env.deps.db.execute(sql`TRUNCATE audit_events`)).rejects.toThrow();
    expect((await verifyAuditChain(env.deps.db)).ok).toBe(true);
  });

  it('writes the audit event in the same transaction as the work: a rolled-back write leaves no event', async () => {
    const before = (await env.deps.db.select().from(auditEvents)).length;
    await expect(
      env.deps.db.transaction(async (tx) => {
        await writeAudit(tx, cli, {}, { action: 'test.rolledBack' });
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect((await env.deps.db.select().from(auditEvents)).length).toBe(before);
  });

  it('records denied attempts with who, where and what', async () => {
    const analyst = await makeUser(env.deps, { roles: ['monitoring-cell-analyst'], unit: 'ATU-CMC' });
    const s = await signIn(env.app, analyst);
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie: s.cookie, 'user-agent': 'journey-test' } });
    expect(res.statusCode).toBe(403);
    const rows = await env.deps.db.select().from(auditEvents).where(sql`${auditEvents.actorId} = ${analyst.id} AND ${auditEvents.outcome} = 'denied'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'user.read', unitId: expect.any(String), userAgent: 'journey-test', ip: '127.0.0.1' });
  });

  it('auditors browse and filter events; others may not', async () => {
    const auditor = await makeUser(env.deps, { roles: ['auditor'], unit: 'MOI' });
    const s = await signIn(env.app, auditor);
    const res = await as(env.app, s).get('/api/v1/audit/events?action=auth.login&outcome=success&pageSize=5');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((e: { action: string; outcome: string }) => e.action === 'auth.login' && e.outcome === 'success')).toBe(true);
    expect((await as(env.app, s).get('/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
    const other = await signIn(env.app, await makeUser(env.deps, { roles: ['monitoring-cell-analyst'], unit: 'ATU-CMC' }));
    expect((await as(env.app, other).get('/api/v1/audit/events')).statusCode).toBe(403);
  });

  it('names the first broken link when someone with database power edits history', async () => {
    for (let i = 0; i < 5; i++) await env.deps.db.transaction((tx) => writeAudit(tx, cli, {}, { action: `test.chain.${i}` }));
    const [target] = await env.deps.db.select({ seq: auditEvents.seq }).from(auditEvents).where(sql`${auditEvents.action} = 'test.chain.2'`);
    // An attacker with superuser rights switches the guard off and rewrites one event.
    await env.deps.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await env.deps.db.execute(sql`UPDATE audit_events SET outcome = 'denied' WHERE seq = ${target!.seq}`);
    await env.deps.db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    const result = await verifyAuditChain(env.deps.db);
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toEqual({ seq: target!.seq, reason: 'its content was changed after it was written' });
  });

  it('detects a removed event', async () => {
    const fresh = await testEnv();
    try {
      for (let i = 0; i < 3; i++) await fresh.deps.db.transaction((tx) => writeAudit(tx, cli, {}, { action: `x.${i}` }));
      const [last] = await fresh.deps.db.select({ seq: auditEvents.seq }).from(auditEvents).where(sql`${auditEvents.action} = 'x.1'`);
      await fresh.deps.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
      await fresh.deps.db.execute(sql`DELETE FROM audit_events WHERE seq = ${last!.seq}`);
      const result = await verifyAuditChain(fresh.deps.db);
      expect(result.brokenAt?.seq).toBe(last!.seq);
      expect(result.brokenAt?.reason).toMatch(/missing/);
    } finally {
      await fresh.close();
    }
  });
});
