import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeUser, signIn, testEnv, type Session, type TestEnv } from '../../../../test/support.js';
import { loadUser } from '../../platform/auth.js';
import { caseCharges, cases, hearings, judgments, units } from '../../db/schema.js';
import { dashboard, refreshCaseSummaries, worksheet, worksheetPdf } from './monitoring.js';

let env: TestEnv;
let io: Session;
let ioId: string;
let sup: Session;
let karachi: Session;
let analyst: Session;
let analystActor: Parameters<typeof worksheet>[1];
let lahoreName: string;
let karachiName: string;
const ids: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const person = (name: string) => ({ identity: { name } });

async function register(s: Session, body: Record<string, unknown>) {
  const res = await as(env.app, s).post('/api/v1/cases', { source: 'complaint', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
const page = async (s: Session, id: string) => (await as(env.app, s).get(`/api/v1/cases/${id}`)).json();
async function move(s: Session, id: string, body: Record<string, unknown>) {
  const c = await page(s, id);
  const res = await as(env.app, s).post(`/api/v1/cases/${id}/stage`, { version: c.version, ...body });
  expect(res.statusCode, res.body).toBe(204);
}

beforeAll(async () => {
  env = await testEnv();
  const ioUser = await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-LHR' });
  ioId = ioUser.id;
  io = await signIn(env.app, ioUser);
  sup = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-supervisor'], unit: 'ATU-LHR' }));
  karachi = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-KHI' }));
  const analystUser = await makeUser(env.deps, { roles: ['monitoring-cell-analyst'], unit: 'ATU-CMC' });
  analyst = await signIn(env.app, analystUser);
  analystActor = (await loadUser(env.deps.db, analystUser.id))!.actor;
  lahoreName = (await env.deps.db.select({ n: units.name }).from(units).where(eq(units.code, 'ATU-LHR')))[0]!.n;
  karachiName = (await env.deps.db.select({ n: units.name }).from(units).where(eq(units.code, 'ATU-KHI')))[0]!.n;

  // A: Lahore, trafficking, at trial with three adjournments and three judgments (2 convicted, 1 acquitted).
  ids.A = await register(io, {
    title: 'Girls taken to Dubai for forced labour',
    statute: 'PTPA-2018',
    receivedOn: daysAgo(200),
    parties: [
      { role: 'victim', person: person('Nasreen Akhtar'), ageYears: 17 },
      { role: 'accused', person: person('Zulfiqar Ali Gondal'), charges: ['PTPA-2018-s3-woman-child', 'EO-1979-s17'] },
      { role: 'accused', person: person('Khalid Mehmood'), charges: ['PTPA-2018-s3-woman-child'] },
    ],
  });
  await move(io, ids.A, { to: 'fir', on: daysAgo(150), firNumber: '7/2025' });
  await move(io, ids.A, { to: 'investigation', on: daysAgo(150) });
  await move(io, ids.A, { to: 'challan', on: daysAgo(100) });
  await move(io, ids.A, { to: 'trial', on: daysAgo(90), court: 'Sessions Court Lahore' });
  const h = (on: string, adjourned: boolean, reason?: string) => ({ caseId: ids.A, court: 'Sessions Court Lahore', on, purpose: 'evidence', adjourned, adjournmentReason: reason ?? null, recordedBy: ioId });
  await env.deps.db.insert(hearings).values([h(daysAgo(80), true, 'prosecution witness absent'), h(daysAgo(60), true, 'prosecution witness absent'), h(daysAgo(40), true, 'defence counsel absent'), h(daysAgo(20), false)]);
  const charges = await env.deps.db.select({ id: caseCharges.id }).from(caseCharges).where(eq(caseCharges.caseId, ids.A));
  expect(charges).toHaveLength(3);
  await env.deps.db.insert(judgments).values(
    charges.map((c, i) => ({ caseId: ids.A, chargeId: c.id, court: 'Sessions Court Lahore', on: daysAgo(10), outcome: i === 2 ? 'acquitted' : 'convicted', recordedBy: ioId })),
  );

  // B: Lahore, an old complaint with a proclaimed offender, untouched for months.
  ids.B = await register(io, {
    title: 'Recruitment through a fake agency',
    statute: 'EO-1979',
    receivedOn: daysAgo(400),
    parties: [{ role: 'accused', person: person('Tariq Mehmood Butt'), charges: ['EO-1979-s22'], proclaimedOffender: true, proclamationPublishedOn: daysAgo(300), proclamationPeriodDays: 30 }],
  });
  await env.deps.db.update(cases).set({ updatedAt: new Date(Date.now() - 120 * 86_400_000) }).where(eq(cases.id, ids.B));

  // C: Karachi, smuggling, FIR 20 days ago (s.173 report overdue), remand expired.
  ids.C = await register(karachi, {
    title: 'Boat departure from Gwadar',
    statute: 'PSMA-2018',
    receivedOn: daysAgo(30),
    parties: [{ role: 'accused', person: person('Abdul Ghaffar Baloch'), charges: ['PSMA-2018-s3'], arrestedOn: daysAgo(12), remandUntil: daysAgo(4) }],
  });
  await move(karachi, ids.C, { to: 'fir', on: daysAgo(20), firNumber: '3/2026' });
});
afterAll(() => env.close());

describe('the dashboard', () => {
  it('401 without a session', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/cases/monitoring/dashboard' })).statusCode).toBe(401);
  });

  it('another unit’s cases are never counted: a supervisor asking for Karachi gets nothing (there is no record to 404)', async () => {
    const khiId = (await env.deps.db.select({ id: units.id }).from(units).where(eq(units.code, 'ATU-KHI')))[0]!.id;
    const d = (await as(env.app, sup).get(`/api/v1/cases/monitoring/dashboard?unitId=${khiId}`)).json();
    expect(d.total).toBe(0);
    expect(JSON.stringify(d)).not.toContain('Karachi');
  });

  it('an investigator may not see the dashboard (403)', async () => {
    const res = await as(env.app, io).get('/api/v1/cases/monitoring/dashboard');
    expect(res.statusCode).toBe(403);
  });

  it('the Cell sees every ATU: stages, ageing, categories apart, conviction rates, adjournments, overdue deadlines, monthly intake', async () => {
    const res = await as(env.app, analyst).get('/api/v1/cases/monitoring/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.total).toBe(3);
    const stage = (s: string) => d.byStage.find((x: { stage: string }) => x.stage === s).count;
    expect([stage('trial'), stage('complaint'), stage('fir'), stage('closed')]).toEqual([1, 1, 1, 0]);
    const ageing = (s: string) => Object.fromEntries(d.ageingByStage.find((x: { stage: string }) => x.stage === s).buckets.map((b: { bucket: string; count: number }) => [b.bucket, b.count]));
    expect(ageing('complaint')['>365']).toBe(1);
    expect(ageing('trial')['31-90']).toBe(1);
    expect(ageing('fir')['0-30']).toBe(1);
    expect(d.byCategory).toMatchObject({ trafficking: 1, smuggling: 1 });
    expect(d.byAtu.map((a: { unitName: string; cases: number }) => [a.unitName, a.cases]).sort()).toEqual([
      [karachiName, 1],
      [lahoreName, 2],
    ].sort());
    const lhr = d.conviction.byAtu.find((a: { unitName: string }) => a.unitName === lahoreName);
    expect(lhr).toMatchObject({ convicted: 2, acquitted: 1, discharged: 0, judgments: 3, rate: 0.667 });
    expect(d.conviction.byAtu.find((a: { unitName: string }) => a.unitName === karachiName).rate).toBeNull();
    expect(d.conviction.byCourt).toEqual([{ court: 'Sessions Court Lahore', convicted: 2, acquitted: 1, discharged: 0, judgments: 3, rate: 0.667 }]);
    expect(d.conviction.byStatute.find((s: { statute: string }) => s.statute === 'PTPA-2018')).toMatchObject({ cases: 1, rate: 0.667 });
    expect(d.conviction.byStatute.find((s: { statute: string }) => s.statute === 'PSMA-2018')).toMatchObject({ cases: 1, judgments: 0, rate: null });
    expect(d.adjournments.byCourt).toEqual([{ court: 'Sessions Court Lahore', hearings: 4, adjourned: 3, rate: 0.75 }]);
    expect(d.adjournments.mostAdjourned[0]).toMatchObject({ caseId: ids.A, adjournments: 3 });
    const overdue = Object.fromEntries(d.overdueDeadlines.byKind.map((k: { kind: string; count: number }) => [k.kind, k.count]));
    expect(overdue).toEqual({ 's173-report': 1, 's173-interim-report': 1, 'remand-expiry': 1, 'proclamation-appearance': 1 });
    expect(d.monthly).toHaveLength(12);
    expect(d.monthly.reduce((t: number, m: { newCases: number }) => t + m.newCases, 0)).toBe(2);
    expect(d.monthly.reduce((t: number, m: { firs: number }) => t + m.firs, 0)).toBe(2);
  });

  it('a supervisor counts only their own ATU; filters narrow the numbers like the register', async () => {
    const d = (await as(env.app, sup).get('/api/v1/cases/monitoring/dashboard')).json();
    expect(d.total).toBe(2);
    expect(d.byAtu.map((a: { unitName: string }) => a.unitName)).toEqual([lahoreName]);
    expect(d.overdueDeadlines.byKind).toEqual([{ kind: 'proclamation-appearance', count: 1 }]);
    expect(d.byCategory.smuggling).toBe(0);
    const f = (await as(env.app, analyst).get('/api/v1/cases/monitoring/dashboard?category=smuggling')).json();
    expect(f.total).toBe(1);
    expect(f.conviction.overall.rate).toBeNull();
    expect((await as(env.app, analyst).get('/api/v1/cases/monitoring/dashboard?stage=nonsense')).statusCode).toBe(400);
  });

  it('on a national register the summaries give the same numbers as the live register, once refreshed', async () => {
    await env.deps.db.transaction((tx) => refreshCaseSummaries(tx)); // as the scheduled job runs it
    const strip = (d: Awaited<ReturnType<typeof dashboard>>) => ({ ...d, asOf: '' });
    for (const f of [{}, { category: 'smuggling' as const }, { stage: 'trial' as const }]) {
      const live = await dashboard(env.deps, analystActor, f, 'live');
      const summarised = await dashboard(env.deps, analystActor, f, 'summaries');
      expect(strip(summarised)).toEqual(strip(live));
      expect(summarised.asOf).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
  });
});

describe('the lists', () => {
  it('overdue deadlines: case, ATU, kind, days overdue and basis; a supervisor sees none of Karachi’s', async () => {
    const res = await as(env.app, analyst).get('/api/v1/cases/monitoring/overdue');
    expect(res.statusCode).toBe(200);
    const l = res.json();
    expect(l.total).toBe(4);
    expect(l.items[0]).toMatchObject({ caseId: ids.B, kind: 'proclamation-appearance', due: daysAgo(270) }); // oldest first
    const s173 = l.items.find((i: { kind: string }) => i.kind === 's173-report');
    expect(s173).toMatchObject({ caseId: ids.C, unitName: karachiName, due: daysAgo(6), daysOverdue: 6 });
    expect(s173.basis).toMatch(/173/);
    expect((await as(env.app, analyst).get('/api/v1/cases/monitoring/overdue?kind=remand-expiry')).json().total).toBe(1);
    expect((await as(env.app, sup).get('/api/v1/cases/monitoring/overdue')).json().items.map((i: { caseId: string }) => i.caseId)).toEqual([ids.B]);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/cases/monitoring/overdue' })).statusCode).toBe(401);
    expect((await as(env.app, karachi).get('/api/v1/cases/monitoring/overdue')).statusCode).toBe(403);
  });

  it('proclaimed offenders show the accused by name, with case, ATU, proclamation date and charges', async () => {
    const res = await as(env.app, analyst).get('/api/v1/cases/monitoring/proclaimed-offenders');
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json();
    expect(l.total).toBe(1);
    expect(l.items[0]).toMatchObject({ caseId: ids.B, name: 'Tariq Mehmood Butt', unitName: lahoreName, proclaimedOffender: true, proclamationPublishedOn: daysAgo(300) });
    expect(l.items[0].charges.map((c: { offence: string }) => c.offence)).toEqual(['EO-1979-s22']);
    expect((await as(env.app, sup).get('/api/v1/cases/monitoring/proclaimed-offenders')).json().total).toBe(1);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/cases/monitoring/proclaimed-offenders' })).statusCode).toBe(401);
  });

  it('adjournments per court with the most frequent reasons', async () => {
    const res = await as(env.app, analyst).get('/api/v1/cases/monitoring/adjournments');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      {
        court: 'Sessions Court Lahore',
        hearings: 4,
        adjourned: 3,
        cases: 1,
        rate: 0.75,
        topReasons: [
          { reason: 'prosecution witness absent', count: 2 },
          { reason: 'defence counsel absent', count: 1 },
        ],
      },
    ]);
    expect((await as(env.app, sup).get('/api/v1/cases/monitoring/adjournments')).json().items).toHaveLength(1);
  });
});

describe('the monthly review worksheet', () => {
  const month = daysAgo(150).slice(0, 7);
  const thisMonth = daysAgo(0).slice(0, 7);

  it('per ATU: new cases, FIRs, challans, judgments, pending by stage at month end, overdue, 3+ adjournments', async () => {
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/cases/monitoring/worksheet?month=${month}` })).statusCode).toBe(401);
    expect((await as(env.app, analyst).get('/api/v1/cases/monitoring/worksheet?month=2026-13')).statusCode).toBe(400);
    const res = await as(env.app, analyst).get(`/api/v1/cases/monitoring/worksheet?month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json();
    const lhr = w.atus.find((a: { unitName: string }) => a.unitName === lahoreName);
    expect(lhr.firs).toBe(1);
    expect(lhr.newCases).toBe(daysAgo(200).startsWith(month) ? 1 : 0);
    expect(lhr.pending).toMatchObject({ complaint: 1, investigation: 1, trial: 0 });
    expect(w.atus.find((a: { unitName: string }) => a.unitName === karachiName)).toBeUndefined(); // received later
    const now = (await as(env.app, analyst).get(`/api/v1/cases/monitoring/worksheet?month=${thisMonth}`)).json();
    const lhrNow = now.atus.find((a: { unitName: string }) => a.unitName === lahoreName);
    expect(lhrNow.pending.trial).toBe(1);
    expect(lhrNow.adjourned3).toBe(1);
    const why = now.review.map((r: { caseId: string; reason: string }) => [r.caseId, r.reason]);
    expect(why).toEqual(expect.arrayContaining([[ids.C, 'overdue-s173'], [ids.C, 'remand-expired'], [ids.B, 'no-activity-90-days']]));
    expect(why.some(([id]: [string]) => id === ids.A)).toBe(false);
  });

  it('downloads a real Excel workbook: bold frozen header, the ATU rows and a review sheet', async () => {
    const res = await as(env.app, analyst).get(`/api/v1/cases/monitoring/worksheet?month=${thisMonth}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`hifazat-review-${thisMonth}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('ATU');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const names = sheet.getColumn(1).values.slice(2);
    const lhrRow = sheet.getRow(names.indexOf(lahoreName) + 2);
    expect(lhrRow.getCell(header.indexOf('Pending: Trial') + 1).value).toBe(1);
    expect(lhrRow.getCell(header.indexOf('Cases with 3+ adjournments') + 1).value).toBe(1);
    expect(names).toContain('Total');
    const review = wb.getWorksheet('Cases needing review')!;
    expect(review.getColumn(4).values).toContain('Remand expired');
  });

  it('downloads a real PDF (A4 landscape) naming the ATUs', async () => {
    const res = await as(env.app, analyst).get(`/api/v1/cases/monitoring/worksheet?month=${thisMonth}&format=pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).toContain(lahoreName); // the document's Subject lists the ATUs
    // Uncompressed, the table text itself is visible.
    const w = await worksheet(env.deps, analystActor, thisMonth, {});
    const pdf = (await worksheetPdf(w, { compress: false })).toString('latin1');
    expect(pdf).toContain('/MediaBox [0 0 841.89 595.28]');
    // pdfkit writes each line as hex glyph runs split for kerning: join them back into text
    const lines = [...pdf.matchAll(/\[([^\]]*)\] TJ/g)].map((m) => [...m[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
    expect(lines.some((l) => l.startsWith('Monthly review of cases'))).toBe(true);
    expect(lines).toContain(lahoreName);
    expect(lines).toContain('Remand expired');
  });
});
