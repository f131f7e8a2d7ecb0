// Files in and out of the case register: the export of any register view (CSV or XLSX) and the
// import of legacy registers kept in spreadsheets (preview first; commit all rows or none).
import ExcelJS from 'exceljs';
import { and, desc, eq, sql } from 'drizzle-orm';
import { cases, offences, statutes, units } from '../../db/schema.js';
import { auditedTransaction, writeAudit, type Origin } from '../../platform/audit.js';
import { queryRows } from '../../platform/db.js';
import { AppError, unprocessable } from '../../platform/errors.js';
import type { Deps } from '../../platform/http.js';
import { assertCan, type UserActor } from '../../platform/policy.js';
import { guardFormula, parseCsv, parseDate, toCsv, type Cell } from '../../platform/tabular.js';
import { registerCaseInTx, registerConditions, today, type CaseInput, type PartyInput, type RegisterQuery } from './service.js';

// ---- export ----------------------------------------------------------------------------------

export const EXPORT_CAP = 100_000;
export const EXPORT_COLUMNS = ['Ref', 'ATU', 'Title', 'Stage', 'Since', 'Statute', 'Category', 'Received', 'FIR no.', 'FIR date', 'Challan date', 'Court', 'Next hearing', 'Overdue'];

export type ExportFilters = Omit<RegisterQuery, 'page' | 'pageSize' | 'sort'>;

/** The whole filtered register (not one page), up to EXPORT_CAP rows; audited with its filters and size. */
export async function exportRegister(deps: Deps, actor: UserActor, f: ExportFilters, format: 'csv' | 'xlsx', origin: Origin): Promise<{ body: Buffer; filename: string; contentType: string; rows: number }> {
  const where = and(...registerConditions(actor, f));
  const [n] = await queryRows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM ${cases} JOIN ${units} ON ${units.id} = ${cases.unitId} WHERE ${where}`);
  const total = n?.n ?? 0;
  if (total > EXPORT_CAP) {
    throw unprocessable(`This view holds ${total.toLocaleString('en')} cases; an export takes at most ${EXPORT_CAP.toLocaleString('en')}. Narrow the filters (ATU, stage, statute…) and export in parts.`, { rows: total, cap: EXPORT_CAP });
  }
  const rows = await deps.db
    .select({
      ref: cases.ref,
      unitName: units.name,
      title: cases.title,
      stage: cases.stage,
      stageSince: cases.stageSince,
      statute: cases.statute,
      category: cases.category,
      receivedOn: cases.receivedOn,
      firNumber: cases.firNumber,
      firDate: cases.firDate,
      challanDate: cases.challanDate,
      court: cases.court,
      nextHearing: cases.nextHearing,
      overdue: sql<boolean>`EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = ${cases.id} AND d.due < to_char(current_date, 'YYYY-MM-DD'))`,
    })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(where)
    .orderBy(desc(cases.receivedOn), desc(cases.id))
    .limit(EXPORT_CAP);
  const table = rows.map((r) => [r.ref, r.unitName, r.title, r.stage, r.stageSince, r.statute, r.category, r.receivedOn, r.firNumber, r.firDate, r.challanDate, r.court, r.nextHearing, r.overdue ? 'yes' : 'no']);
  const stamp = today();
  let body: Buffer;
  if (format === 'csv') body = Buffer.from(toCsv([EXPORT_COLUMNS, ...table]), 'utf8');
  else {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Hifazat';
    const sheet = wb.addWorksheet('Cases', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(EXPORT_COLUMNS);
    sheet.getRow(1).font = { bold: true };
    // Text cells are stored as text (never formulas); the guard keeps them harmless if re-saved as CSV.
    for (const r of table) sheet.addRow(r.map((c) => (c === null ? null : guardFormula(c))));
    [22, 30, 50, 14, 12, 14, 12, 12, 14, 12, 12, 30, 12, 9].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
    body = Buffer.from(await wb.xlsx.writeBuffer());
  }
  await deps.db.transaction((tx) => writeAudit(tx, actor, origin, { action: 'cases.export', details: { format, filters: f, rows: rows.length } }));
  return {
    body,
    rows: rows.length,
    filename: `hifazat-cases-${stamp}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

// ---- import ----------------------------------------------------------------------------------

export const IMPORT_MAX_ROWS = 5000;

/** The template's columns: header, whether it must be filled, and what it holds. */
export const IMPORT_COLUMNS = [
  { key: 'ref', header: 'Ref', required: false, help: 'The reference in the old register (kept in the narrative; a ref already imported is refused)' },
  { key: 'title', header: 'Title', required: true, help: 'A short title for the case' },
  { key: 'narrative', header: 'Narrative', required: false, help: 'What happened, as recorded' },
  { key: 'statute', header: 'Statute', required: true, help: 'Statute code from the law catalogue, e.g. PTPA-2018, PSMA-2018, EO-1979' },
  { key: 'offences', header: 'Offence codes', required: false, help: 'Offence codes charged against every accused, comma separated, e.g. PTPA-2018-s3, EO-1979-s17' },
  { key: 'receivedOn', header: 'Received on', required: true, help: 'Date the information was received: YYYY-MM-DD or DD/MM/YYYY' },
  { key: 'stage', header: 'Stage', required: false, help: 'complaint, inquiry or fir (later stages are recorded on the case page); empty = complaint, or fir when an FIR number is given' },
  { key: 'firNumber', header: 'FIR number', required: false, help: 'Needed when the stage is fir' },
  { key: 'firDate', header: 'FIR date', required: false, help: 'Needed when the stage is fir: YYYY-MM-DD or DD/MM/YYYY' },
  { key: 'policeStation', header: 'Police station', required: false, help: 'Where the FIR was registered' },
  { key: 'victimName', header: 'Victim name', required: false, help: 'One victim per row (more are added on the case page); protected and encrypted' },
  { key: 'victimSex', header: 'Victim sex', required: false, help: 'M, F or X (also male/female)' },
  { key: 'victimAge', header: 'Victim age', required: false, help: 'Age in years at the time, 0–120' },
  { key: 'accused', header: 'Accused names', required: false, help: 'Accused persons, semicolon separated, e.g. Zulfiqar Ali; Khalid Mehmood' },
] as const;
type ImportKey = (typeof IMPORT_COLUMNS)[number]['key'];

const squash = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');
const ALIASES: Record<string, ImportKey> = {
  ...Object.fromEntries(IMPORT_COLUMNS.map((c) => [squash(c.header), c.key])),
  reference: 'ref',
  legacyref: 'ref',
  offences: 'offences',
  offencecode: 'offences',
  charges: 'offences',
  received: 'receivedOn',
  receiveddate: 'receivedOn',
  firno: 'firNumber',
  accused: 'accused',
  accusedname: 'accused',
  victim: 'victimName',
};

export function importTemplate(format: 'csv' | 'xlsx'): Promise<Buffer> | Buffer {
  if (format === 'csv') return Buffer.from(toCsv([IMPORT_COLUMNS.map((c) => c.header)]), 'utf8');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hifazat';
  const sheet = wb.addWorksheet('Cases', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
  sheet.getRow(1).font = { bold: true };
  IMPORT_COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).width = Math.max(14, c.header.length + 4)));
  const help = wb.addWorksheet('How to fill');
  help.addRow(['Column', 'Required', 'What to write']);
  help.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow([c.header, c.required ? 'yes' : 'no', c.help]);
  help.addRow([]);
  help.addRow(['', '', `Fill the sheet "Cases" from row 2, one case per row, at most ${IMPORT_MAX_ROWS} rows. Headers are matched by name, in any order and any case.`]);
  [18, 10, 110].forEach((w, i) => (help.getColumn(i + 1).width = w));
  return wb.xlsx.writeBuffer().then((b) => Buffer.from(b));
}

export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

export interface RowPreview {
  row: number;
  ok: boolean;
  errors: RowError[];
  case: {
    legacyRef: string | null;
    title: string;
    statute: string;
    stage: string;
    receivedOn: string;
    firNumber: string | null;
    firDate: string | null;
    policeStation: string | null;
    victim: { name: string; sex: string | null; ageYears: number | null } | null;
    accused: Array<{ name: string; charges: string[] }>;
  } | null;
}


async function readTable(filename: string, content: Buffer): Promise<Cell[][]> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv')) {
    const text = content.toString('utf8');
    if (text.includes('\uFFFD')) throw unprocessable('The CSV file is not UTF-8 text. In Excel choose "CSV UTF-8" when saving.');
    return parseCsv(text);
  }
  if (!lower.endsWith('.xlsx')) throw unprocessable('Send an .xlsx workbook or a .csv file (the file name says which).', { field: 'filename' });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw unprocessable('The file could not be read as an Excel workbook (.xlsx). Save it again from Excel and retry.', { field: 'contentBase64' });
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw unprocessable('The workbook has no sheet.');
  const out: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: Cell[] = [];
    for (let i = 1; i <= row.cellCount; i++) {
      const v = row.getCell(i).value;
      if (v === null || v === undefined) cells.push(null);
      else if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') cells.push(v);
      else if (typeof v === 'object' && 'richText' in v) cells.push(v.richText.map((t) => t.text).join(''));
      else if (typeof v === 'object' && 'text' in v) cells.push(String(v.text));
      else if (typeof v === 'object' && 'result' in v) cells.push((v.result as Cell | undefined) ?? null);
      else cells.push(String(row.getCell(i).text));
    }
    out.push(cells);
  });
  while (out.length && out[out.length - 1]!.every((c) => c === null || String(c).trim() === '')) out.pop();
  return out;
}

const SEX: Record<string, 'M' | 'F' | 'X'> = { m: 'M', male: 'M', f: 'F', female: 'F', x: 'X', other: 'X' };

interface Parsed {
  previews: RowPreview[];
  inputs: Array<{ row: number; input: CaseInput }>;
}

async function parseImport(deps: Deps, actor: UserActor, filename: string, content: Buffer): Promise<Parsed> {
  const table = await readTable(filename, content);
  const [head, ...body] = table;
  if (!head) throw unprocessable('The file is empty. Start from the template: GET /api/v1/cases/import/template.');
  if (body.length > IMPORT_MAX_ROWS) {
    throw new AppError(413, 'too_large', `The file has ${body.length.toLocaleString('en')} rows; an import takes at most ${IMPORT_MAX_ROWS.toLocaleString('en')}. Split it into several files.`, { rows: body.length, max: IMPORT_MAX_ROWS });
  }
  const columns = new Map<ImportKey, number>();
  const unknown: string[] = [];
  head.forEach((h, i) => {
    const name = h === null ? '' : String(h).trim();
    if (!name) return;
    const key = ALIASES[squash(name)];
    if (!key) unknown.push(name);
    else if (columns.has(key)) throw unprocessable(`Two columns are both read as "${IMPORT_COLUMNS.find((c) => c.key === key)!.header}"; keep one.`, { column: name });
    else columns.set(key, i);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !columns.has(c.key)).map((c) => c.header);
  if (missing.length) {
    throw unprocessable(`The first row must name the columns; missing: ${missing.join(', ')}. Start from the template.`, { missing, unknownColumns: unknown });
  }
  if (unknown.length) throw unprocessable(`Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Use the template's headers (or remove the column).`, { unknownColumns: unknown });

  const [statuteRows, offenceRows] = await Promise.all([deps.db.select().from(statutes), deps.db.select({ code: offences.code, statute: offences.statute }).from(offences)]);
  const statuteBy = new Map(statuteRows.map((s) => [s.code.toUpperCase(), s]));
  const offenceBy = new Map(offenceRows.map((o) => [o.code.toUpperCase(), o.code]));
  const refsIn = new Map<string, number>();
  const on = today();
  const previews: RowPreview[] = [];
  const inputs: Parsed['inputs'] = [];
  const header = (k: ImportKey) => IMPORT_COLUMNS.find((c) => c.key === k)!.header;

  body.forEach((cells, i) => {
    const rowNo = i + 2; // as the spreadsheet numbers it, the header being row 1
    const errors: RowError[] = [];
    const err = (k: ImportKey | null, message: string) => errors.push({ row: rowNo, column: k ? header(k) : null, message });
    const raw = (k: ImportKey): Cell => {
      const idx = columns.get(k);
      return idx === undefined ? null : (cells[idx] ?? null);
    };
    const text = (k: ImportKey): string => {
      const v = raw(k);
      return v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
    };
    const date = (k: ImportKey): string | null => {
      const v = raw(k);
      if (v === null || String(v).trim() === '') return null;
      const d = parseDate(v);
      if (!d) err(k, `"${String(v)}" is not a date; write YYYY-MM-DD or DD/MM/YYYY.`);
      else if (d > on) err(k, `${d} is in the future.`);
      return d;
    };
    if (cells.every((c) => c === null || String(c).trim() === '')) return;

    const legacyRef = text('ref') || null;
    if (legacyRef) {
      const first = refsIn.get(legacyRef.toUpperCase());
      if (first) err('ref', `The same ref is already on row ${first}.`);
      else refsIn.set(legacyRef.toUpperCase(), rowNo);
    }
    const title = text('title');
    if (!title) err('title', 'Give the case a title.');
    else if (title.length > 300) err('title', 'The title is longer than 300 characters.');
    const narrative = text('narrative');
    if (narrative.length > 50_000) err('narrative', 'The narrative is longer than 50,000 characters.');
    const statuteText = text('statute');
    const statute = statuteBy.get(statuteText.toUpperCase());
    if (!statuteText) err('statute', 'Give the statute, e.g. PTPA-2018.');
    else if (!statute) err('statute', `Unknown statute "${statuteText}"; use a code from the law catalogue (${statuteRows.map((s) => s.code).join(', ')}).`);
    const receivedOn = date('receivedOn');
    if (!text('receivedOn')) err('receivedOn', 'Give the date the information was received.');
    if (statute?.repealedOn && receivedOn && receivedOn > statute.repealedOn) err('statute', `${statute.shortTitle} was repealed on ${statute.repealedOn}; a case received on ${receivedOn} cannot be registered under it.`);
    const firNumber = text('firNumber') || null;
    const firDate = date('firDate');
    const stageText = text('stage').toLowerCase();
    const stage = stageText || (firNumber ? 'fir' : 'complaint');
    if (!['complaint', 'inquiry', 'fir'].includes(stage)) {
      err('stage', `A case is imported at complaint, inquiry or fir, not "${text('stage')}"; record later stages (challan, trial…) on the case page after the import.`);
    }
    if (stage === 'fir' && !firNumber) err('firNumber', 'The stage is FIR but the FIR number is empty.');
    if (stage === 'fir' && !firDate && !errors.some((e) => e.column === header('firDate'))) err('firDate', 'The stage is FIR but the FIR date is empty.');
    if (firDate && receivedOn && firDate < receivedOn) err('firDate', `The FIR date ${firDate} is before the information was received (${receivedOn}).`);
    const policeStation = text('policeStation') || null;

    const victimName = text('victimName');
    const sexText = text('victimSex').toLowerCase();
    const sex = sexText ? SEX[sexText] : undefined;
    if (sexText && !sex) err('victimSex', `"${text('victimSex')}" is not a sex; write M, F or X.`);
    const ageText = text('victimAge');
    const age = ageText ? Number(ageText) : null;
    if (ageText && (!Number.isInteger(age) || age! < 0 || age! > 120)) err('victimAge', `"${ageText}" is not an age in years (0–120).`);
    if (!victimName && (sexText || ageText)) err('victimName', 'Victim sex or age is given without the victim name.');

    const accusedNames = text('accused')
      .split(';')
      .map((n) => n.trim())
      .filter(Boolean);
    const codes = text('offences')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    const charges: string[] = [];
    for (const c of codes) {
      const code = offenceBy.get(c.toUpperCase());
      if (!code) err('offences', `Unknown offence code "${c}"; use a code from the law catalogue.`);
      else if (!charges.includes(code)) charges.push(code);
    }
    if (charges.length && !accusedNames.length) err('offences', 'Offences are charged against an accused: give the accused names, or leave the offence codes empty.');
    if (!victimName && !accusedNames.length) err(null, 'A case needs at least one person: give a victim name or accused names.');
    for (const n of [victimName, ...accusedNames]) if (n.length > 200) err(n === victimName ? 'victimName' : 'accused', 'A name is longer than 200 characters.');

    const ok = errors.length === 0;
    const preview: RowPreview = {
      row: rowNo,
      ok,
      errors,
      case: ok
        ? {
            legacyRef,
            title,
            statute: statute!.code,
            stage,
            receivedOn: receivedOn!,
            firNumber,
            firDate,
            policeStation,
            victim: victimName ? { name: victimName, sex: sex ?? null, ageYears: age } : null,
            accused: accusedNames.map((name) => ({ name, charges })),
          }
        : null,
    };
    previews.push(preview);
    if (ok) {
      const identity = (name: string) => ({ name, aliases: [], passports: [], phones: [], addresses: [] });
      const parties: PartyInput[] = [
        ...(victimName ? [{ role: 'victim', person: { identity: identity(victimName), ...(sex ? { sex } : {}) }, ...(age !== null ? { ageYears: age } : {}) }] : []),
        ...accusedNames.map((name) => ({ role: 'accused', person: { identity: identity(name) }, ...(charges.length ? { charges } : {}) })),
      ];
      inputs.push({
        row: rowNo,
        input: {
          title,
          narrative: legacyRef ? `${legacyMarker(legacyRef)}${narrative ? `\n\n${narrative}` : ''}` : narrative,
          statute: statute!.code,
          source: 'other',
          receivedOn: receivedOn!,
          stage: stage as 'complaint' | 'inquiry' | 'fir',
          ...(firNumber ? { firNumber } : {}),
          ...(firDate ? { firDate } : {}),
          ...(policeStation ? { policeStation } : {}),
          parties,
        },
      });
    }
  });
  if (previews.length === 0) throw unprocessable('The file has a header row but no cases under it.');

  // A legacy ref imported before into this ATU is refused, so an import run twice does not double the register.
  const refs = [...refsIn.keys()];
  if (refs.length) {
    const seen = await queryRows<{ marker: string }>(
      deps.db,
      sql`SELECT DISTINCT substring(${cases.narrative} FROM '^\\[Legacy ref: ([^\\]]*)\\]') AS marker FROM ${cases}
          WHERE ${cases.unitId} = ${actor.unitId} AND ${cases.narrative} LIKE '[Legacy ref: %'`,
    );
    const already = new Set(seen.map((s) => s.marker?.toUpperCase()));
    for (const p of previews) {
      const ref = p.case?.legacyRef ?? null;
      if (ref && already.has(ref.toUpperCase())) {
        p.errors.push({ row: p.row, column: 'Ref', message: `A case with the ref "${ref}" was already imported into this ATU.` });
        p.ok = false;
        p.case = null;
      }
    }
  }
  return { previews, inputs: inputs.filter((x) => previews.find((p) => p.row === x.row)?.ok) };
}

const legacyMarker = (ref: string) => `[Legacy ref: ${ref.replace(/[[\]]/g, '')}]`;

export interface ImportRequest {
  filename: string;
  contentBase64: string;
  commit: boolean;
}

/**
 * Preview (commit=false): every row's errors or what it would create. Commit: all rows in one
 * transaction through the same rules as a single registration, or nothing at all.
 */
export async function importCases(deps: Deps, actor: UserActor, req: ImportRequest, origin: Origin) {
  assertCan(actor, 'case.create', { id: actor.unitId, path: actor.unitPath });
  const content = Buffer.from(req.contentBase64, 'base64');
  if (content.length === 0) throw unprocessable('The file is empty.', { field: 'contentBase64' });
  const { previews, inputs } = await parseImport(deps, actor, req.filename, content);
  const errors = previews.flatMap((p) => p.errors);
  const summary = { rows: previews.length, ok: previews.filter((p) => p.ok).length, withErrors: previews.filter((p) => !p.ok).length };
  if (!req.commit) return { committed: false, ...summary, errors, rows: previews, created: [] as Array<{ row: number; id: string; ref: string }> };
  if (errors.length) {
    throw unprocessable(`Nothing was imported: ${summary.withErrors} of ${summary.rows} rows have errors. Correct them and import the file again.`, { ...summary, errors });
  }
  const afters: Array<() => Promise<void>> = [];
  let current = 0;
  let created: Array<{ row: number; id: string; ref: string }>;
  try {
    // audit events appended at commit (in slices), so the audit lock is held only then, after the case counters
    created = await auditedTransaction(deps.db, async (tx) => {
      const out: Array<{ row: number; id: string; ref: string }> = [];
      for (const { row, input } of inputs) {
        current = row;
        const r = await registerCaseInTx(deps, tx, actor, input, origin);
        afters.push(r.after);
        out.push({ row, id: r.id, ref: r.ref });
      }
      await writeAudit(tx, actor, origin, { action: 'cases.import', details: { filename: req.filename, rows: out.length, refs: [out[0]?.ref, out[out.length - 1]?.ref] } });
      return out;
    });
  } catch (e) {
    // A rule only the registration itself checks: report it against its row; nothing was written.
    if (e instanceof AppError && e.status === 422) {
      throw unprocessable(`Nothing was imported: row ${current}: ${e.message}`, { ...summary, errors: [{ row: current, column: null, message: e.message }] });
    }
    throw e;
  }
  for (const a of afters) await a();
  return { committed: true, ...summary, errors: [], rows: previews, created };
}
