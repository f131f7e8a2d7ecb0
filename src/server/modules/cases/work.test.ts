import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeUser, signIn, testEnv, unitId, type Session, type TestEnv } from '../../../../test/support.js';
import { auditEvents, evidenceBlobs } from '../../db/schema.js';
import { queryRows } from '../../platform/db.js';

let env: TestEnv;
let io: Session;
let ioId: string;
let sup: Session;
let karachi: Session;
let karachiId: string;
let analyst: Session;
let prosecutor: Session;
let prosecutorId: string;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image body')]);

const registration = (over: { title?: string; phone?: string; victim?: string } = {}) => ({
  title: over.title ?? 'Young men promised factory work in Athens',
  statute: 'PTPA-2018',
  source: 'complaint',
  receivedOn: daysAgo(90),
  parties: [
    { role: 'victim', person: { identity: { name: over.victim ?? 'Shahid Iqbal' }, sex: 'M' }, ageYears: 19, exploitation: ['forced-labour'] },
    { role: 'accused', person: { identity: { name: 'Malik Arshad' }, sex: 'M' }, accusedRoles: ['recruiter'], charges: ['PTPA-2018-s3-woman-child', 'EO-1979-s17'] },
  ],
  entities: [{ kind: 'phone', value: over.phone ?? '0300-5550001', label: "recruiter's phone" }],
});

const register = async (s: Session, over: Parameters<typeof registration>[0] = {}) => {
  const res = await as(env.app, s).post('/api/v1/cases', registration(over));
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};
const getCase = async (id: string, s: Session = io) => (await as(env.app, s).get(`/api/v1/cases/${id}`)).json();
const stage = async (id: string, to: string, on: string, extra: Record<string, unknown> = {}) => {
  const c = await getCase(id);
  const res = await as(env.app, io).post(`/api/v1/cases/${id}/stage`, { version: c.version, to, on, ...extra });
  expect(res.statusCode, res.body).toBe(204);
};
const audits = (action: string, recordId: string) => env.deps.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.recordId, recordId)));

let caseId: string;

beforeAll(async () => {
  env = await testEnv();
  const ioUser = await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-LHR' });
  ioId = ioUser.id;
  io = await signIn(env.app, ioUser);
  sup = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-supervisor'], unit: 'ATU-LHR' }));
  const khi = await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-KHI' });
  karachiId = khi.id;
  karachi = await signIn(env.app, khi);
  analyst = await signIn(env.app, await makeUser(env.deps, { roles: ['monitoring-cell-analyst'], unit: 'ATU-CMC' }));
  const pros = await makeUser(env.deps, { roles: ['prosecutor'], unit: 'PROS-PUNJAB' });
  prosecutorId = pros.id;
  prosecutor = await signIn(env.app, pros);
  caseId = await register(io);
});
afterAll(() => env.close());

const upload = (s: Session, bytes: Buffer, over: Record<string, unknown> = {}) =>
  as(env.app, s).post(`/api/v1/cases/${caseId}/evidence`, { filename: 'passport-scan.pdf', mimeType: 'application/pdf', type: 'passport', contentBase64: bytes.toString('base64'), ...over });

describe('evidence and documents', () => {
  it('401 without a session', async () => {
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/evidence` })).statusCode).toBe(401);
  });

  it('404 for another unit’s record', async () => {
    expect((await upload(karachi, PDF)).statusCode).toBe(404);
    expect((await as(env.app, karachi).get(`/api/v1/cases/${caseId}/evidence`)).statusCode).toBe(404);
  });

  let evidenceId: string;
  it('uploads a file; the same bytes uploaded twice are stored once; download returns them intact', async () => {
    const first = await upload(io, PDF, { seizedOn: daysAgo(5), source: 'the accused’s office' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ sha256: createHash('sha256').update(PDF).digest('hex'), size: PDF.length, deduplicated: false });
    evidenceId = first.json().id;
    const again = await upload(io, PDF, { filename: 'copy of scan.pdf', type: 'document' });
    expect(again.json().deduplicated).toBe(true);
    const blobs = await env.deps.db.select().from(evidenceBlobs).where(eq(evidenceBlobs.sha256, first.json().sha256));
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.content).not.toContain(PDF.toString('base64').slice(0, 12)); // encrypted at rest
    const list = (await as(env.app, io).get(`/api/v1/cases/${caseId}/evidence`)).json();
    expect(list.items.map((e: { filename: string }) => e.filename)).toEqual(['passport-scan.pdf', 'copy of scan.pdf']);

    const dl = await as(env.app, io).get(`/api/v1/cases/${caseId}/evidence/${evidenceId}/content`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="passport-scan.pdf"/);
    expect(Buffer.compare(dl.rawPayload, PDF)).toBe(0);
    expect(await audits('evidence.download', caseId)).toHaveLength(1);
    expect((await as(env.app, io).get(`/api/v1/cases/${caseId}/evidence/${evidenceId}/verify`)).json()).toEqual({ ok: true, sha256: first.json().sha256 });
  });

  it('the Cell sees that evidence exists but cannot open it', async () => {
    expect((await as(env.app, analyst).get(`/api/v1/cases/${caseId}/evidence`)).json().items).toHaveLength(2);
    expect((await as(env.app, analyst).get(`/api/v1/cases/${caseId}/evidence/${evidenceId}/content`)).statusCode).toBe(403);
  });

  it('refuses a type outside the allow-list, contents that do not match the type, and files over 8 MB', async () => {
    expect((await upload(io, PDF, { mimeType: 'application/x-msdownload' })).statusCode).toBe(400);
    const liar = await upload(io, PDF, { filename: 'photo.png', mimeType: 'image/png', type: 'photo' });
    expect(liar.statusCode).toBe(422);
    expect(liar.json().error.message).toMatch(/does not look like a PNG image/);
    expect((await upload(io, PNG, { filename: 'photo.png', mimeType: 'image/png', type: 'photo' })).statusCode).toBe(201);
    expect((await upload(io, Buffer.from('notes taken at the raid'), { filename: 'notes.txt', mimeType: 'text/plain', type: 'statement' })).statusCode).toBe(201);
    const big = Buffer.alloc(8 * 1024 * 1024 + 10, 0x41);
    const tooBig = await upload(io, big, { filename: 'big.txt', mimeType: 'text/plain', type: 'other' });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.message).toMatch(/at most 8 MB/);
    const huge = await upload(io, Buffer.alloc(10 * 1024 * 1024, 0x41), { filename: 'huge.txt', mimeType: 'text/plain', type: 'other' });
    expect(huge.statusCode).toBe(413);
    expect((await upload(io, PDF, { contentBase64: 'not base64!!' })).statusCode).toBe(400);
  });

  it('detects a file altered in the database: download refused with 409, audited as evidence.tamper', async () => {
    const original = Buffer.from('%PDF-1.7\nstatement of the complainant\n%%EOF\n');
    const res = await upload(io, original, { filename: 'statement.pdf', type: 'statement' });
    const { id, sha256 } = res.json();
    // Someone with database access replaces the stored bytes with a validly encrypted forgery.
    const forged = Buffer.from('%PDF-1.7\na different statement\n%%EOF\n');
    await env.deps.db
      .update(evidenceBlobs)
      .set({ content: env.deps.cipher.encrypt(forged.toString('base64'), { table: 'evidence_blobs', column: 'content', id: sha256 }) })
      .where(eq(evidenceBlobs.sha256, sha256));
    const dl = await as(env.app, io).get(`/api/v1/cases/${caseId}/evidence/${id}/content`);
    expect(dl.statusCode).toBe(409);
    expect(dl.json().error.message).toMatch(/altered since it was uploaded/);
    expect(dl.body).not.toContain('different statement');
    expect((await as(env.app, io).get(`/api/v1/cases/${caseId}/evidence/${id}/verify`)).json()).toEqual({ ok: false, sha256 });
    // a value that no longer decrypts at all is tampering too
    await env.deps.db.update(evidenceBlobs).set({ content: 'v1:test1:AAAA:BBBB:CCCC' }).where(eq(evidenceBlobs.sha256, sha256));
    expect((await as(env.app, io).get(`/api/v1/cases/${caseId}/evidence/${id}/verify`)).json().ok).toBe(false);
    const tamper = await audits('evidence.tamper', caseId);
    expect(tamper.length).toBe(3);
    expect(tamper[0]!.details).toMatchObject({ evidenceId: id, expected: sha256 });
  });

  it('keeps the chain of custody in order, starting with the seizure', async () => {
    const url = `/api/v1/cases/${caseId}/evidence/${evidenceId}/custody`;
    expect((await as(env.app, io).post(url, { action: 'sent-to-lab', holder: 'Punjab Forensic Science Agency', on: daysAgo(3), reason: 'document examination' })).statusCode).toBe(201);
    expect((await as(env.app, io).post(url, { action: 'returned-from-lab', holder: 'Malkhana, FIA ATU Lahore', on: daysAgo(1), reason: 'report received' })).statusCode).toBe(201);
    const backdated = await as(env.app, io).post(url, { action: 'transferred', holder: 'SI Aslam', on: daysAgo(4), reason: 'for court' });
    expect(backdated.statusCode).toBe(422);
    expect(backdated.json().error.message).toMatch(/date order/);
    const chain = (await as(env.app, io).get(url)).json().items;
    expect(chain.map((e: { action: string }) => e.action)).toEqual(['seized', 'sent-to-lab', 'returned-from-lab']);
    expect(chain[0].on).toBe(daysAgo(5));
    expect((await as(env.app, io).post(url, { action: 'destroyed', holder: 'Malkhana', on: daysAgo(0), reason: 'court order' })).statusCode).toBe(201);
    const after = await as(env.app, io).post(url, { action: 'transferred', holder: 'SI Aslam', on: daysAgo(0), reason: 'for court' });
    expect(after.statusCode).toBe(422);
    expect(after.json().error.message).toMatch(/chain of custody is closed/);
  });
});

describe('case diary and tasks', () => {
  it('401 without a session, 404 for another unit’s record', async () => {
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/diary` })).statusCode).toBe(401);
    expect((await as(env.app, karachi).post(`/api/v1/cases/${caseId}/diary`, { on: daysAgo(1), note: 'x' })).statusCode).toBe(404);
  });

  it('lists notes newest first; a note can be neither edited nor deleted, a correction is a new note', async () => {
    const add = (on: string, note: string) => as(env.app, io).post(`/api/v1/cases/${caseId}/diary`, { on, note });
    const first = await add(daysAgo(10), 'Visited the agency office in Gulberg; it was closed.');
    expect(first.statusCode).toBe(201);
    expect((await add(daysAgo(2), 'Recorded the statement of the victim’s brother.')).statusCode).toBe(201);
    expect((await add(daysAgo(-3), 'A note from the future')).statusCode).toBe(422);
    const id = first.json().id;
    expect((await as(env.app, io).patch(`/api/v1/cases/${caseId}/diary/${id}`, { note: 'rewritten' })).statusCode).toBe(404);
    expect((await as(env.app, io).delete(`/api/v1/cases/${caseId}/diary/${id}`)).statusCode).toBe(404);
    expect((await add(daysAgo(1), `Correction to the note of ${daysAgo(10)}: the office is in Model Town, not Gulberg.`)).statusCode).toBe(201);
    const notes = (await as(env.app, io).get(`/api/v1/cases/${caseId}/diary`)).json().items;
    expect(notes.map((n: { on: string }) => n.on)).toEqual([daysAgo(1), daysAgo(2), daysAgo(10)]);
    expect(notes[2].note).toBe('Visited the agency office in Gulberg; it was closed.');
    expect(notes[0].officerId).toBe(ioId);
    // diary notes are found by the register's full-text search
    expect((await as(env.app, io).get('/api/v1/cases?q=Gulberg')).json().items.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  it('tasks go to officers of the owning ATU, appear in “my tasks”, and complete with a version', async () => {
    const url = `/api/v1/cases/${caseId}/tasks`;
    const wrongOwner = await as(env.app, io).post(url, { title: 'Trace the phone', ownerId: karachiId, due: daysAgo(-7) });
    expect(wrongOwner.statusCode).toBe(422);
    expect(wrongOwner.json().error.message).toMatch(/officer of the ATU/);
    const task = await as(env.app, sup).post(url, { title: 'Obtain CDR of the recruiter’s phone', ownerId: ioId, due: daysAgo(-7) });
    expect(task.statusCode).toBe(201);
    const mine = (await as(env.app, io).get('/api/v1/cases/tasks/mine')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ caseId, title: 'Obtain CDR of the recruiter’s phone', overdue: false });
    expect((await as(env.app, sup).get('/api/v1/cases/tasks/mine')).json().items).toHaveLength(0);
    const done = (v: number, d = true) => as(env.app, io).post(`${url}/${task.json().id}/done`, { done: d, version: v });
    expect((await done(1)).statusCode).toBe(204);
    expect((await done(1, false)).statusCode).toBe(409); // stale
    expect((await as(env.app, io).get('/api/v1/cases/tasks/mine')).json().items).toHaveLength(0);
    expect((await as(env.app, io).get('/api/v1/cases/tasks/mine?done=true')).json().items).toHaveLength(1);
    expect((await done(2, false)).statusCode).toBe(204);
    expect((await as(env.app, io).get(url)).json().items[0]).toMatchObject({ doneAt: null, version: 3 });
  });
});

describe('court', () => {
  it('refuses a hearing before trial, saying why', async () => {
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/hearings` })).statusCode).toBe(401);
    expect((await as(env.app, karachi).get(`/api/v1/cases/${caseId}/hearings`)).statusCode).toBe(404);
    const res = await as(env.app, io).post(`/api/v1/cases/${caseId}/hearings`, { court: 'Sessions Court Lahore', on: daysAgo(1), purpose: 'framing of charge' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/at trial or in appeal.*complaint stage/);
  });

  it('records hearings at trial; the next date becomes the case’s next hearing', async () => {
    await stage(caseId, 'fir', daysAgo(80), { firNumber: '31/2026' });
    await stage(caseId, 'investigation', daysAgo(79));
    await stage(caseId, 'challan', daysAgo(60));
    await stage(caseId, 'trial', daysAgo(50), { court: 'Sessions Court Lahore' });
    const url = `/api/v1/cases/${caseId}/hearings`;
    const noReason = await as(env.app, io).post(url, { court: 'Sessions Court Lahore', on: daysAgo(20), purpose: 'evidence', adjourned: true, nextDate: daysAgo(-5) });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.message).toMatch(/why the hearing was adjourned/);
    expect((await as(env.app, io).post(url, { court: 'Sessions Court Lahore', judge: 'Mr Justice Ahmed', on: daysAgo(20), purpose: 'framing of charge', outcome: 'charge framed', nextDate: daysAgo(10) })).statusCode).toBe(201);
    const next = daysAgo(-14);
    expect((await as(env.app, io).post(url, { court: 'Sessions Court Lahore', on: daysAgo(10), purpose: 'prosecution evidence', adjourned: true, adjournmentReason: 'defence counsel not present', nextDate: next })).statusCode).toBe(201);
    const c = await getCase(caseId);
    expect(c.nextHearing).toBe(next);
    expect((await as(env.app, io).get(url)).json().items.map((h: { purpose: string }) => h.purpose)).toEqual(['framing of charge', 'prosecution evidence']);
  });

  it('validates judgments per accused per charge, and moves nothing by itself', async () => {
    const c = await getCase(caseId);
    const accused = c.parties.find((p: { role: string }) => p.role === 'accused');
    const trafficking = accused.charges.find((ch: { offence: string }) => ch.offence === 'PTPA-2018-s3-woman-child').id;
    const emigration = accused.charges.find((ch: { offence: string }) => ch.offence === 'EO-1979-s17').id;
    const url = `/api/v1/cases/${caseId}/judgments`;
    const base = { court: 'Sessions Court Lahore', on: daysAgo(2) };
    const bare = await as(env.app, io).post(url, { ...base, chargeId: trafficking, outcome: 'convicted' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.message).toMatch(/needs a sentence .* or a fine/);
    expect((await as(env.app, io).post(url, { ...base, chargeId: trafficking, outcome: 'convicted', fineRs: 100_000 })).json().error.message).toMatch(/fine alone is not a lawful sentence/);
    expect((await as(env.app, io).post(url, { ...base, chargeId: trafficking, outcome: 'convicted', sentenceMonths: 200 })).json().error.message).toMatch(/at most 10 years/);
    expect((await as(env.app, io).post(url, { ...base, chargeId: emigration, outcome: 'acquitted', fineRs: 5000 })).statusCode).toBe(422);
    expect((await as(env.app, io).post(url, { ...base, chargeId: '00000000-0000-4000-8000-000000000000', outcome: 'acquitted' })).statusCode).toBe(422);
    expect((await as(env.app, io).post(url, { ...base, chargeId: trafficking, outcome: 'convicted', sentenceMonths: 84, fineRs: 500_000, compensationRs: 200_000 })).statusCode).toBe(201);
    expect((await as(env.app, io).post(url, { ...base, chargeId: emigration, outcome: 'convicted', fineRs: 50_000 })).statusCode).toBe(201);
    expect((await as(env.app, io).post(url, { ...base, chargeId: emigration, outcome: 'convicted', fineRs: 50_000 })).statusCode).toBe(409);
    const list = (await as(env.app, io).get(url)).json().items;
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ partyId: accused.id, outcome: 'convicted' });
    expect((await getCase(caseId)).stage).toBe('trial');
  });

  it('records an appeal only against a judgment, and its decision once', async () => {
    const url = `/api/v1/cases/${caseId}/appeals`;
    const early = await as(env.app, io).post(url, { filedOn: daysAgo(1), appellant: 'accused', court: 'Lahore High Court', section: 's.410 CrPC' });
    expect(early.statusCode).toBe(422);
    await stage(caseId, 'judgment', daysAgo(2));
    expect((await as(env.app, io).post(url, { filedOn: daysAgo(3), appellant: 'accused', court: 'Lahore High Court' })).statusCode).toBe(422); // before the judgment
    const appeal = await as(env.app, io).post(url, { filedOn: daysAgo(1), appellant: 'accused', court: 'Lahore High Court', section: 's.410 CrPC' });
    expect(appeal.statusCode).toBe(201);
    const decide = () => as(env.app, io).post(`${url}/${appeal.json().id}/decision`, { outcome: 'dismissed', decidedOn: daysAgo(0) });
    expect((await decide()).statusCode).toBe(204);
    expect((await decide()).statusCode).toBe(409);
    expect((await as(env.app, io).get(url)).json().items[0]).toMatchObject({ outcome: 'dismissed', section: 's.410 CrPC' });
  });
});

describe('sharing and the prosecutor', () => {
  let shared: string;
  it('a share makes the case visible to the PROS-PUNJAB prosecutor with the victim’s identity; revoking hides it', async () => {
    shared = await register(io, { title: 'Shared with prosecution', victim: 'Nadeem Akhtar', phone: '0321-1112223' });
    expect((await as(env.app, prosecutor).get(`/api/v1/cases/${shared}`)).statusCode).toBe(404);
    const pros = await unitId(env.deps, 'PROS-PUNJAB');
    const body = { unitId: pros, purpose: 'scrutiny of the challan (s.173 CrPC)' };
    expect((await as(env.app, karachi).post(`/api/v1/cases/${shared}/shares`, body)).statusCode).toBe(404);
    expect((await as(env.app, io).post(`/api/v1/cases/${shared}/shares`, body)).statusCode).toBe(403);
    const share = await as(env.app, sup).post(`/api/v1/cases/${shared}/shares`, body);
    expect(share.statusCode).toBe(201);
    expect((await as(env.app, sup).post(`/api/v1/cases/${shared}/shares`, body)).statusCode).toBe(409);
    const seen = await getCase(shared, prosecutor);
    expect(seen.identityVisible).toBe(true);
    expect(seen.parties.find((p: { role: string }) => p.role === 'victim').person.identity.name).toBe('Nadeem Akhtar');
    expect((await as(env.app, prosecutor).get('/api/v1/cases')).json().items.map((c: { id: string }) => c.id)).toEqual([shared]);
    expect((await as(env.app, sup).delete(`/api/v1/cases/${shared}/shares/${share.json().id}`)).statusCode).toBe(204);
    expect((await as(env.app, prosecutor).get(`/api/v1/cases/${shared}`)).statusCode).toBe(404);
    expect((await as(env.app, sup).get(`/api/v1/cases/${shared}/shares`)).json().items[0].revokedAt).not.toBeNull();
  });

  it('sharing only with an ATU or prosecution office outside the owning ATU', async () => {
    const helpline = await unitId(env.deps, 'HELPLINE');
    expect((await as(env.app, sup).post(`/api/v1/cases/${shared}/shares`, { unitId: helpline, purpose: 'curious' })).statusCode).toBe(422);
    const own = await unitId(env.deps, 'ATU-LHR');
    expect((await as(env.app, sup).post(`/api/v1/cases/${shared}/shares`, { unitId: own, purpose: 'x' })).statusCode).toBe(422);
  });

  it('assigning a prosecutor shares the case with the prosecutor’s unit; the prosecutor then records court work', async () => {
    const c = await getCase(shared);
    const notProsecutor = await as(env.app, sup).put(`/api/v1/cases/${shared}/prosecutor`, { prosecutorId: ioId, version: c.version });
    expect(notProsecutor.statusCode).toBe(422);
    expect((await as(env.app, sup).put(`/api/v1/cases/${shared}/prosecutor`, { prosecutorId: prosecutorId, version: c.version })).statusCode).toBe(204);
    const seen = await getCase(shared, prosecutor);
    expect(seen.prosecutorId).toBe(prosecutorId);
    expect(seen.shares.map((s: { purpose: string }) => s.purpose)).toEqual(['prosecution']);
    // not yet at trial, so the prosecutor is told why a hearing cannot be recorded
    expect((await as(env.app, prosecutor).post(`/api/v1/cases/${shared}/hearings`, { court: 'Sessions Court Lahore', on: daysAgo(1), purpose: 'bail' })).statusCode).toBe(422);
    // but cannot write to the ATU's diary
    expect((await as(env.app, prosecutor).post(`/api/v1/cases/${shared}/diary`, { on: daysAgo(1), note: 'x' })).statusCode).toBe(403);
    expect((await as(env.app, sup).put(`/api/v1/cases/${shared}/prosecutor`, { prosecutorId: prosecutorId, version: c.version })).statusCode).toBe(409);
  });
});

describe('link analysis', () => {
  let linked: string;
  let khiCase: string;
  it('401 without a session; 404 for another unit’s case', async () => {
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/links` })).statusCode).toBe(401);
    expect((await as(env.app, karachi).get(`/api/v1/cases/${caseId}/links`)).statusCode).toBe(404);
    expect((await as(env.app, io).get('/api/v1/cases/links/graph')).statusCode).toBe(400);
  });

  it('links two cases through a shared phone and leaves out a case outside the actor’s scope', async () => {
    // the same phone written another way, in another Lahore case and in a Karachi case
    linked = await register(io, { title: 'Second Athens recruitment', victim: 'Bilal Ahmed', phone: '+92 300 5550001' });
    khiCase = await register(karachi, { title: 'Karachi case with the same recruiter phone', victim: 'Imran Khan', phone: '00923005550001' });
    const g = (await as(env.app, io).get(`/api/v1/cases/${caseId}/links`)).json();
    const ids = g.nodes.map((n: { id: string }) => n.id);
    expect(ids).toEqual(expect.arrayContaining([`case:${caseId}`, `case:${linked}`, 'phone:923005550001']));
    expect(ids).not.toContain(`case:${khiCase}`);
    expect(g.edges).toEqual(expect.arrayContaining([{ from: `case:${caseId}`, to: 'phone:923005550001', kind: 'linked' }, { from: `case:${linked}`, to: 'phone:923005550001', kind: 'linked' }]));
    expect(JSON.stringify(g)).not.toContain('Imran Khan');
    // by value, from Karachi: only Karachi's own case
    const k = (await as(env.app, karachi).get('/api/v1/cases/links/graph?value=0300%205550001')).json();
    expect(k.nodes.filter((n: { kind: string }) => n.kind === 'case').map((n: { id: string }) => n.id)).toEqual([`case:${khiCase}`]);
  });

  it('names a person only where the actor may see identity; the Cell sees pseudonyms, and all three cases', async () => {
    const both = (await as(env.app, io).get(`/api/v1/cases/links/graph?caseIds=${caseId},${linked}`)).json();
    expect(both.nodes.find((n: { label: string }) => n.label === 'Shahid Iqbal')).toBeDefined();
    const cell = (await as(env.app, analyst).get('/api/v1/cases/links/graph?value=923005550001&depth=2')).json();
    expect(cell.nodes.filter((n: { kind: string }) => n.kind === 'case')).toHaveLength(3);
    const labels = cell.nodes.filter((n: { kind: string }) => n.kind === 'person').map((n: { label: string }) => n.label);
    expect(labels.join(' ')).not.toMatch(/Shahid|Bilal|Imran/);
    expect(labels.some((l: string) => l === 'Malik Arshad')).toBe(true); // an accused is not protected
    const reads = await queryRows<{ n: number }>(env.deps.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.links.readIdentity'`);
    expect(reads[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('adds and removes links on a case, normalised', async () => {
    const url = `/api/v1/cases/${linked}/entities`;
    const add = await as(env.app, io).post(url, { kind: 'bank-account', value: 'pk36-scbl-0000-0011-2345-6702' });
    expect(add.statusCode).toBe(201);
    expect(add.json().value).toBe('PK36 SCBL 0000 0011 2345 6702');
    expect((await as(env.app, io).post(url, { kind: 'bank-account', value: 'PK36 SCBL 0000 0011 2345 6702' })).statusCode).toBe(409);
    expect((await as(env.app, karachi).post(url, { kind: 'vehicle', value: 'LEA-1234' })).statusCode).toBe(404);
    const phone = (await getCase(linked)).entities.find((e: { kind: string }) => e.kind === 'phone');
    expect((await as(env.app, io).delete(`${url}/${phone.id}`)).statusCode).toBe(204);
    const g = (await as(env.app, io).get(`/api/v1/cases/${caseId}/links`)).json();
    expect(g.nodes.map((n: { id: string }) => n.id)).not.toContain(`case:${linked}`);
  });
});
