import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeUser, signIn, testEnv, type Session, type TestEnv } from '../../../../test/support.js';
import { queryRows } from '../../platform/db.js';
import { parseCsv, parseDate, toCsv } from '../../platform/tabular.js';

let env: TestEnv;
let io: Session;
let karachi: Session;
let analyst: Session;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const total = async (s: Session, qs = '') => (await as(env.app, s).get(`/api/v1/cases?${qs}`)).json().total as number;
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  env = await testEnv();
  io = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-LHR' }));
  karachi = await signIn(env.app, await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-KHI' }));
  analyst = await signIn(env.app, await makeUser(env.deps, { roles: ['monitoring-cell-analyst'], unit: 'ATU-CMC' }));
  const reg = (title: string, narrative = '') =>
    as(env.app, io).post('/api/v1/cases', { title, narrative, statute: 'PTPA-2018', source: 'helpline', receivedOn: daysAgo(10), parties: [{ role: 'accused', person: { identity: { name: 'Zulfiqar Ali' } }, charges: ['PTPA-2018-s3'] }] });
  expect((await reg('=HYPERLINK("http://evil.example","click")')).statusCode).toBe(201);
  expect((await reg('لڑکیاں دبئی بھیجی گئیں, "Dubai"')).statusCode).toBe(201);
});
afterAll(() => env.close());

describe('CSV helpers', () => {
  it('round-trips quotes, commas, line breaks and the byte-order mark', () => {
    const csv = toCsv([
      ['a', 'b,c'],
      ['say "hi"', 'two\r\nlines'],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFa,"b,c"\r\n"say ""hi""","two\r\nlines"\r\n');
    expect(parseCsv(csv)).toEqual([
      ['a', 'b,c'],
      ['say "hi"', 'two\r\nlines'],
    ]);
  });

  it('guards cells a spreadsheet would run as formulas', () => {
    expect(toCsv([['=1+1', '+92300', '-5', '@SUM(A1)', 'safe']])).toBe("\uFEFF'=1+1,'+92300,'-5,'@SUM(A1),safe\r\n");
  });

  it('reads dates as written in Pakistan (day first) and refuses impossible ones', () => {
    expect(parseDate('2024-03-05')).toBe('2024-03-05');
    expect(parseDate('05/03/2024')).toBe('2024-03-05');
    expect(parseDate('31/02/2024')).toBeNull();
    expect(parseDate('March 5')).toBeNull();
  });
});

describe('export of a register view', () => {
  it('401 without a session', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/cases/export?format=csv' })).statusCode).toBe(401);
  });

  it("another ATU's cases are not in the export (no record to 404: its rows are simply absent)", async () => {
    const res = await as(env.app, karachi).get('/api/v1/cases/export?format=csv');
    expect(res.statusCode).toBe(200);
    expect(parseCsv(res.body)).toHaveLength(1); // the header only
  });

  it('CSV: the whole filtered register with a BOM, Urdu intact, formulas defused; audited with filters and row count', async () => {
    const res = await as(env.app, io).get('/api/v1/cases/export?format=csv&statute=PTPA-2018');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="hifazat-cases-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(res.rawPayload.toString('utf8'));
    expect(rows[0]).toEqual(['Ref', 'ATU', 'Title', 'Stage', 'Since', 'Statute', 'Category', 'Received', 'FIR no.', 'FIR date', 'Challan date', 'Court', 'Next hearing', 'Overdue']);
    expect(rows).toHaveLength(3);
    const titles = rows.slice(1).map((r) => r[2]);
    expect(titles).toContain('\'=HYPERLINK("http://evil.example","click")');
    expect(titles).toContain('لڑکیاں دبئی بھیجی گئیں, "Dubai"');
    expect(rows[1]![5]).toBe('PTPA-2018');
    const [audit] = await queryRows<{ details: { rows: number; filters: { statute: string }; format: string } }>(env.deps.db, sql`SELECT details FROM audit_events WHERE action = 'cases.export' ORDER BY seq DESC LIMIT 1`);
    expect(audit!.details).toMatchObject({ rows: 2, format: 'csv', filters: { statute: 'PTPA-2018' } });
  });

  it('Excel: a real workbook with the same rows; the filters narrow it', async () => {
    const res = await as(env.app, io).get('/api/v1/cases/export?format=xlsx&q=HYPERLINK');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('A1').value).toBe('Ref');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getCell('C2').value).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(sheet.getCell('C2').formula).toBeUndefined();
    expect(sheet.getCell('B2').value).toBe('Anti Trafficking Unit Lahore');
  });
});

describe('import of a legacy register', () => {
  const header = 'Ref,Title,Narrative,Statute,Offence codes,Received on,Stage,FIR number,FIR date,Police station,Victim name,Victim sex,Victim age,Accused names';
  const good = [
    `OLD-1,Boys sent to Iran by road,Found at Taftan,PSMA-2018,PSMA-2018-s3,${daysAgo(60).split('-').reverse().join('/')},fir,44/2024,${daysAgo(50)},FIA Quetta,Ali Raza,M,15,Abdul Ghaffar; Noor Khan`,
    `OLD-2,Visa fraud complaint,,EO-1979,,${daysAgo(40)},,,,,Sajida Parveen,female,,`,
  ];
  const bad = [
    `OLD-3,Unknown law,,XYZ-2020,,${daysAgo(30)},,,,,Someone,,,`,
    `OLD-4,Bad date,,PTPA-2018,,31/02/2024,,,,,Someone,,,`,
    `OLD-5,FIR without number,,PTPA-2018,,${daysAgo(30)},fir,,${daysAgo(20)},,Someone,,,`,
    `OLD-6,Bad offence,,PTPA-2018,PPC-999,${daysAgo(30)},,,,,,,,Some Accused`,
    `OLD-7,Later stage,,PTPA-2018,,${daysAgo(30)},trial,,,,Someone,,,`,
  ];

  it('401 without a session; the Cell may not import (403)', async () => {
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/cases/import', payload: { filename: 'a.csv', contentBase64: b64(header), commit: false } })).statusCode).toBe(401);
    const res = await as(env.app, analyst).post('/api/v1/cases/import', { filename: 'a.csv', contentBase64: b64(`${header}\r\n${good[0]}`), commit: false });
    expect(res.statusCode).toBe(403);
  });

  it('offers a template in Excel (with how to fill it) and CSV', async () => {
    const csv = await as(env.app, io).get('/api/v1/cases/import/template?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(parseCsv(csv.body)[0]).toEqual(header.split(','));
    const x = await as(env.app, io).get('/api/v1/cases/import/template?format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(header.split(','));
    expect(wb.getWorksheet('How to fill')!.getCell('A2').value).toBe('Ref');
  });

  it('a preview lists each row: ok with what it creates, or errors a person understands; nothing is written', async () => {
    const before = await total(io);
    const res = await as(env.app, io).post('/api/v1/cases/import', { filename: 'register.csv', contentBase64: b64(`${header}\r\n${[...good, ...bad].join('\r\n')}\r\n`), commit: false });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ committed: false, ok: 2, withErrors: 5 });
    expect(p.rows[0]).toMatchObject({ row: 2, ok: true, case: { legacyRef: 'OLD-1', stage: 'fir', receivedOn: daysAgo(60), firNumber: '44/2024', victim: { name: 'Ali Raza', sex: 'M', ageYears: 15 }, accused: [{ name: 'Abdul Ghaffar', charges: ['PSMA-2018-s3'] }, { name: 'Noor Khan' }] } });
    expect(p.rows[1]).toMatchObject({ row: 3, ok: true, case: { stage: 'complaint', victim: { sex: 'F' }, accused: [] } });
    const err = (row: number) => p.errors.filter((e: { row: number }) => e.row === row).map((e: { column: string; message: string }) => `${e.column}: ${e.message}`);
    expect(err(4)[0]).toMatch(/^Statute: Unknown statute "XYZ-2020"/);
    expect(err(5)[0]).toMatch(/^Received on: "31\/02\/2024" is not a date/);
    expect(err(6)).toEqual(['FIR number: The stage is FIR but the FIR number is empty.']);
    expect(err(7)[0]).toMatch(/^Offence codes: Unknown offence code "PPC-999"/);
    expect(err(8)[0]).toMatch(/^Stage: A case is imported at complaint, inquiry or fir/);
    expect(await total(io)).toBe(before);
  });

  it('commit with any error is refused (422) with the same row errors, and nothing is written', async () => {
    const before = await total(io);
    const res = await as(env.app, io).post('/api/v1/cases/import', { filename: 'register.csv', contentBase64: b64(`${header}\r\n${[...good, bad[1]].join('\r\n')}`), commit: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/Nothing was imported: 1 of 3 rows have errors/);
    expect(res.json().error.details.errors).toEqual([{ row: 4, column: 'Received on', message: '"31/02/2024" is not a date; write YYYY-MM-DD or DD/MM/YYYY.' }]);
    expect(await total(io)).toBe(before);
  });

  it('commit of a clean Excel file registers every row in one go; the cases are in the register; a second run is refused', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Cases');
    sheet.addRow(header.toUpperCase().split(',')); // headers match whatever the case
    for (const line of good) sheet.addRow(line.split(','));
    sheet.getCell('F3').value = new Date(`${daysAgo(40)}T00:00:00Z`); // a real Excel date cell
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await total(io);
    const res = await as(env.app, io).post('/api/v1/cases/import', { filename: 'old-register.xlsx', contentBase64: b64(file), commit: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().created.map((c: { ref: string }) => c.ref)).toEqual([expect.stringMatching(/^ATU-LHR\//), expect.stringMatching(/^ATU-LHR\//)]);
    expect(await total(io)).toBe(before + 2);
    const first = res.json().created[0].id;
    const c = (await as(env.app, io).get(`/api/v1/cases/${first}`)).json();
    expect(c).toMatchObject({ stage: 'fir', firNumber: '44/2024', category: 'smuggling', statute: 'PSMA-2018', policeStation: 'FIA Quetta' });
    expect(c.narrative).toMatch(/^\[Legacy ref: OLD-1\]/);
    expect(c.parties.map((p: { role: string }) => p.role).sort()).toEqual(['accused', 'accused', 'victim']);
    expect(c.parties.find((p: { role: string }) => p.role === 'victim').person.protected).toBe(true);
    expect(c.deadlines.map((d: { kind: string }) => d.kind)).toContain('s173-report'); // same rules as a registration
    expect(await total(io, 'q=Taftan')).toBe(1);
    const [audit] = await queryRows<{ n: number }>(env.deps.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'cases.import'`);
    expect(audit!.n).toBe(1);
    const again = await as(env.app, io).post('/api/v1/cases/import', { filename: 'old-register.xlsx', contentBase64: b64(file), commit: false });
    expect(again.json().errors.map((e: { message: string }) => e.message)).toEqual(['A case with the ref "OLD-1" was already imported into this ATU.', 'A case with the ref "OLD-2" was already imported into this ATU.']);
  });

  it('refuses files it cannot take, saying why', async () => {
    const post = (filename: string, content: string | Buffer) => as(env.app, io).post('/api/v1/cases/import', { filename, contentBase64: b64(content), commit: false });
    const tooMany = await post('big.csv', `${header}\r\n${Array.from({ length: 5001 }, () => good[1]).join('\r\n')}`);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.message).toMatch(/5,001 rows; an import takes at most 5,000/);
    const noTitle = await post('x.csv', 'Statute,Received on\r\nPTPA-2018,2024-01-01');
    expect(noTitle.statusCode).toBe(422);
    expect(noTitle.json().error.message).toMatch(/missing: Title/);
    const unknownCol = await post('x.csv', `${header},Colour\r\n`);
    expect(unknownCol.json().error.message).toMatch(/Unknown column: Colour/);
    expect((await post('x.xlsx', 'not a workbook')).json().error.message).toMatch(/could not be read as an Excel workbook/);
    expect((await post('x.pdf', 'x')).statusCode).toBe(400);
  });
});
