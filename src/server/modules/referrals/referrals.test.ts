import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeUser, signIn, testEnv, unitId, type Session, type TestEnv } from '../../../../test/support.js';
import { auditEvents } from '../../db/schema.js';

let env: TestEnv;
let io: Session;
let karachi: Session;
let ngo: Session;
let shelter: Session;
let ngoUnit: string;
let shelterUnit: string;
let adultId: string;
let minorId: string;

const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  env = await testEnv();
  io = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-LHR' }));
  karachi = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-KHI' }));
  ngo = await signIn(env.app, await makeUser(env.deps, { roles: ['ngo-caseworker'], unit: 'NGO-LEGAL' }));
  shelter = await signIn(env.app, await makeUser(env.deps, { roles: ['shelter-staff'], unit: 'SHELTER-LHR' }));
  ngoUnit = await unitId(env.deps, 'NGO-LEGAL');
  shelterUnit = await unitId(env.deps, 'SHELTER-LHR');
  const person = async (name: string, dob: string) =>
    (
      await as(env.app, io).post('/api/v1/persons', {
        identity: { name, dob, cnic: '35202-1234567-2', phones: ['0301-2223334'], addresses: [{ line: 'House 4, Street 9', district: 'Lahore' }] },
        sex: 'F',
        nationality: 'PAK',
        protected: true,
      })
    ).json().person.id as string;
  adultId = await person('Shazia Parveen', '1990-03-01');
  minorId = await person('Kiran Bibi', `${new Date().getFullYear() - 15}-06-01`);
});
afterAll(() => env.close());

describe('the directory', () => {
  it('401 without a session', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/referrals/providers' })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/referrals?box=sent' })).statusCode).toBe(401);
  });

  it('a provider keeps its details; a shelter address never appears in the list and only its own staff read it', async () => {
    const put = await as(env.app, shelter).put(`/api/v1/referrals/providers/${shelterUnit}`, { services: ['shelter', 'psychosocial'], languages: ['ur', 'pa'], districts: ['Lahore', 'Kasur'], hours: '24/7', capacity: 40, available: 6, address: '12 Canal Bank Road, Lahore' });
    expect(put.statusCode).toBe(200);
    expect((await as(env.app, ngo).put(`/api/v1/referrals/providers/${shelterUnit}`, { services: ['shelter'], languages: [], districts: [] })).statusCode).toBe(404);
    await as(env.app, ngo).put(`/api/v1/referrals/providers/${ngoUnit}`, { services: ['legal-aid'], languages: ['ur', 'en'], districts: ['Lahore'], hours: 'Mon–Sat 9–17', capacity: 20, available: 3 });
    const list = await as(env.app, io).get('/api/v1/referrals/providers?service=shelter&district=Kasur');
    expect(list.body).not.toContain('Canal Bank');
    expect(list.json().items.map((p: { code: string }) => p.code)).toEqual(['SHELTER-LHR']);
    expect((await as(env.app, io).get(`/api/v1/referrals/providers/${shelterUnit}`)).json().address).toBeNull();
    expect((await as(env.app, shelter).get(`/api/v1/referrals/providers/${shelterUnit}`)).json().address).toBe('12 Canal Bank Road, Lahore');
  });
});

describe('referrals with consent', () => {
  let consentId: string;
  let referralId: string;

  const send = (extra: Record<string, unknown>) =>
    as(env.app, io).post('/api/v1/referrals', { personId: adultId, providerUnitId: ngoUnit, service: 'legal-aid', purpose: 'Legal representation as a complainant', sourceModule: 'cases', fields: ['name', 'age', 'phones'], note: 'Prefers a woman lawyer.', ...extra });

  it('without consent a referral is refused', async () => {
    const res = await send({});
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('consent');
  });

  it('with recorded consent it is sent, and only the consented fields may be shared', async () => {
    const c = await as(env.app, io).post('/api/v1/referrals/consents', { personId: adultId, providerUnitId: ngoUnit, fields: ['name', 'age', 'phones'], purpose: 'legal aid', validUntil: inAYear, form: 'written' });
    expect(c.statusCode).toBe(201);
    consentId = c.json().id;
    const beyond = await send({ consentId, fields: ['name', 'cnic'] });
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json().error.details.notConsented).toEqual(['cnic']);
    const elsewhere = await as(env.app, io).post('/api/v1/referrals', { personId: adultId, providerUnitId: shelterUnit, service: 'shelter', purpose: 'x', sourceModule: 'cases', fields: ['name'], consentId });
    expect(elsewhere.statusCode).toBe(422);
    const res = await send({ consentId });
    expect(res.statusCode).toBe(201);
    referralId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'sent', basis: 'consent', overdue: false, personId: adultId });
  });

  it('the NGO sees nothing beyond what was shared, and not the person record (404)', async () => {
    const inbox = (await as(env.app, ngo).get('/api/v1/referrals?box=received')).json();
    expect(inbox.items.map((r: { id: string }) => r.id)).toContain(referralId);
    const r = await as(env.app, ngo).get(`/api/v1/referrals/${referralId}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().personId).toBeNull();
    expect(r.json().sourceId).toBeNull();
    expect(Object.keys(r.json().shared).sort()).toEqual(['age', 'name', 'note', 'phones']);
    expect(r.json().shared).toMatchObject({ name: 'Shazia Parveen', phones: ['0301-2223334'] });
    expect(r.body).not.toContain('35202');
    expect(r.body).not.toContain('Street 9');
    expect(r.body).not.toContain('1990-03-01');
    expect((await as(env.app, ngo).get(`/api/v1/persons/${adultId}`)).statusCode).toBe(404);
    const read = await env.deps.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'referral.readShared'), eq(auditEvents.recordId, referralId)));
    expect(read.length).toBeGreaterThan(0);
  });

  it('404 for another unit', async () => {
    expect((await as(env.app, karachi).get(`/api/v1/referrals/${referralId}`)).statusCode).toBe(404);
    expect((await as(env.app, shelter).post(`/api/v1/referrals/${referralId}/accept`, { version: 1 })).statusCode).toBe(404);
  });

  it('the NGO accepts, works and completes it with feedback; the sender sees the outcome', async () => {
    expect((await as(env.app, io).post(`/api/v1/referrals/${referralId}/accept`, { version: 1 })).statusCode).toBe(403);
    const accepted = await as(env.app, ngo).post(`/api/v1/referrals/${referralId}/accept`, { version: 1 });
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    expect((await as(env.app, ngo).post(`/api/v1/referrals/${referralId}/accept`, { version: 1 })).statusCode).toBe(409);
    const started = await as(env.app, ngo).post(`/api/v1/referrals/${referralId}/start`, { version: 2 });
    expect(started.json().status).toBe('in-progress');
    expect((await as(env.app, ngo).post(`/api/v1/referrals/${referralId}/complete`, { version: 3, feedback: '' })).statusCode).toBe(400);
    const done = await as(env.app, ngo).post(`/api/v1/referrals/${referralId}/complete`, { version: 3, feedback: 'Lawyer assigned; statement recorded before the magistrate.' });
    expect(done.json()).toMatchObject({ status: 'completed', feedback: expect.stringContaining('Lawyer') });
    const sent = (await as(env.app, io).get('/api/v1/referrals?box=sent')).json();
    expect(sent.items.find((r: { id: string }) => r.id === referralId).status).toBe('completed');
  });

  it('a withdrawn consent no longer allows a referral', async () => {
    expect((await as(env.app, io).post(`/api/v1/referrals/consents/${consentId}/withdraw`)).statusCode).toBe(200);
    const res = await send({ consentId });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('withdrawn');
  });
});

describe('lawful exceptions', () => {
  const urgent = (personId: string, extra: Record<string, unknown>) =>
    as(env.app, io).post('/api/v1/referrals', { personId, providerUnitId: shelterUnit, service: 'shelter', purpose: 'Safe accommodation tonight', urgency: 'immediate', sourceModule: 'cases', fields: ['name', 'age', 'sex'], ...extra });

  it('a minor may be referred without consent when the exception is justified; the override is audited', async () => {
    expect((await urgent(minorId, { exception: 'minor' })).statusCode).toBe(422);
    expect((await urgent(adultId, { exception: 'minor', justification: 'She says she is sixteen and has no guardian here.' })).statusCode).toBe(422);
    const res = await urgent(minorId, { exception: 'minor', justification: 'A 15-year-old rescued from a house in Gulberg; no guardian can be reached tonight.' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ basis: 'exception', exception: 'minor', urgency: 'immediate' });
    expect(new Date(res.json().respondBy).getTime() - Date.now()).toBeLessThan(4 * 3600_000 + 5000);
    const audit = await env.deps.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'referral.consentOverride'), eq(auditEvents.recordId, res.json().id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ exception: 'minor', justification: expect.stringContaining('15-year-old') });
  });

  it('a declined referral carries its reason; an unanswered one is flagged overdue', async () => {
    const a = (await urgent(minorId, { exception: 'immediate-danger', justification: 'The recruiter knows where she is staying and has threatened her family.' })).json();
    expect((await as(env.app, shelter).post(`/api/v1/referrals/${a.id}/decline`, { version: 1, reason: '' })).statusCode).toBe(400);
    const declined = await as(env.app, shelter).post(`/api/v1/referrals/${a.id}/decline`, { version: 1, reason: 'No places for minors this week; try SHELTER-ISB.' });
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: expect.stringContaining('No places') });
    const { referrals } = await import('../../db/schema.js');
    const b = (await urgent(minorId, { exception: 'immediate-danger', justification: 'The recruiter knows where she is staying and has threatened her family.' })).json();
    await env.deps.db.update(referrals).set({ respondBy: new Date(Date.now() - 60_000) }).where(eq(referrals.id, b.id));
    const inbox = (await as(env.app, shelter).get('/api/v1/referrals?box=received&status=sent')).json();
    expect(inbox.items.find((r: { id: string }) => r.id === b.id).overdue).toBe(true);
  });
});
