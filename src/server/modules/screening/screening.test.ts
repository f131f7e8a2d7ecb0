import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeUser, signIn, testEnv, unitId, type Session, type TestEnv } from '../../../../test/support.js';
import { composeTd3, parseMrz } from './mrz.js';
import { refreshCaseFeed } from './service.js';

let env: TestEnv;
let officer: Session; // at a departures counter of Lahore airport
let supervisor: Session; // Lahore airport
let karachiOfficer: Session; // Karachi airport
let atuLahore: Session;
let atuKarachi: Session;
let analyst: Session;
let counterId: string;

const SPECIMEN = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';
const TAMPERED = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408132F1204159ZE184226B<<<<<10';
const TD1 = 'I<UTOD23145890<1233<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<2\nERIKSSON<<ANNA<MARIA<<<<<<<<<<';
const inYears = (n: number) => `${new Date().getFullYear() + n}-06-30`;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  env = await testEnv();
  counterId = await unitId(env.deps, 'IMM-LHE-D1');
  officer = await signIn(env.app, await makeUser(env.deps, { roles: ['immigration-officer'], unit: 'IMM-LHE-D1' }));
  supervisor = await signIn(env.app, await makeUser(env.deps, { roles: ['immigration-supervisor'], unit: 'IMM-LHE' }));
  karachiOfficer = await signIn(env.app, await makeUser(env.deps, { roles: ['immigration-officer'], unit: 'IMM-KHI' }));
  atuLahore = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-LHR' }));
  atuKarachi = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-KHI' }));
  analyst = await signIn(env.app, await makeUser(env.deps, { roles: ['monitoring-cell-analyst'], unit: 'ATU-CMC' }));
});
afterAll(() => env.close());

describe('machine readable zones', () => {
  it('reads the ICAO specimen passport: every check digit holds, and its expiry (2012) is flagged', () => {
    const doc = parseMrz(SPECIMEN)!;
    expect(doc.format).toBe('TD3');
    expect(doc).toMatchObject({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3', dateOfBirth: '1974-08-12', expiryDate: '2012-04-15', sex: 'F', issuingState: 'UTO' });
    expect(doc.flags.map((f) => f.code)).toEqual(['expired']);
    expect(doc.valid).toBe(false);
  });

  it('a changed digit is a forgery flag, never corrected', () => {
    const doc = parseMrz(TAMPERED)!;
    expect(doc.flags.filter((f) => f.code === 'check-digit').length).toBeGreaterThanOrEqual(1);
    expect(doc.flags[0]!.message).toMatch(/altered or forged/);
    expect(doc.dateOfBirth).toBe('1974-08-13'); // as printed, not corrected
  });

  it('reads a TD1 identity card', () => {
    const doc = parseMrz(TD1)!;
    expect(doc.format).toBe('TD1');
    expect(doc.documentCode).toBe('I');
    expect(doc.name).toBe('ANNA MARIA ERIKSSON');
    expect(doc.flags.map((f) => f.code)).toEqual(['expired']);
  });

  it('a Pakistani passport carries a CNIC; a valid one passes, a wrong sex against it is flagged', () => {
    const ok = parseMrz(composeTd3({ state: 'PAK', surname: 'Khan', givenNames: 'Imran', number: 'AB1234567', nationality: 'PAK', dob: '1985-03-02', sex: 'M', expiry: inYears(3), personal: '3520212345671' }))!;
    expect(ok.valid).toBe(true);
    expect(ok.cnic).toBe('35202-1234567-1');
    const bad = parseMrz(composeTd3({ state: 'PAK', surname: 'Khan', givenNames: 'Imran', number: 'AB1234567', nationality: 'PAK', dob: '1985-03-02', sex: 'F', expiry: inYears(3), personal: '3520212345671' }))!;
    expect(bad.flags.map((f) => f.code)).toContain('cnic-sex-mismatch');
  });
});

let exitList: string;
let lostList: string;

describe('watchlists', () => {
  it('401 without a session', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/screening/watchlists' })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/screening/checks', payload: { mrz: SPECIMEN } })).statusCode).toBe(401);
  });

  it('a supervisor creates lists; an officer may not', async () => {
    const res = await as(env.app, supervisor).post('/api/v1/screening/watchlists', { name: 'Exit Control List', kind: 'exit-control', instruction: 'stop', legalBasis: 'Exit from Pakistan (Control) Ordinance 1981', expiresOn: null });
    expect(res.statusCode).toBe(201);
    exitList = res.json().id;
    expect(res.json().canManage).toBe(true);
    const lost = await as(env.app, supervisor).post('/api/v1/screening/watchlists', { name: 'Lost and stolen passports', kind: 'lost-stolen-documents', instruction: 'stop', legalBasis: 'Passports Act 1974' });
    lostList = lost.json().id;
    expect((await as(env.app, officer).post('/api/v1/screening/watchlists', { name: 'x', kind: 'intelligence', instruction: 'inform', legalBasis: 'y' })).statusCode).toBe(403);
    expect((await as(env.app, supervisor).post('/api/v1/screening/watchlists', { name: 'x', kind: 'proclaimed-offenders-and-accused', instruction: 'stop', legalBasis: 'y' })).statusCode).toBe(422);
  });

  it('a new entry is live at the counter right after it is saved; exact document hits come first', async () => {
    const e = await as(env.app, supervisor).post(`/api/v1/screening/watchlists/${exitList}/entries`, { names: ['Muhammad Tariq Mehmood', 'محمد طارق محمود'], dateOfBirth: '1979-11-04', nationality: 'Pakistan', sex: 'M', notes: 'ECL, Ministry of Interior memo' });
    expect(e.statusCode).toBe(201);
    expect(e.json().versions).toHaveLength(1);
    await as(env.app, supervisor).post(`/api/v1/screening/watchlists/${lostList}/entries`, { names: ['Erik Andersson'], documentNumbers: ['L898902C3'] });
    const res = await as(env.app, officer).post('/api/v1/screening/checks', { mrz: SPECIMEN });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.hits[0]).toMatchObject({ matchedBy: 'document', score: 1, alert: true, list: { kind: 'lost-stolen-documents', instruction: 'stop' } });
    expect(body.document.flags.map((f: { code: string }) => f.code)).toContain('expired');
    expect(body.result).toBe('hit');
    expect(body.encounterId).toBeTruthy();
  });

  it('a fuzzy name with date of birth hits, with its explanation', async () => {
    const res = await as(env.app, officer).post('/api/v1/screening/checks', { name: 'Mohammad Tariq Mahmood', dateOfBirth: '1979-11-04', nationality: 'PAK', counterId });
    expect(res.statusCode).toBe(200);
    const hit = res.json().hits.find((h: { list: { id: string } }) => h.list.id === exitList);
    expect(hit).toBeTruthy();
    expect(hit.matchedBy).toBe('name');
    expect(hit.alert).toBe(true);
    expect(hit.explanation.matchedName).toBe('Muhammad Tariq Mehmood');
    expect(hit.explanation.attributes.length).toBeGreaterThan(0);
  });

  it('a clean traveller is clear; a tampered zone is flagged; garbage is a 422, never a clear', async () => {
    const clean = await as(env.app, officer).post('/api/v1/screening/checks', { mrz: composeTd3({ state: 'PAK', surname: 'Qureshi', givenNames: 'Sana', number: 'CK7654321', nationality: 'PAK', dob: '1990-01-01', sex: 'F', expiry: inYears(4) }) });
    expect(clean.json()).toMatchObject({ result: 'clear', hits: [] });
    const tampered = await as(env.app, officer).post('/api/v1/screening/checks', { mrz: TAMPERED });
    expect(tampered.json().document.valid).toBe(false);
    expect(tampered.json().document.flags.map((f: { code: string }) => f.code)).toContain('check-digit');
    const bad = await as(env.app, officer).post('/api/v1/screening/checks', { mrz: 'not a passport' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toMatch(/machine readable zone/);
  });

  it('a minor travelling is flagged for the officer to check the guardian', async () => {
    const child = await as(env.app, officer).post('/api/v1/screening/checks', { mrz: composeTd3({ state: 'PAK', surname: 'Bibi', givenNames: 'Ayesha', number: 'DK1111111', nationality: 'PAK', dob: daysAgo(365 * 12), sex: 'F', expiry: inYears(4) }) });
    expect(child.json().document.flags.map((f: { code: string }) => f.code)).toContain('minor-traveller');
  });

  it('an officer at another post cannot use a Lahore counter; an ATU may not screen', async () => {
    expect((await as(env.app, karachiOfficer).post('/api/v1/screening/checks', { name: 'X Y', counterId })).statusCode).toBe(404);
    expect((await as(env.app, atuLahore).post('/api/v1/screening/checks', { name: 'X Y' })).statusCode).toBe(422);
  });

  it('deactivating an entry takes it off the counters at once (a new version is kept)', async () => {
    const e = await as(env.app, supervisor).post(`/api/v1/screening/watchlists/${exitList}/entries`, { names: ['Gulzar Ahmed Baloch'], dateOfBirth: '1968-02-02' });
    const id = e.json().id;
    expect((await as(env.app, officer).post('/api/v1/screening/checks', { name: 'Gulzar Ahmed Baloch', dateOfBirth: '1968-02-02' })).json().hits).toHaveLength(1);
    const off = await as(env.app, supervisor).patch(`/api/v1/screening/entries/${id}`, { version: 1, active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().versions.map((v: { change: string }) => v.change)).toEqual(['created', 'deactivated']);
    expect((await as(env.app, officer).post('/api/v1/screening/checks', { name: 'Gulzar Ahmed Baloch', dateOfBirth: '1968-02-02' })).json().hits).toHaveLength(0);
    expect((await as(env.app, supervisor).patch(`/api/v1/screening/entries/${id}`, { version: 1, notes: 'stale' })).statusCode).toBe(409);
  });

  it('imports CSV with a preview and per-row errors; a file with errors writes nothing; a clean one is live', async () => {
    const bad = 'name,date_of_birth,nationality,document_numbers,cnic\nShahid Iqbal Butt,1975-05-05,PAK,,\nNo Date Man,31/02/1980,PAK,,\nCnic Wrong,,PAK,,12345\n';
    const preview = await as(env.app, supervisor).post(`/api/v1/screening/watchlists/${exitList}/import`, { filename: 'ecl.csv', content: bad, commit: false });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ committed: false, rows: 3, ok: 1, withErrors: 2 });
    expect(preview.json().errors.map((e: { row: number }) => e.row)).toEqual([3, 4]);
    const refused = await as(env.app, supervisor).post(`/api/v1/screening/watchlists/${exitList}/import`, { filename: 'ecl.csv', content: bad, commit: true });
    expect(refused.statusCode).toBe(422);
    expect((await as(env.app, officer).post('/api/v1/screening/checks', { name: 'Shahid Iqbal Butt', dateOfBirth: '1975-05-05' })).json().hits).toHaveLength(0);
    const good = 'name,aliases,date_of_birth,nationality,document_numbers\nShahid Iqbal Butt,Shahid Butt,1975-05-05,PAK,FA9876543\n';
    const done = await as(env.app, supervisor).post(`/api/v1/screening/watchlists/${exitList}/import`, { filename: 'ecl.csv', content: good, commit: true });
    expect(done.json()).toMatchObject({ committed: true, created: 1 });
    const hit = await as(env.app, officer).post('/api/v1/screening/checks', { name: 'Someone Else', documentNumber: 'FA 9876543' });
    expect(hit.json().hits[0]).toMatchObject({ matchedBy: 'document', score: 1 });
    const jsonl = await as(env.app, supervisor).post(`/api/v1/screening/watchlists/${exitList}/import`, { filename: 'x.jsonl', content: '{"names":["Rafiq Ahmad"],"dateOfBirth":"1960-01-01"}\nnot json\n', commit: false });
    expect(jsonl.json()).toMatchObject({ ok: 1, withErrors: 1 });
  });
});

describe('case feed, adjudication and referrals', () => {
  let hitId: string;

  it('a proclaimed offender registered in a case is hit at the counter', async () => {
    const reg = await as(env.app, atuLahore).post('/api/v1/cases', {
      title: 'Visa fraud ring, Gujranwala',
      statute: 'PTPA-2018',
      source: 'complaint',
      receivedOn: daysAgo(90),
      parties: [
        { role: 'accused', person: { identity: { name: 'Naveed Akhtar Chaudhry', dob: '1982-07-15', passports: [{ number: 'BN4455667' }] }, sex: 'M', nationality: 'PAK' }, proclaimedOffender: true, absconding: true, accusedRoles: ['recruiter'] },
        { role: 'victim', person: { identity: { name: 'Shazia Parveen', dob: '1996-03-10' }, sex: 'F', nationality: 'PAK' } },
      ],
    });
    expect(reg.statusCode).toBe(201);
    const feed = await refreshCaseFeed(env.deps);
    expect(feed.added).toBe(2);
    expect((await refreshCaseFeed(env.deps)).added).toBe(0); // nothing changed, nothing re-read
    const res = await as(env.app, officer).post('/api/v1/screening/checks', {
      mrz: composeTd3({ state: 'PAK', surname: 'Chaudhry', givenNames: 'Naveed Akhtar', number: 'BN9999999', nationality: 'PAK', dob: '1982-07-15', sex: 'M', expiry: inYears(5) }),
    });
    const hit = res.json().hits[0];
    expect(hit).toMatchObject({ matchedBy: 'name', alert: true, list: { kind: 'proclaimed-offenders-and-accused', instruction: 'stop' } });
    hitId = hit.id;
    // a known victim travelling again: a hit from persons-at-risk
    const victim = await as(env.app, officer).post('/api/v1/screening/checks', { name: 'Shazia Parveen', dateOfBirth: '1996-03-10', nationality: 'PAK' });
    expect(victim.json().hits[0].list.kind).toBe('persons-at-risk');
  });

  it('an officer at another post cannot decide the hit (404)', async () => {
    expect((await as(env.app, karachiOfficer).post(`/api/v1/screening/hits/${hitId}/decision`, { decision: 'confirmed', reason: 'x' })).statusCode).toBe(404);
  });

  it('confirming refers it to the ATU of the case, which sees and acknowledges it; another ATU does not', async () => {
    const res = await as(env.app, officer).post(`/api/v1/screening/hits/${hitId}/decision`, { decision: 'confirmed', reason: 'Photograph and father’s name match the proclamation' });
    expect(res.statusCode).toBe(200);
    expect(res.json().referral.atuName).toMatch(/Lahore/);
    expect((await as(env.app, officer).post(`/api/v1/screening/hits/${hitId}/decision`, { decision: 'false-match', reason: 'x' })).statusCode).toBe(409);
    const list = await as(env.app, atuLahore).get('/api/v1/screening/referrals?status=open');
    expect(list.statusCode).toBe(200);
    const ref = list.json().items[0];
    expect(ref).toMatchObject({ source: 'hit', status: 'open', traveller: { name: 'NAVEED AKHTAR CHAUDHRY' } });
    expect(ref.caseRef).toMatch(/^ATU-LHR\//);
    expect((await as(env.app, atuKarachi).get('/api/v1/screening/referrals')).json().items).toHaveLength(0);
    expect((await as(env.app, atuKarachi).post(`/api/v1/screening/referrals/${ref.id}/acknowledge`, { version: 1 })).statusCode).toBe(404);
    const ack = await as(env.app, atuLahore).post(`/api/v1/screening/referrals/${ref.id}/acknowledge`, { version: 1 });
    expect(ack.json().status).toBe('acknowledged');
    const notes = await as(env.app, atuLahore).get('/api/v1/auth/session');
    expect(notes.statusCode).toBe(200);
  });

  it('a false match is recorded with its reason', async () => {
    const res = await as(env.app, officer).post('/api/v1/screening/checks', { name: 'Muhammad Tariq Mehmood', dateOfBirth: '1979-11-04', nationality: 'PAK' });
    const hit = res.json().hits[0];
    const d = await as(env.app, officer).post(`/api/v1/screening/hits/${hit.id}/decision`, { decision: 'false-match', reason: 'Different father’s name on CNIC' });
    expect(d.json()).toMatchObject({ decision: 'false-match', referral: null });
    const enc = await as(env.app, supervisor).get(`/api/v1/screening/encounters/${res.json().encounterId}`);
    expect(enc.json().hits[0]).toMatchObject({ decision: 'false-match', reason: 'Different father’s name on CNIC' });
    expect((await as(env.app, karachiOfficer).get(`/api/v1/screening/encounters/${res.json().encounterId}`)).statusCode).toBe(404);
  });

  it('the heartbeat tells the counter it is connected', async () => {
    const hb = await as(env.app, officer).get('/api/v1/screening/heartbeat');
    expect(hb.json()).toMatchObject({ status: 'ok' });
    expect(hb.json().entries).toBeGreaterThan(3);
  });
});

describe('off-loadees, deportees and statistics', () => {
  it('records off-loadees with SOP grounds', async () => {
    for (const [destination, agency] of [
      ['Saudi Arabia', 'Al-Noor Overseas'],
      ['Saudi Arabia', 'Al-Noor Overseas'],
      ['Libya', 'Sky Travels'],
    ] as const) {
      const res = await as(env.app, officer).post('/api/v1/screening/offloadees', {
        traveller: { name: 'Bilal Ahmed', dateOfBirth: '2001-01-01', documentNumber: 'AB7777777' },
        sex: 'M',
        grounds: destination === 'Libya' ? ['suspected-smuggling', 'fake-visa'] : ['no-protector-stamp'],
        destination,
        route: destination === 'Libya' ? 'LHE-DXB-BEN' : 'LHE-JED',
        agency,
        sponsor: 'Ahmad Contracting',
      });
      expect(res.statusCode).toBe(201);
    }
    expect((await as(env.app, officer).post('/api/v1/screening/offloadees', { traveller: { name: 'X' }, grounds: [], destination: 'Oman' })).statusCode).toBe(400);
    const list = await as(env.app, officer).get('/api/v1/screening/offloadees');
    expect(list.json().total).toBe(3);
    expect(list.json().items[0].traveller.name).toBe('Bilal Ahmed');
    expect((await as(env.app, karachiOfficer).get('/api/v1/screening/offloadees')).json().total).toBe(0);
    expect((await as(env.app, analyst).get('/api/v1/screening/offloadees')).json().items[0].traveller).toBeNull();
  });

  it('a deportee interviewed as a suspected victim is referred: an inquiry opens in the ATU and is linked', async () => {
    const res = await as(env.app, officer).post('/api/v1/screening/deportees', {
      traveller: { name: 'Asif Raza', dateOfBirth: '1998-09-09', documentNumber: 'EK1212121' },
      sex: 'M',
      nationality: 'PAK',
      deportingCountry: 'Greece',
      reason: 'Irregular entry',
      travelHistory: [{ country: 'IRN' }, { country: 'TUR' }, { country: 'GRC' }],
      interview: { arrangedBy: 'An agent in Gujrat', amountPaidRs: 2_500_000, paidTo: 'Agent Haji Sabir', route: 'Taftan, Iran, Turkey, by sea to Greece', whatHappened: 'Held in a house in Iran until the family paid more' },
      assessment: 'suspected-victim',
      referToAtu: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().caseRef).toMatch(/^ATU-LHR\//);
    const cases = await as(env.app, atuLahore).get(`/api/v1/cases/${res.json().caseId}`);
    expect(cases.statusCode).toBe(200);
    expect(cases.json().stage).toBe('inquiry');
    const refs = (await as(env.app, atuLahore).get('/api/v1/screening/referrals')).json().items;
    expect(refs.some((r: { source: string; caseId: string }) => r.source === 'deportee' && r.caseId === res.json().caseId)).toBe(true);
    await as(env.app, officer).post('/api/v1/screening/deportees', { traveller: { name: 'Kamran Ali' }, deportingCountry: 'Saudi Arabia', reason: 'Overstay', travelHistory: [{ country: 'SAU' }], assessment: 'none' });
  });

  it('headquarters sees the figures by post, ground, destination, agency, country and reason, and exports them', async () => {
    const res = await as(env.app, analyst).get('/api/v1/screening/stats');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.encounters[0].postName).toMatch(/Lahore/);
    expect(s.encounters.reduce((n: number, e: { encounters: number }) => n + e.encounters, 0)).toBeGreaterThanOrEqual(10);
    expect(s.adjudication).toMatchObject({ confirmed: 1, falseMatch: 1 });
    expect(s.adjudication.medianSeconds).not.toBeNull();
    expect(s.offloadees.byGround).toContainEqual({ key: 'no-protector-stamp', n: 2 });
    expect(s.offloadees.byDestination[0]).toEqual({ key: 'Saudi Arabia', n: 2 });
    expect(s.offloadees.byAgency[0]).toEqual({ key: 'Al-Noor Overseas', n: 2 });
    expect(s.deportees.byCountry).toEqual(expect.arrayContaining([{ key: 'Greece', n: 1 }, { key: 'Saudi Arabia', n: 1 }]));
    expect(s.deportees.byReason).toContainEqual({ key: 'Overstay', n: 1 });
    const csv = await as(env.app, analyst).get('/api/v1/screening/stats/export?format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('Off-loadees by ground');
    const xlsx = await as(env.app, analyst).get('/api/v1/screening/stats/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect((await as(env.app, officer).get('/api/v1/screening/stats')).statusCode).toBe(403);
    expect((await as(env.app, atuLahore).get('/api/v1/screening/stats')).statusCode).toBe(403);
  });
});

describe('manifests', () => {
  it('screens a manifest in the background with progress; only hits are listed', async () => {
    const passengers = Array.from({ length: 3000 }, (_, i) => ({ name: `Passenger Number${i} Testname`, dateOfBirth: '1990-01-01', nationality: 'PAK' }));
    passengers[1234] = { name: 'Naveed Akhtar Chaudhry', dateOfBirth: '1982-07-15', nationality: 'PAK' };
    passengers[2500] = { name: 'Nobody', documentNumber: 'FA9876543' } as never;
    const res = await as(env.app, officer).post('/api/v1/screening/manifests', { flight: 'PK-203', passengers });
    expect(res.statusCode).toBe(202);
    const id = res.json().id;
    let m = (await as(env.app, officer).get(`/api/v1/screening/manifests/${id}`)).json();
    for (let i = 0; i < 100 && m.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      m = (await as(env.app, officer).get(`/api/v1/screening/manifests/${id}`)).json();
    }
    expect(m).toMatchObject({ status: 'done', total: 3000, done: 3000 });
    expect(m.hits.map((h: { row: number }) => h.row)).toEqual([1235, 2501]);
    expect(m.hits[1]).toMatchObject({ matchedBy: 'document', score: 1 });
    expect((await as(env.app, karachiOfficer).get(`/api/v1/screening/manifests/${id}`)).statusCode).toBe(404);
    const csv = await as(env.app, officer).post('/api/v1/screening/manifests', { csv: 'name,date_of_birth,nationality\nNaveed Akhtar Chaudhry,1982-07-15,PAK\n' });
    expect(csv.statusCode).toBe(202);
  });
});
