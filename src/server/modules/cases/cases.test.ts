import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeUser, signIn, testEnv, unitId, type Session, type TestEnv } from '../../../../test/support.js';
import { caseDeadlines, notifications } from '../../db/schema.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { alertOverdueDeadlines } from './service.js';

let env: TestEnv;
let io: Session;
let ioId: string;
let sup: Session;
let supId: string;
let karachi: Session;
let analyst: Session;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

const registration = () => ({
  title: 'Women recruited for domestic work in Muscat',
  narrative: 'The complainant reports that her sister was promised work as a nurse and made to work without pay; passports were taken by the sponsor.',
  statute: 'PTPA-2018',
  source: 'helpline',
  receivedOn: daysAgo(30),
  parties: [
    {
      role: 'victim',
      person: { identity: { name: 'Rukhsana Bibi', dob: `${new Date().getFullYear() - 16}-05-01`, phones: ['0301-7654321'] }, sex: 'F', nationality: 'PAK' },
      districtOfOrigin: 'Mandi Bahauddin',
      exploitation: ['domestic-servitude'],
      meansOfControl: ['withholds-documents'],
      recruiterRelation: 'friend',
      route: [
        { country: 'PAK', city: 'Lahore', leg: 'origin' },
        { country: 'ARE', city: 'Dubai', leg: 'transit' },
        { country: 'OMN', city: 'Muscat', leg: 'destination' },
      ],
    },
    { role: 'accused', person: { identity: { name: 'Zulfiqar Ali Gondal', cnic: '34101-1111111-1' }, sex: 'M' }, accusedRoles: ['recruiter'], charges: ['PTPA-2018-s3-woman-child', 'EO-1979-s17'] },
    { role: 'accused', person: { identity: { name: 'Khalid Mehmood s/o Rasheed' }, sex: 'M' }, accusedRoles: ['agent'], charges: ['PTPA-2018-s3-woman-child'] },
  ],
  entities: [
    { kind: 'phone', value: '0300-5550001', label: "recruiter's phone" },
    { kind: 'agency', value: 'Al-Noor Overseas Employment Promoters' },
  ],
});

beforeAll(async () => {
  env = await testEnv();
  const ioUser = await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-LHR' });
  ioId = ioUser.id;
  io = await signIn(env.app, ioUser);
  const supUser = await makeUser(env.deps, { roles: ['atu-supervisor'], unit: 'ATU-LHR' });
  supId = supUser.id;
  sup = await signIn(env.app, supUser);
  karachi = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-KHI' }));
  analyst = await signIn(env.app, await makeUser(env.deps, { roles: ['monitoring-cell-analyst'], unit: 'ATU-CMC' }));
});
afterAll(() => env.close());

let caseId: string;
const get = async (s: Session = io) => (await as(env.app, s).get(`/api/v1/cases/${caseId}`)).json();

describe('registering a case', () => {
  it('401 without a session', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/cases' })).statusCode).toBe(401);
  });

  it('registers a case with a victim and two accused in one step; people land in the registry', async () => {
    const res = await as(env.app, io).post('/api/v1/cases', registration());
    expect(res.statusCode).toBe(201);
    caseId = res.json().id;
    expect(res.json().ref).toMatch(/^ATU-LHR\/\d{4}\/000001$/);
    const c = await get();
    expect(c.stage).toBe('complaint');
    expect(c.category).toBe('trafficking');
    expect(c.parties).toHaveLength(3);
    const victim = c.parties.find((p: { role: string }) => p.role === 'victim');
    expect(victim.minor).toBe(true);
    expect(victim.ageYears).toBe(16);
    expect(victim.person.identity.name).toBe('Rukhsana Bibi');
    const accused = c.parties.filter((p: { role: string }) => p.role === 'accused');
    expect(accused[0].charges.map((ch: { offence: string }) => ch.offence).sort()).toEqual(['EO-1979-s17', 'PTPA-2018-s3-woman-child']);
    expect(c.stageHistory).toHaveLength(1);
    const search = (await as(env.app, io).get('/api/v1/persons?q=Rukhsana%20Bibi')).json();
    expect(search.items[0].person.id).toBe(victim.personId);
  });

  it('refuses what the law does not allow, saying why, and writes nothing', async () => {
    const before = (await as(env.app, io).get('/api/v1/cases')).json().total;
    const repealed = await as(env.app, io).post('/api/v1/cases', { ...registration(), statute: 'PCHTO-2002' });
    expect(repealed.statusCode).toBe(422);
    expect(repealed.json().error.message).toMatch(/repealed/);
    const badCharge = await as(env.app, io).post('/api/v1/cases', { ...registration(), parties: [{ role: 'accused', person: { identity: { name: 'X Y' } }, charges: ['PPC-999'] }] });
    expect(badCharge.statusCode).toBe(422);
    const victimCharged = await as(env.app, io).post('/api/v1/cases', { ...registration(), parties: [{ role: 'victim', person: { identity: { name: 'X Y' } }, charges: ['PPC-420'] }] });
    expect(victimCharged.statusCode).toBe(422);
    expect((await as(env.app, io).get('/api/v1/cases')).json().total).toBe(before);
  });

  it('registers at FIR with an accused on remand: facts, links and deadlines kept, numbered without gaps, audited person by person', async () => {
    const firDate = daysAgo(5);
    const victim = registration().parties[0]!;
    const res = await as(env.app, io).post('/api/v1/cases', {
      ...registration(),
      title: 'Registered at FIR',
      stage: 'fir',
      firNumber: '77/2026',
      firDate,
      policeStation: 'FIA AHTC Lahore',
      parties: [
        victim,
        { role: 'accused', person: { identity: { name: 'Tariq Mehmood Butt' }, sex: 'M' }, accusedRoles: ['transporter'], arrestedOn: daysAgo(4), remandUntil: daysAgo(-3), charges: ['PTPA-2018-s3'] },
        { role: 'witness', person: { identity: { name: 'Nadeem Akhtar' }, sex: 'M' } },
      ],
    });
    expect(res.statusCode).toBe(201);
    // the refused registrations above took no number
    expect(res.json().ref).toMatch(/^ATU-LHR\/\d{4}\/000002$/);
    const id = res.json().id;
    const c = (await as(env.app, io).get(`/api/v1/cases/${id}`)).json();
    expect(c.stage).toBe('fir');
    expect(c.stageSince).toBe(firDate);
    expect(c.stageHistory.map((e: { toStage: string }) => e.toStage)).toEqual(['fir']);
    const v = c.parties.find((p: { role: string }) => p.role === 'victim');
    expect(v.route).toEqual(victim.route);
    expect(v.exploitation).toEqual(['domestic-servitude']);
    expect(v.accusedRoles).toBeNull();
    const a = c.parties.find((p: { role: string }) => p.role === 'accused');
    expect(a.accusedRoles).toEqual(['transporter']);
    expect(a.remandUntil).toBe(daysAgo(-3));
    expect(a.exploitation).toBeNull();
    expect(a.charges.map((ch: { offence: string }) => ch.offence)).toEqual(['PTPA-2018-s3']);
    const w = c.parties.find((p: { role: string }) => p.role === 'witness');
    expect([w.proclaimedOffender, w.absconding, w.minor]).toEqual([false, false, null]);
    expect(c.entities.map((e: { kind: string; value: string }) => `${e.kind}:${e.value}`).sort()).toEqual(['agency:AL NOOR OVERSEAS EMPLOYMENT PROMOTERS', 'phone:923005550001']);
    expect(c.deadlines.map((d: { kind: string; due: string; partyKey: string | null }) => [d.kind, d.due, d.partyKey])).toEqual([
      ['remand-expiry', daysAgo(-3), a.id],
      ['s173-report', new Date(Date.parse(firDate) + 14 * 86_400_000).toISOString().slice(0, 10), null],
      ['s173-interim-report', new Date(Date.parse(firDate) + 17 * 86_400_000).toISOString().slice(0, 10), null],
    ]);
    // the same victim registered again is queued as a likely duplicate of the first
    const dup = await env.deps.db.execute(sql`SELECT count(*)::int AS n FROM person_duplicates WHERE ${v.personId} IN (person_a, person_b) AND status = 'open'`);
    expect((dup as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(1);
    // one event per new person, then the case's, one after the other in the chain
    const events = await env.deps.db.execute(
      sql`SELECT action, record_id, seq FROM audit_events WHERE record_id IN (${id}, ${v.personId}, ${a.personId}, ${w.personId}) AND action LIKE '%.create' ORDER BY seq`,
    );
    const rows = (events as unknown as { rows: Array<{ action: string; record_id: string; seq: number }> }).rows;
    expect(rows.map((r) => [r.action, r.record_id])).toEqual([
      ['person.create', v.personId],
      ['person.create', a.personId],
      ['person.create', w.personId],
      ['case.create', id],
    ]);
    expect(rows[3]!.seq - rows[0]!.seq).toBe(3);
    expect((await verifyAuditChain(env.deps.db)).ok).toBe(true);
    // the registry finds a new person at once
    const search = (await as(env.app, io).get('/api/v1/persons?q=Tariq%20Mehmood%20Butt')).json();
    expect(search.items[0].person.id).toBe(a.personId);
  });

  it("another ATU gets 404; the Cell sees the facts but not the victim's identity", async () => {
    expect((await as(env.app, karachi).get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    const c = await get(analyst);
    expect(c.identityVisible).toBe(false);
    const victim = c.parties.find((p: { role: string }) => p.role === 'victim');
    expect(victim.person.identity).toBeNull();
    expect(victim.exploitation).toEqual(['domestic-servitude']);
    expect(JSON.stringify(c)).not.toContain('Rukhsana');
    // an accused is not protected: the Cell sees who is accused
    expect(c.parties.find((p: { role: string }) => p.role === 'accused').person.identity.name).toBe('Zulfiqar Ali Gondal');
  });
});

describe('stages and deadlines', () => {
  it('FIR registered: the s.173 report is due in 14 days and the interim report 3 days later', async () => {
    const c = await get();
    const firDate = daysAgo(20);
    const res = await as(env.app, io).post(`/api/v1/cases/${caseId}/stage`, { version: c.version, to: 'fir', on: firDate, firNumber: '12/2026', policeStation: 'FIA ATU Lahore' });
    expect(res.statusCode).toBe(204);
    const after = await get();
    expect(after.firNumber).toBe('12/2026');
    const kinds = after.deadlines.map((d: { kind: string; due: string; overdue: boolean }) => [d.kind, d.overdue]);
    expect(kinds).toEqual(expect.arrayContaining([['s173-report', true], ['s173-interim-report', true]]));
    const report = after.deadlines.find((d: { kind: string }) => d.kind === 's173-report');
    expect(report.due).toBe(new Date(Date.parse(firDate) + 14 * 86_400_000).toISOString().slice(0, 10));
  });

  it('the scheduler alerts the officer and the supervisor once about overdue deadlines', async () => {
    const n = await env.deps.db.transaction((tx) => alertOverdueDeadlines(tx));
    expect(n).toBeGreaterThanOrEqual(2);
    const forIo = await env.deps.db.select().from(notifications).where(eq(notifications.userId, ioId));
    const forSup = await env.deps.db.select().from(notifications).where(eq(notifications.userId, supId));
    expect(forIo.some((x) => x.recordId === caseId && x.message.includes('s.173'))).toBe(true);
    expect(forSup.some((x) => x.recordId === caseId)).toBe(true);
    expect(await env.deps.db.transaction((tx) => alertOverdueDeadlines(tx))).toBe(0);
  });

  it('refuses a jump the procedure does not allow, and a stale version', async () => {
    const c = await get();
    const jump = await as(env.app, io).post(`/api/v1/cases/${caseId}/stage`, { version: c.version, to: 'judgment', on: daysAgo(1) });
    expect(jump.statusCode).toBe(422);
    expect(jump.json().error.message).toMatch(/cannot move to judgment/);
    const stale = await as(env.app, io).post(`/api/v1/cases/${caseId}/stage`, { version: c.version - 1, to: 'investigation', on: daysAgo(19) });
    expect(stale.statusCode).toBe(409);
  });

  it('once the challan is in, the s.173 deadlines are met; a remand beyond its date is overdue', async () => {
    let c = await get();
    expect((await as(env.app, io).post(`/api/v1/cases/${caseId}/stage`, { version: c.version, to: 'investigation', on: daysAgo(19) })).statusCode).toBe(204);
    c = await get();
    const accused = c.parties.find((p: { role: string }) => p.role === 'accused');
    expect((await as(env.app, io).patch(`/api/v1/cases/${caseId}/parties/${accused.id}`, { version: accused.version, arrestedOn: daysAgo(10), remandUntil: daysAgo(3), bailStatus: 'none' })).statusCode).toBe(204);
    c = await get();
    expect(c.deadlines.find((d: { kind: string }) => d.kind === 'remand-expiry').overdue).toBe(true);
    expect((await as(env.app, io).post(`/api/v1/cases/${caseId}/stage`, { version: c.version, to: 'challan', on: daysAgo(2) })).statusCode).toBe(204);
    c = await get();
    expect(c.deadlines.map((d: { kind: string }) => d.kind)).not.toContain('s173-report');
    expect(c.challanDate).toBe(daysAgo(2));
    expect(c.stageHistory.map((e: { toStage: string }) => e.toStage)).toEqual(['complaint', 'fir', 'investigation', 'challan']);
  });

  it('a compromise is refused for a non-compoundable trafficking offence', async () => {
    const other = (await as(env.app, io).post('/api/v1/cases', { ...registration(), title: 'Second case' })).json();
    const c = (await as(env.app, io).get(`/api/v1/cases/${other.id}`)).json();
    const res = await as(env.app, io).post(`/api/v1/cases/${other.id}/stage`, { version: c.version, to: 'closed', on: daysAgo(1), closureReason: 'compromise' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/not lawful/);
  });
});

describe('the register, transfers and sharing', () => {
  it('filters by stage, statute, offence and overdue, and searches narratives', async () => {
    const q = async (qs: string) => (await as(env.app, io).get(`/api/v1/cases?${qs}`)).json().items.map((c: { id: string }) => c.id);
    expect(await q('stage=challan')).toEqual([caseId]);
    expect(await q('statute=PTPA-2018')).toContain(caseId);
    expect(await q('offence=EO-1979-s17')).toContain(caseId);
    expect(await q('q=nurse')).toContain(caseId);
    expect(await q('q=astronaut')).toEqual([]);
    expect(await q('overdue=true')).toContain(caseId);
    // each row says whether its case is overdue, as the case page does
    const rows = (await as(env.app, io).get('/api/v1/cases')).json().items as { id: string; overdue: boolean }[];
    expect(rows.find((r) => r.id === caseId)?.overdue).toBe(true);
    expect(rows.filter((r) => !r.overdue).length).toBeGreaterThan(0);
    expect((await as(env.app, karachi).get('/api/v1/cases')).json().total).toBe(0);
  });

  it("searches title, narrative, diary notes written later and part of the reference, within the actor's scope only", async () => {
    const find = async (s: Session, q: string) => (await as(env.app, s).get(`/api/v1/cases?q=${encodeURIComponent(q)}`)).json().items.map((c: { id: string }) => c.id);
    const before = await get();
    expect(await find(io, 'sponsor')).toContain(caseId);
    expect(await find(io, 'Sialkot')).toEqual([]);
    const note = await as(env.app, io).post(`/api/v1/cases/${caseId}/diary`, { on: daysAgo(1), note: 'Traced the sub-agent to a travel office in Sialkot.' });
    expect(note.statusCode).toBe(201);
    expect(await find(io, 'Sialkot')).toEqual([caseId]);
    expect(await find(io, 'sialkot travel')).toEqual([caseId]);
    expect(await find(io, 'Sialkot Karachi')).toEqual([]);
    // a note is not an edit of the case: whoever holds the case open can still save it
    expect((await get()).version).toBe(before.version);
    const [, year, number] = before.ref.split('/');
    expect(await find(io, `lhr/${year}/${number}`)).toEqual([caseId]);
    expect(await find(io, '%_')).toEqual([]);
    expect(await find(analyst, 'Sialkot')).toEqual([caseId]);
    expect(await find(karachi, 'Sialkot')).toEqual([]);
    expect(await find(karachi, 'sponsor')).toEqual([]);
    expect(await find(karachi, before.ref)).toEqual([]);
  });

  it('an investigator may not transfer; the supervisor transfers to Karachi, which then owns it', async () => {
    const c = await get();
    const karachiId = await unitId(env.deps, 'ATU-KHI');
    // a case before the court cannot be transferred between ATUs
    const atCourt = await as(env.app, sup).post(`/api/v1/cases/${caseId}/stage`, { version: c.version, to: 'transferred', on: daysAgo(0), transferToUnitId: karachiId });
    expect(atCourt.statusCode).toBe(422);
    const other = (await as(env.app, io).post('/api/v1/cases', { ...registration(), title: 'To transfer' })).json();
    const o = (await as(env.app, io).get(`/api/v1/cases/${other.id}`)).json();
    expect((await as(env.app, io).post(`/api/v1/cases/${other.id}/stage`, { version: o.version, to: 'transferred', on: daysAgo(0), transferToUnitId: karachiId })).statusCode).toBe(403);
    expect((await as(env.app, sup).post(`/api/v1/cases/${other.id}/stage`, { version: o.version, to: 'transferred', on: daysAgo(0), transferToUnitId: karachiId })).statusCode).toBe(204);
    const k = (await as(env.app, karachi).get(`/api/v1/cases/${other.id}`)).json();
    expect(k.unitName).toBe('Anti Trafficking Unit Karachi');
    expect((await as(env.app, io).get(`/api/v1/cases/${other.id}`)).statusCode).toBe(404);
  });

  it('keeps deadlines in the database in step with the case', async () => {
    const rows = await env.deps.db.select().from(caseDeadlines).where(eq(caseDeadlines.caseId, caseId));
    expect(rows.every((r) => r.kind !== 's173-report')).toBe(true);
    const audit = await env.deps.db.execute(sql`SELECT count(*)::int AS n FROM audit_events WHERE record_id = ${caseId} AND action = 'case.stage'`);
    expect((audit as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(3);
  });
});

describe('a register larger than it counts', () => {
  it('counts matching cases up to 1,000 and says "more than" beyond; a narrow filter still counts exactly', async () => {
    await env.deps.db.execute(
      sql`INSERT INTO cases (id, ref, unit_id, title, narrative, stage, stage_since, statute, category, source, received_on, created_by)
          SELECT gen_random_uuid(), c.ref || '-' || g, c.unit_id, 'Copy ' || g, c.narrative, c.stage, c.stage_since, c.statute, c.category, c.source, c.received_on, c.created_by
          FROM cases c, generate_series(1, 1000) g WHERE c.id = ${caseId}`,
    );
    const all = (await as(env.app, analyst).get('/api/v1/cases?pageSize=50')).json();
    expect(all).toMatchObject({ total: 1000, totalCapped: true });
    expect(all.items).toHaveLength(50);
    // the same with a word all 1,001 narratives share, and exactly for words only one case has
    expect((await as(env.app, analyst).get('/api/v1/cases?q=sponsor')).json()).toMatchObject({ total: 1000, totalCapped: true });
    const one = (await as(env.app, analyst).get('/api/v1/cases?q=copy%20777')).json();
    expect(one).toMatchObject({ total: 1, totalCapped: false });
    expect(one.items[0].title).toBe('Copy 777');
    const karachiId = await unitId(env.deps, 'ATU-KHI');
    const narrow = (await as(env.app, analyst).get(`/api/v1/cases?unitId=${karachiId}`)).json();
    expect(narrow.totalCapped).toBe(false);
    expect(narrow.total).toBe(narrow.items.length);
    expect(narrow.total).toBeGreaterThan(0);
  });
});
