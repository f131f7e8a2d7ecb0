import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeUser, signIn, testEnv, type Session, type TestEnv, type TestUser } from '../../../../test/support.js';
import { auditEvents, helplineHandoffs, notifications } from '../../db/schema.js';
import { createApiToken } from '../../platform/auth.js';
import { abuseLimits, resetFloodMeter, solveChallenge } from './pow.js';
import { helplineReminders, maskPhone } from './service.js';

let env: TestEnv;
let operatorUser: TestUser;
let operator: Session;
let operator2: Session;
let supervisorUser: TestUser;
let supervisor: Session;
let atuGrw: Session;
let atuGrwSupervisorId: string;
let atuKhi: Session;
let analyst: Session;
let pbxToken: string;

beforeAll(async () => {
  env = await testEnv();
  abuseLimits.perAddressPer10Minutes = 1000;
  operatorUser = await makeUser(env.deps, { roles: ['helpline-operator'], unit: 'HELPLINE' });
  operator = await signIn(env.app, operatorUser);
  operator2 = await signIn(env.app, await makeUser(env.deps, { roles: ['helpline-operator'], unit: 'HELPLINE' }));
  supervisorUser = await makeUser(env.deps, { roles: ['helpline-supervisor'], unit: 'HELPLINE' });
  supervisor = await signIn(env.app, supervisorUser);
  atuGrw = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-GRW' }));
  atuGrwSupervisorId = (await makeUser(env.deps, { roles: ['atu-supervisor'], unit: 'ATU-GRW' })).id;
  atuKhi = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-KHI' }));
  analyst = await signIn(env.app, await makeUser(env.deps, { roles: ['monitoring-cell-analyst'], unit: 'ATU-CMC' }));
  const bridge = await makeUser(env.deps, { roles: ['helpline-operator'], unit: 'HELPLINE', totp: false });
  pbxToken = (await createApiToken(env.deps.db, bridge.id, 'pbx', null)).token;
});
afterAll(() => env.close());

/** What the public page does: fetch a challenge and solve it. */
async function pow() {
  const c = (await env.app.inject({ method: 'GET', url: '/api/v1/helpline/challenge' })).json() as { challenge: string; difficulty: number };
  return { challenge: c.challenge, nonce: solveChallenge(c.challenge, c.difficulty) };
}

const report = (extra: Record<string, unknown> = {}) => ({
  whatHappened: 'A family of seven is kept at a brick kiln near Daska; the owner says they owe him 400,000 rupees and will not let them leave.',
  where: { district: 'Sialkot', place: 'brick kiln on the Daska road' },
  when: 'for two years; seen last week',
  whoIsAtRisk: 'two adults and five children',
  reporterIs: 'community',
  contact: { method: 'phone', value: '0300-1234567', safeFrom: '14:00', safeTo: '16:00', codeWord: 'bricks' },
  language: 'ur',
  ...extra,
});

const publicPost = (url: string, payload: unknown, headers: Record<string, string> = {}) => env.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('the public side', () => {
  it('refuses a report without a proof of work, with a forged one, and a reused one', async () => {
    expect((await publicPost('/api/v1/helpline/reports', report())).statusCode).toBe(400);
    const p = await pow();
    const forged = await publicPost('/api/v1/helpline/reports', report({ pow: { challenge: p.challenge.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), nonce: p.nonce } }));
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('proof_of_work');
    const unsolved = await publicPost('/api/v1/helpline/reports', report({ pow: { challenge: p.challenge, nonce: 'not-the-answer-' } }));
    expect([400]).toContain(unsolved.statusCode);
    expect((await publicPost('/api/v1/helpline/reports', report({ pow: p }))).statusCode).toBe(201);
    const again = await publicPost('/api/v1/helpline/reports', report({ pow: p }));
    expect(again.statusCode).toBe(429);
  });

  it('turns on the stricter difficulty when reports flood in', async () => {
    const saved = abuseLimits.floodPerMinute;
    abuseLimits.floodPerMinute = 1;
    const hard = (await env.app.inject({ method: 'GET', url: '/api/v1/helpline/challenge' })).json() as { difficulty: number };
    expect(hard.difficulty).toBe(abuseLimits.floodDifficulty);
    abuseLimits.floodPerMinute = saved;
    resetFloodMeter();
    const normal = (await env.app.inject({ method: 'GET', url: '/api/v1/helpline/challenge' })).json() as { difficulty: number };
    expect(normal.difficulty).toBe(abuseLimits.difficulty);
  });

  it('rate limits submissions per address (in memory)', async () => {
    const saved = abuseLimits.perAddressPer10Minutes;
    abuseLimits.perAddressPer10Minutes = 1;
    const headers = { 'x-forwarded-for': '198.51.100.7' };
    const r1 = await env.app.inject({ method: 'POST', url: '/api/v1/helpline/complaints', payload: { agency: 'Police station', whatHappened: 'x', language: 'en' }, remoteAddress: '198.51.100.7', headers });
    const r2 = await env.app.inject({ method: 'POST', url: '/api/v1/helpline/complaints', payload: { agency: 'Police station', whatHappened: 'x', language: 'en' }, remoteAddress: '198.51.100.7', headers });
    abuseLimits.perAddressPer10Minutes = saved;
    expect(r1.statusCode).toBe(400); // no proof of work
    expect(r2.statusCode).toBe(429);
  });

  it('a complaint is tracked to an answer that the complainant reads with the secret', async () => {
    const res = await publicPost('/api/v1/helpline/complaints', { agency: 'Passport office, Gujranwala', whatHappened: 'I was asked for money to return my passport.', language: 'en', pow: await pow() });
    expect(res.statusCode).toBe(201);
    const { reference, secret } = res.json() as { reference: string; secret: string };
    const list = (await as(env.app, operator).get('/api/v1/helpline/submissions?kind=complaint')).json();
    const item = list.items.find((i: { reference: string }) => i.reference === reference);
    expect(item.agency).toBe('Passport office, Gujranwala');
    const answered = await as(env.app, operator).post(`/api/v1/helpline/submissions/${item.id}/replies`, { version: item.version, body: 'We have passed this to the FIA Gujranwala zone; they will contact you.', status: 'answered' });
    expect(answered.statusCode).toBe(200);
    const status = (await env.app.inject({ method: 'GET', url: `/api/v1/helpline/reports/${reference}`, headers: { 'x-report-secret': secret } })).json();
    expect(status.status).toBe('answered');
    expect(status.messages[0]).toMatchObject({ from: 'staff', body: expect.stringContaining('FIA Gujranwala') });
  });
});

// ---- Server-Sent Events ----------------------------------------------------------------------

interface Stream {
  next(pred: (e: { type: string; contactId?: string; assignedTo?: string }) => boolean, timeoutMs?: number): Promise<{ type: string; contactId?: string; assignedTo?: string }>;
  close(): Promise<void>;
}

async function openStream(base: string, s: Session): Promise<Stream> {
  const res = await fetch(`${base}/api/v1/helpline/queue/stream`, { headers: { cookie: s.cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: Array<{ type: string; contactId?: string }> = [];
  const waiters: Array<() => void> = [];
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)) as { type: string });
        waiters.splice(0).forEach((w) => w());
      }
    }
  })();
  return {
    async next(pred, timeoutMs = 1000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const idx = events.findIndex(pred);
        if (idx >= 0) return events.splice(idx, 1)[0]!;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    close: () => reader.cancel(),
  };
}

describe('from an anonymous report to an inquiry case', () => {
  let base: string;
  let stream: Stream;
  let reference: string;
  let secret: string;
  let contactId: string;
  let handoffId: string;

  beforeAll(async () => {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = env.app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    stream = await openStream(base, operator);
    await stream.next((e) => e.type === 'ready');
  });
  afterAll(() => stream.close());

  it('401 without a session, on the queue and its stream', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/helpline/queue' })).statusCode).toBe(401);
    expect((await fetch(`${base}/api/v1/helpline/queue/stream`)).status).toBe(401);
    expect((await as(env.app, atuGrw).get('/api/v1/helpline/queue')).statusCode).toBe(403);
  });

  it('an anonymous report reaches the live queue of a signed-in operator within a second', async () => {
    const p = await pow();
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/helpline/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report({ pow: p })) });
    expect(res.status).toBe(201);
    ({ reference, secret } = (await res.json()) as { reference: string; secret: string });
    const e = await stream.next((x) => x.type === 'contact.queued', 1000);
    expect(performance.now() - t0).toBeLessThan(1000);
    contactId = e.contactId!;
    const queue = (await as(env.app, operator).get('/api/v1/helpline/queue')).json();
    const item = queue.items.find((c: { id: string }) => c.id === contactId);
    expect(item).toMatchObject({ channel: 'web', status: 'queued', district: 'Sialkot', province: 'Punjab', callerPhone: '0300-*****67', callerPhoneMasked: true });
  });

  it('measures the queue push latency over 20 reports', async () => {
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const p = await pow();
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/helpline/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report({ pow: p, whatHappened: `latency sample ${i}` })) });
      expect(res.status).toBe(201);
      await stream.next((x) => x.type === 'contact.queued', 1000);
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    const q = (f: number) => samples[Math.min(samples.length - 1, Math.floor(f * samples.length))]!.toFixed(1);
    console.info(`helpline queue push latency (report POST → SSE event), ${samples.length} reports on ${env.deps.dbKind}: median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${samples.at(-1)!.toFixed(1)} ms`);
    expect(samples.at(-1)!).toBeLessThan(1000);
  });

  it('stores no IP address or device identifier for the anonymous report', async () => {
    const events = await env.deps.db.select().from(auditEvents).where(like(auditEvents.action, 'helpline.report.%'));
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect([e.ip, e.userAgent, e.actorId]).toEqual([null, null, null]);
  });

  it('the reporter sees the status with the reference and secret; a wrong secret gets 404', async () => {
    const ok = await env.app.inject({ method: 'GET', url: `/api/v1/helpline/reports/${reference}`, headers: { 'x-report-secret': secret } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('received');
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/helpline/reports/${reference}`, headers: { 'x-report-secret': `${secret}x` } })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/helpline/reports/${reference}` })).statusCode).toBe(404);
    const upd = await publicPost(`/api/v1/helpline/reports/${reference}/updates`, { text: 'The owner has moved them to another kiln.', pow: await pow() }, { 'x-report-secret': secret });
    expect(upd.statusCode).toBe(201);
    await stream.next((x) => x.type === 'contact.updated' && x.contactId === contactId);
  });

  it('the operator claims it (pushed), a second operator cannot, the caller identity is shown and audited', async () => {
    const claimed = await as(env.app, operator).post(`/api/v1/helpline/contacts/${contactId}/claim`);
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ status: 'active', callerPhone: '0300-1234567', codeWord: 'bricks', callerPhoneMasked: false });
    await stream.next((x) => x.type === 'contact.assigned' && x.contactId === contactId && x.assignedTo === operatorUser.id);
    expect((await as(env.app, operator2).post(`/api/v1/helpline/contacts/${contactId}/claim`)).statusCode).toBe(409);
    const audit = await env.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'helpline.readCallerIdentity'));
    expect(audit.some((a) => a.recordId === contactId)).toBe(true);
    const sup = (await as(env.app, supervisor).get('/api/v1/helpline/supervision')).json();
    expect(sup.operators.find((o: { id: string }) => o.id === operatorUser.id).contacts.map((c: { id: string }) => c.id)).toContain(contactId);
    expect((await as(env.app, operator).get('/api/v1/helpline/supervision')).statusCode).toBe(403);
    const status = (await env.app.inject({ method: 'GET', url: `/api/v1/helpline/reports/${reference}`, headers: { 'x-report-secret': secret } })).json();
    expect(status.status).toBe('in-review');
  });

  it('callbacks respect the safety notes', async () => {
    const c = (await as(env.app, operator).get(`/api/v1/helpline/contacts/${contactId}`)).json();
    // 10:00 Pakistan time is outside 14:00–16:00
    const outside = await as(env.app, operator).post(`/api/v1/helpline/contacts/${contactId}/callbacks`, { dueAt: '2030-01-10T10:00:00+05:00', reason: 'ask about the second kiln' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.message).toContain('between 14:00 and 16:00');
    const inside = await as(env.app, operator).post(`/api/v1/helpline/contacts/${contactId}/callbacks`, { dueAt: '2030-01-10T14:30:00+05:00', reason: 'ask about the second kiln' });
    expect(inside.statusCode).toBe(201);
    const unsafe = await as(env.app, operator).patch(`/api/v1/helpline/contacts/${contactId}`, { version: c.version, safeToCall: false });
    expect(unsafe.statusCode).toBe(200);
    const refused = await as(env.app, operator).post(`/api/v1/helpline/contacts/${contactId}/callbacks`, { dueAt: '2030-01-10T14:30:00+05:00', reason: 'again' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('not safe');
    const stale = await as(env.app, operator).patch(`/api/v1/helpline/contacts/${contactId}`, { version: c.version, urgency: 'within-24h' });
    expect(stale.statusCode).toBe(409);
  });

  it('the operator classifies it and hands it off; it routes to the nearest zone ATU (Sialkot → Gujranwala)', async () => {
    let c = (await as(env.app, operator).get(`/api/v1/helpline/contacts/${contactId}`)).json();
    const unclassified = await as(env.app, operator).post(`/api/v1/helpline/contacts/${contactId}/handoff`, { version: c.version });
    expect(unclassified.statusCode).toBe(422);
    c = (await as(env.app, operator).patch(`/api/v1/helpline/contacts/${contactId}`, { version: c.version, classification: ['bonded-labour', 'child-labour-begging'], urgency: 'within-24h', legalBasis: 'consent', legalBasisNote: 'the reporter agreed to pass it to the FIA', callerType: 'community' })).json();
    expect(c.classification).toEqual(['bonded-labour', 'child-labour-begging']);
    const override = await as(env.app, operator).post(`/api/v1/helpline/contacts/${contactId}/handoff`, { version: c.version, atuUnitId: c.id, overrideReason: 'x' });
    expect(override.statusCode).toBe(403);
    const res = await as(env.app, operator).post(`/api/v1/helpline/contacts/${contactId}/handoff`, { version: c.version, victim: { identity: { name: 'Unnamed kiln family (Daska)' }, sex: 'X' } });
    expect(res.statusCode).toBe(201);
    const h = res.json();
    handoffId = h.id;
    expect(h).toMatchObject({ routedBy: 'nearest-zone', urgency: 'within-24h', acknowledgedAt: null, overdue: false });
    expect(h.unit.name).toContain('Gujranwala');
    expect(new Date(h.dueAt).getTime() - Date.now()).toBeGreaterThan(55 * 60_000);
    await stream.next((x) => x.type === 'contact.handed-off' && x.contactId === contactId);
    expect((await as(env.app, operator).post(`/api/v1/helpline/contacts/${contactId}/handoff`, { version: c.version + 1 })).statusCode).toBe(409);
  });

  it('the reporter sees "referred to the FIA"', async () => {
    const status = (await env.app.inject({ method: 'GET', url: `/api/v1/helpline/reports/${reference}`, headers: { 'x-report-secret': secret } })).json();
    expect(status.status).toBe('referred');
    expect(status.statusText.en).toContain('FIA');
  });

  it('the hand-off has already opened the inquiry in the ATU; 404 for another ATU; the ATU acknowledges', async () => {
    expect((await as(env.app, atuKhi).get(`/api/v1/helpline/handoffs/${handoffId}`)).statusCode).toBe(404);
    expect((await as(env.app, atuKhi).post(`/api/v1/helpline/handoffs/${handoffId}/acknowledge`, {})).statusCode).toBe(404);
    const inbox = (await as(env.app, atuGrw).get('/api/v1/helpline/handoffs?open=true')).json();
    expect(inbox.items.map((i: { id: string }) => i.id)).toContain(handoffId);
    expect((await as(env.app, atuKhi).get('/api/v1/helpline/handoffs')).json().items.map((i: { id: string }) => i.id)).not.toContain(handoffId);
    const detail = (await as(env.app, atuGrw).get(`/api/v1/helpline/handoffs/${handoffId}`)).json();
    expect(detail.contact).toMatchObject({ callerPhone: '0300-1234567', safeToCall: false, district: 'Sialkot' });
    expect(detail.abilities.acknowledge).toBe(true);
    const caseId = detail.caseId as string;
    expect((await as(env.app, atuGrw).get(`/api/v1/cases/${caseId}`)).json()).toMatchObject({ stage: 'inquiry', source: 'helpline' });
    const ack = await as(env.app, atuGrw).post(`/api/v1/helpline/handoffs/${handoffId}/acknowledge`, {});
    expect(ack.statusCode).toBe(200);
    expect(ack.json().caseId).toBe(caseId);
    expect(ack.json().caseRef).toMatch(/^ATU-GRW\//);
    const kase = await as(env.app, atuGrw).get(`/api/v1/cases/${caseId}`);
    expect(kase.statusCode).toBe(200);
    expect(kase.json()).toMatchObject({ stage: 'inquiry', source: 'helpline' });
    expect((await as(env.app, atuKhi).get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await as(env.app, atuGrw).post(`/api/v1/helpline/handoffs/${handoffId}/acknowledge`, {})).statusCode).toBe(409);
  });
});

describe('escalation', () => {
  const newContact = async (urgency: string) => {
    const c = (await as(env.app, operator).post('/api/v1/helpline/contacts', { channel: 'walk-in', summary: 'A girl of 14 is to be married next week to settle a debt.', district: 'Gujranwala', classification: ['forced-child-marriage'], urgency, legalBasis: 'minor' })).json();
    return (await as(env.app, operator).post(`/api/v1/helpline/contacts/${c.id}/handoff`, { version: c.version })).json() as { id: string; escalatedAt: string | null; routedBy: string };
  };

  it('immediate danger escalates at once to the helpline and ATU supervisors', async () => {
    const h = await newContact('immediate');
    expect(h.routedBy).toBe('district');
    const [row] = await env.deps.db.select().from(helplineHandoffs).where(eq(helplineHandoffs.id, h.id));
    expect(row!.escalatedAt).not.toBeNull();
    const told = await env.deps.db.select().from(notifications).where(eq(notifications.recordId, h.id));
    const users = told.filter((n) => n.kind === 'helpline.handoff.escalated').map((n) => n.userId);
    expect(users).toEqual(expect.arrayContaining([supervisorUser.id, atuGrwSupervisorId]));
  });

  it('the scheduler escalates a hand-off not acknowledged in time', async () => {
    const h = await newContact('routine');
    await env.deps.db.update(helplineHandoffs).set({ dueAt: new Date(Date.now() - 60_000) }).where(eq(helplineHandoffs.id, h.id));
    const r = await env.deps.db.transaction((tx) => helplineReminders(tx));
    expect(r.escalated).toBeGreaterThanOrEqual(1);
    const told = await env.deps.db.select().from(notifications).where(eq(notifications.recordId, h.id));
    expect(told.filter((n) => n.kind === 'helpline.handoff.escalated').map((n) => n.userId)).toEqual(expect.arrayContaining([supervisorUser.id, atuGrwSupervisorId]));
    const list = (await as(env.app, supervisor).get('/api/v1/helpline/handoffs?open=true')).json();
    expect(list.items.find((i: { id: string }) => i.id === h.id).overdue).toBe(true);
  });
});

describe('the telephone system webhook', () => {
  const pbx = (body: Record<string, unknown>, token = pbxToken) => env.app.inject({ method: 'POST', url: '/api/v1/helpline/telephony/events', headers: { authorization: `Bearer ${token}` }, payload: body });
  const T0 = Date.now() - 5 * 60_000;
  const at = (s: number) => new Date(T0 + s * 1000).toISOString();

  it('401 without a token, 403 for a token of a user outside the helpline', async () => {
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/helpline/telephony/events', payload: { event: 'ring', callId: 'x', at: at(0) } })).statusCode).toBe(401);
    const other = await makeUser(env.deps, { roles: ['gazette-editor'], unit: 'ATU-CMC' });
    const tok = (await createApiToken(env.deps.db, other.id, 'x', null)).token;
    expect((await pbx({ event: 'ring', callId: 'x', at: at(0) }, tok)).statusCode).toBe(403);
  });

  it('ring → answer → hangup: a contact opened, given to the answering operator, ended; repeats are ignored', async () => {
    const ring = await pbx({ event: 'ring', callId: '1718000000.101', callerId: '+92 321 7654321', queue: 'helpline-ur', at: at(0) });
    expect(ring.statusCode).toBe(200);
    const contactId = ring.json().contactId as string;
    const answer = await pbx({ event: 'answer', callId: '1718000000.101', agent: operatorUser.username, at: at(12) });
    expect(answer.json()).toMatchObject({ contactId, duplicate: false });
    expect((await pbx({ event: 'answer', callId: '1718000000.101', agent: operatorUser.username, at: at(12) })).json()).toMatchObject({ contactId, duplicate: true });
    const mine = (await as(env.app, operator).get('/api/v1/helpline/queue?mine=true')).json();
    expect(mine.items.find((c: { id: string }) => c.id === contactId)).toMatchObject({ status: 'active', channel: 'phone', queue: 'helpline-ur' });
    const hangup = await pbx({ event: 'hangup', callId: '1718000000.101', duration: 240, at: at(252) });
    expect(hangup.json().callbackId).toBeNull();
    const c = (await as(env.app, operator).get(`/api/v1/helpline/contacts/${contactId}`)).json();
    expect(c).toMatchObject({ status: 'ended', abandoned: false, callerPhone: '+92 321 7654321' });
    expect(new Date(c.answeredAt).getTime() - new Date(c.receivedAt).getTime()).toBe(12_000);
    expect((await pbx({ event: 'answer', callId: 'y', agent: 'nobody-here', at: at(1) })).statusCode).toBe(422);
  });

  it('ring → hangup without an answer is an abandoned call that becomes a callback, flagged when safety is unknown', async () => {
    const ring = await pbx({ event: 'ring', callId: '1718000000.202', callerId: '0333-1112223', queue: 'helpline-ur', at: at(0) });
    const contactId = ring.json().contactId as string;
    const hangup = await pbx({ event: 'hangup', callId: '1718000000.202', duration: 0, at: at(30) });
    expect(hangup.json().callbackId).toEqual(expect.any(String));
    const cbs = (await as(env.app, operator).get('/api/v1/helpline/callbacks')).json();
    const cb = cbs.items.find((x: { contactId: string }) => x.contactId === contactId);
    expect(cb).toMatchObject({ checkBeforeCalling: true, status: 'pending' });
    expect(cb.contact.abandoned).toBe(true);
    expect(cb.contact.callerPhone).toBe(maskPhone('0333-1112223'));
    // The number calls again and is known to be unsafe: an abandoned call makes no callback.
    const c = (await as(env.app, operator).get(`/api/v1/helpline/contacts/${contactId}`)).json();
    await as(env.app, operator).patch(`/api/v1/helpline/contacts/${contactId}`, { version: c.version, safeToCall: false });
    await pbx({ event: 'ring', callId: '1718000000.303', callerId: '03331112223', at: at(40) });
    expect((await pbx({ event: 'hangup', callId: '1718000000.303', at: at(45) })).json().callbackId).toBeNull();
    const history = (await as(env.app, operator).get('/api/v1/helpline/contacts?phone=0333-1112223')).json();
    expect(history.total).toBe(2);
  });

  it('an SMS opens a contact and a second one is added to it', async () => {
    const a = await env.app.inject({ method: 'POST', url: '/api/v1/helpline/inbound/messages', headers: { authorization: `Bearer ${pbxToken}` }, payload: { channel: 'sms', from: '03451234567', text: 'my brother is held in a house in Karachi' } });
    expect(a.statusCode).toBe(201);
    const b = await env.app.inject({ method: 'POST', url: '/api/v1/helpline/inbound/messages', headers: { authorization: `Bearer ${pbxToken}` }, payload: { channel: 'sms', from: '0345-1234567', text: 'Orangi town' } });
    expect(b.json().contactId).toBe(a.json().contactId);
    const c = (await as(env.app, operator).get(`/api/v1/helpline/contacts/${a.json().contactId}`)).json();
    expect(c.summary).toContain('Orangi town');
  });
});

describe('statistics', () => {
  it('helpline staff see every count; published figures suppress counts below 11', async () => {
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    const [from, to] = [day(-1), day(1)];
    const staff = (await as(env.app, supervisor).get(`/api/v1/helpline/stats?from=${from}&to=${to}`)).json();
    expect(staff.suppressed).toBe(false);
    expect(staff.byChannel.find((c: { key: string }) => c.key === 'web').count).toBeGreaterThan(20);
    expect(staff.byChannel.find((c: { key: string }) => c.key === 'phone').count).toBe(3);
    expect(staff.abandonedCalls).toBe(2);
    expect(staff.handoffs.acknowledged).toBe(1);
    expect(staff.answerSeconds.median).toBe(12);
    const published = (await as(env.app, analyst).get(`/api/v1/helpline/stats?from=${from}&to=${to}`)).json();
    expect(published.suppressed).toBe(true);
    expect(published.byChannel.find((c: { key: string }) => c.key === 'phone').count).toBeNull();
    expect(published.byChannel.find((c: { key: string }) => c.key === 'web').count).toBeGreaterThan(20);
    expect((await as(env.app, atuGrw).get(`/api/v1/helpline/stats?from=${from}&to=${to}`)).statusCode).toBe(403);
    expect((await as(env.app, supervisor).get(`/api/v1/helpline/stats?from=${from}&to=2020-01-01`)).statusCode).toBe(422);
  });
});
