import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeUser, signIn, testEnv, type Session, type TestEnv } from '../../../../test/support.js';
import { auditEvents } from '../../db/schema.js';
import { queryRows } from '../../platform/db.js';
import { DUPLICATE_THRESHOLD } from './service.js';

let env: TestEnv;
let io: Session; // investigator, ATU Lahore
let sup: Session; // supervisor, ATU Lahore
let karachi: Session; // investigator, ATU Karachi
let analyst: Session; // Monitoring Cell: nationwide, masked

const yusuf = {
  identity: {
    name: 'Muhammad Yusuf Tareen',
    nameUrdu: 'محمد یوسف ترین',
    fatherName: 'Abdul Ghaffar',
    relation: 's/o',
    dob: '1985-03-14',
    cnic: '3520212345671',
    passports: [{ number: 'ab1234567', country: 'PAK' }],
    phones: ['0300-1234567'],
    addresses: [{ line: 'House 12, Street 4, Shadbagh', district: 'Lahore', province: 'Punjab' }],
  },
  sex: 'M',
  nationality: 'Pakistan',
};

beforeAll(async () => {
  env = await testEnv();
  io = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-LHR' }));
  sup = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-supervisor'], unit: 'ZONE-LHR' }));
  karachi = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-KHI' }));
  analyst = await signIn(env.app, await makeUser(env.deps, { roles: ['monitoring-cell-analyst'], unit: 'ATU-CMC' }));
});
afterAll(() => env.close());

let yusufId: string;

describe('registering a person', () => {
  it('401 without a session', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/persons' })).statusCode).toBe(401);
  });

  it('registers a person with Urdu and Latin names; the CNIC is normalised; nothing identifying is stored in clear', async () => {
    const res = await as(env.app, io).post('/api/v1/persons', yusuf);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    yusufId = body.person.id;
    expect(body.person.identity.cnic).toBe('35202-1234567-1');
    expect(body.person.identity.passports[0].number).toBe('AB1234567');
    expect(body.person.nationality).toBe('PAK');
    expect(body.person.ref).toMatch(/^P-[0-9A-Z]{8}$/);
    expect(body.warnings).toEqual([]);
    const raw = JSON.stringify(await queryRows(env.deps.db, sql`SELECT * FROM persons`)) + JSON.stringify(await queryRows(env.deps.db, sql`SELECT * FROM person_identifiers`));
    for (const secret of ['Yusuf', 'یوسف', '1234567', 'Shadbagh', 'Ghaffar', 'AB1234567', '0300']) expect(raw).not.toContain(secret);
  });

  it('rejects an invalid CNIC with a clear message and warns when its last digit disagrees with the sex', async () => {
    const bad = await as(env.app, io).post('/api/v1/persons', { identity: { name: 'Test Person', cnic: '35202-123456-1' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toMatch(/13 digits/);
    const warn = await as(env.app, io).post('/api/v1/persons', { identity: { name: 'Nasreen Bibi Jatoi', cnic: '45102-7654321-3' }, sex: 'F' });
    expect(warn.statusCode).toBe(201);
    expect(warn.json().warnings[0]).toMatch(/odd: male.*female/);
  });

  it('shows likely duplicates with their explanation before saving', async () => {
    const res = await as(env.app, io).post('/api/v1/persons/check', { identity: { name: 'Mohammad Yousaf Tareen', dob: '1985' }, sex: 'M' });
    expect(res.statusCode).toBe(200);
    const [first] = res.json().duplicates;
    expect(first.person.id).toBe(yusufId);
    expect(first.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    const matched = first.explanation.parts.map((p: { query: string; candidate: string }) => `${p.query}~${p.candidate}`.toLowerCase());
    expect(matched.join(' ')).toMatch(/yousaf~yusuf/);
    expect(first.explanation.attributes.find((a: { attribute: string }) => a.attribute === 'dob').outcome).toBe('agree');
  });
});

describe('search', () => {
  it('finds by Urdu script, another Latin spelling, CNIC in any form, phone and passport', async () => {
    const q = async (s: string) => (await as(env.app, io).get(`/api/v1/persons?q=${encodeURIComponent(s)}`)).json().items.map((i: { person: { id: string } }) => i.person.id);
    expect(await q('محمد یوسف')).toContain(yusufId);
    expect(await q('Mohd Yousaf Tarin')).toContain(yusufId);
    expect(await q('35202-1234567-1')).toEqual([yusufId]);
    expect(await q('3520212345671')).toEqual([yusufId]);
    expect(await q('+92 300 1234567')).toEqual([yusufId]);
    expect(await q('AB1234567')).toEqual([yusufId]);
  });

  it('stays within scope: another ATU finds nothing and gets 404 for the record', async () => {
    expect((await as(env.app, karachi).get('/api/v1/persons?q=3520212345671')).json().items).toEqual([]);
    expect((await as(env.app, karachi).get(`/api/v1/persons/${yusufId}`)).statusCode).toBe(404);
  });

  it('the Monitoring Cell sees the person nationwide but not who they are', async () => {
    const res = await as(env.app, analyst).get(`/api/v1/persons/${yusufId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ identityVisible: false, identity: null, birthYear: 1985, sex: 'M' });
    expect(res.body).not.toMatch(/Yusuf|35202/);
    const search = await as(env.app, analyst).get('/api/v1/persons?q=Muhammad%20Yusuf%20Tareen');
    expect(search.json().items[0].person.identity).toBeNull();
    expect(search.body).not.toMatch(/Yusuf/);
  });

  it('audits reads of identity, and audits searches without the searched name in clear', async () => {
    await as(env.app, io).get(`/api/v1/persons/${yusufId}`);
    await as(env.app, io).get('/api/v1/persons?q=Tareen');
    const events = await env.deps.db.select().from(auditEvents).where(sql`${auditEvents.recordType} = 'person'`);
    expect(events.some((e) => e.action === 'person.readIdentity' && e.recordId === yusufId && e.fields?.includes('identity.cnic'))).toBe(true);
    const search = events.filter((e) => e.action === 'person.search');
    expect(search.length).toBeGreaterThan(0);
    expect(JSON.stringify(search)).not.toMatch(/Tareen|یوسف/);
  });

  it('matches one query against the registry with score, alert and explanation', async () => {
    const res = await as(env.app, io).post('/api/v1/persons/match', { name: 'Yousaf Tareen s/o Abdul Ghafar', dob: '1985-03-14', nationality: 'PK' });
    expect(res.statusCode).toBe(200);
    const { threshold, hits } = res.json();
    expect(hits[0].person.id).toBe(yusufId);
    expect(hits[0].alert).toBe(hits[0].score >= threshold);
    expect(hits[0].explanation.attributes.map((a: { attribute: string }) => a.attribute)).toEqual(expect.arrayContaining(['dob', 'fatherName']));
  });
});

describe('duplicates, merge and un-merge', () => {
  let dupId: string;
  let duplicateId: string;
  let mergeId: string;

  it('a likely duplicate saved anyway is queued for the supervisor with its explanation', async () => {
    const res = await as(env.app, io).post('/api/v1/persons', { identity: { name: 'M. Yousaf', nameUrdu: 'محمد یوسف', dob: '1985-03-14', cnic: '35202-1234567-1', aliases: ['Yousaf Tarin'] }, sex: 'M' });
    expect(res.statusCode).toBe(201);
    dupId = res.json().person.id;
    expect(res.json().duplicates.map((d: { person: { id: string } }) => d.person.id)).toContain(yusufId);
    const queue = (await as(env.app, sup).get('/api/v1/persons/duplicates')).json();
    const pair = queue.items.find((i: { a: { id: string }; b: { id: string } }) => [i.a.id, i.b.id].sort().join() === [yusufId, dupId].sort().join());
    expect(pair).toBeDefined();
    expect(pair.explanation.attributes.some((a: { attribute: string; outcome: string }) => a.attribute === 'cnic' && a.outcome === 'agree')).toBe(true);
    duplicateId = pair.id;
    // An investigator does not review the queue.
    expect((await as(env.app, io).get('/api/v1/persons/duplicates')).statusCode).toBe(403);
  });

  it('merges with a reason: the old spelling and the old id lead to the surviving record', async () => {
    const res = await as(env.app, sup).post('/api/v1/persons/merges', { sourceId: dupId, targetId: yusufId, reason: 'Same CNIC and date of birth; confirmed by the IO' });
    expect(res.statusCode).toBe(201);
    mergeId = res.json().mergeId;
    const old = (await as(env.app, io).get(`/api/v1/persons/${dupId}`)).json();
    expect(old.mergedInto).toBe(yusufId);
    const found = (await as(env.app, io).get(`/api/v1/persons?q=${encodeURIComponent('Yousaf Tarin')}`)).json().items.map((i: { person: { id: string } }) => i.person.id);
    expect(found[0]).toBe(yusufId);
    expect(found).not.toContain(dupId);
    expect((await as(env.app, sup).get('/api/v1/persons/duplicates')).json().items.find((i: { id: string }) => i.id === duplicateId)).toBeUndefined();
    expect((await as(env.app, sup).post('/api/v1/persons/merges', { sourceId: dupId, targetId: yusufId, reason: 'again' })).statusCode).toBe(409);
  });

  it('undoes the merge with a reason; the history keeps both', async () => {
    const res = await as(env.app, sup).post(`/api/v1/persons/merges/${mergeId}/undo`, { reason: 'The CNIC was mistyped on the second record' });
    expect(res.statusCode).toBe(200);
    expect(res.json().person.mergedInto).toBeNull();
    const target = (await as(env.app, sup).get(`/api/v1/persons/${yusufId}`)).json();
    expect(target.merges).toHaveLength(1);
    expect(target.merges[0]).toMatchObject({ sourceId: dupId, reason: 'Same CNIC and date of birth; confirmed by the IO', undoReason: 'The CNIC was mistyped on the second record' });
    expect((await as(env.app, sup).post(`/api/v1/persons/merges/${mergeId}/undo`, { reason: 'again please' })).statusCode).toBe(409);
  });

  it('remembers "not the same person"', async () => {
    const a = (await as(env.app, io).post('/api/v1/persons', { identity: { name: 'Shazia Bibi', dob: '1990' }, sex: 'F' })).json().person.id;
    const b = (await as(env.app, io).post('/api/v1/persons', { identity: { name: 'Shazia Bibi', dob: '1990' }, sex: 'F' })).json().person.id;
    const queue = (await as(env.app, sup).get('/api/v1/persons/duplicates')).json();
    const pair = queue.items.find((i: { a: { id: string }; b: { id: string } }) => [i.a.id, i.b.id].sort().join() === [a, b].sort().join());
    expect((await as(env.app, sup).post(`/api/v1/persons/duplicates/${pair.id}/distinct`, { reason: 'Different villages and fathers' })).statusCode).toBe(204);
    expect((await as(env.app, sup).get('/api/v1/persons/duplicates')).json().items.find((i: { id: string }) => i.id === pair.id)).toBeUndefined();
    const decided = (await as(env.app, sup).get('/api/v1/persons/duplicates?status=distinct')).json().items.find((i: { id: string }) => i.id === pair.id);
    expect(decided.reason).toBe('Different villages and fathers');
  });
});

describe('editing', () => {
  it('a stale version is refused with 409; a current one saves and is searchable at once', async () => {
    const p = (await as(env.app, io).get(`/api/v1/persons/${yusufId}`)).json();
    const body = { identity: { ...p.identity, aliases: ['Yusuf Bhai'] }, sex: 'M', nationality: 'PAK', version: p.version };
    expect((await as(env.app, io).put(`/api/v1/persons/${yusufId}`, body)).statusCode).toBe(200);
    expect((await as(env.app, io).put(`/api/v1/persons/${yusufId}`, body)).statusCode).toBe(409);
    const found = (await as(env.app, io).get('/api/v1/persons?q=Yusuf%20Bhai')).json().items.map((i: { person: { id: string } }) => i.person.id);
    expect(found).toContain(yusufId);
  });

  it('the Monitoring Cell may not edit (403), another ATU gets 404', async () => {
    expect((await as(env.app, analyst).put(`/api/v1/persons/${yusufId}`, { identity: { name: 'X' }, version: 1 })).statusCode).toBe(403);
    expect((await as(env.app, karachi).put(`/api/v1/persons/${yusufId}`, { identity: { name: 'X' }, version: 1 })).statusCode).toBe(404);
  });

  it('the index is rebuilt from the database on start', async () => {
    const { RegistryIndex } = await import('./registry-index.js');
    const fresh = new RegistryIndex();
    await fresh.load(env.deps.db, env.deps.cipher);
    expect(fresh.size).toBe(env.deps.registry.size);
    expect(fresh.search({ name: 'محمد یوسف ترین' }, 5).map((h) => h.id)).toContain(yusufId);
  });
});
