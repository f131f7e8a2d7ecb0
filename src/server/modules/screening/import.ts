// Bulk import of watchlist entries from CSV, XLSX or JSON Lines: a preview with every row's
// errors first; a commit writes every row in one transaction or nothing at all.
import ExcelJS from 'exceljs';
import { writeAudit, auditedTransaction, type Origin } from '../../platform/audit.js';
import { AppError, unprocessable } from '../../platform/errors.js';
import type { Deps } from '../../platform/http.js';
import type { UserActor } from '../../platform/policy.js';
import { parseCsv, parseDate } from '../../platform/tabular.js';
import { entryIdentity, insertEntriesInTx, manageableList, type EntryInput } from './service.js';
import { announceChange, type EntryIdentity } from './watchlist-index.js';

export const IMPORT_MAX_ROWS = 100_000;
/** Columns of a CSV or XLSX import (the first row names them; order is free, case ignored). */
export const IMPORT_COLUMNS = ['name', 'aliases', 'father_name', 'date_of_birth', 'nationality', 'sex', 'document_numbers', 'cnic', 'notes', 'expires_on'] as const;

export interface ImportRequest {
  filename: string;
  /** Text for .csv and .jsonl; base64 for .xlsx. */
  content: string;
  commit: boolean;
}

export interface ImportRowError {
  row: number;
  field: string | null;
  message: string;
}

type Cell = string | number | boolean | Date | null;

async function readRows(filename: string, content: string): Promise<Array<{ row: number; values: Record<string, Cell | string[]> }>> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) {
    const out: Array<{ row: number; values: Record<string, Cell | string[]> }> = [];
    content.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        v = null;
      }
      out.push({ row: i + 1, values: v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Cell | string[]>) : { __invalid: 'not a JSON object' } });
    });
    return out;
  }
  let table: Cell[][];
  if (lower.endsWith('.csv')) table = parseCsv(content);
  else if (lower.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(Buffer.from(content, 'base64') as unknown as ArrayBuffer);
    } catch {
      throw unprocessable('The file could not be read as an Excel workbook (.xlsx). Save it again from Excel and retry.', { field: 'content' });
    }
    const sheet = wb.worksheets[0];
    if (!sheet) throw unprocessable('The workbook has no sheet.');
    table = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: Cell[] = [];
      for (let i = 1; i <= row.cellCount; i++) {
        const v = row.getCell(i).value;
        if (v === null || v === undefined) cells.push(null);
        else if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') cells.push(v);
        else cells.push(row.getCell(i).text);
      }
      table.push(cells);
    });
  } else throw unprocessable('Send a .csv, .xlsx or .jsonl file (the file name says which).', { field: 'filename' });
  const [head, ...body] = table;
  if (!head) return [];
  const cols = head.map((h) => String(h ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const unknown = cols.filter((c) => c && !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) throw unprocessable(`Unknown column(s): ${unknown.join(', ')}. The columns are: ${IMPORT_COLUMNS.join(', ')}.`, { unknown });
  if (!cols.includes('name')) throw unprocessable('The first row must name the columns, with at least "name".');
  return body
    .map((cells, i) => ({ row: i + 2, values: Object.fromEntries(cols.map((c, j) => [c, cells[j] ?? null])) }))
    .filter((r) => Object.values(r.values).some((v) => v !== null && String(v).trim() !== ''));
}

const list = (v: Cell | string[] | undefined): string[] => (Array.isArray(v) ? v.map(String) : v === null || v === undefined ? [] : String(v).split(/[;|]/)).map((s) => s.trim()).filter(Boolean);
const text = (v: Cell | string[] | undefined): string | undefined => (v === null || v === undefined || Array.isArray(v) ? undefined : String(v).trim() || undefined);

/** One row to an entry, or its errors. Accepts the CSV column names and the API's field names (JSONL). */
function toEntry(values: Record<string, Cell | string[]>): { input?: EntryInput; identity?: EntryIdentity; expiresOn?: string | null; errors: Array<{ field: string | null; message: string }> } {
  if ('__invalid' in values) return { errors: [{ field: null, message: 'This line is not a JSON object.' }] };
  const errors: Array<{ field: string | null; message: string }> = [];
  const names = [...list(values.names), ...list(values.name), ...list(values.aliases)];
  const dobRaw = values.date_of_birth ?? values.dateOfBirth ?? null;
  const dob = dobRaw === null || Array.isArray(dobRaw) ? undefined : /^\d{4}$/.test(String(dobRaw).trim()) ? String(dobRaw).trim() : (parseDate(dobRaw) ?? undefined);
  if (dobRaw !== null && String(dobRaw).trim() && !dob) errors.push({ field: 'date_of_birth', message: `"${String(dobRaw)}" is not a date (YYYY-MM-DD or DD/MM/YYYY).` });
  const expRaw = values.expires_on ?? values.expiresOn ?? null;
  const expiresOn = expRaw === null || Array.isArray(expRaw) || !String(expRaw).trim() ? null : parseDate(expRaw);
  if (expRaw !== null && String(expRaw).trim() && !expiresOn) errors.push({ field: 'expires_on', message: `"${String(expRaw)}" is not a date.` });
  const sexRaw = text(values.sex)?.toUpperCase();
  const sex = sexRaw === 'M' || sexRaw === 'MALE' ? 'M' : sexRaw === 'F' || sexRaw === 'FEMALE' ? 'F' : undefined;
  if (sexRaw && !sex) errors.push({ field: 'sex', message: `Sex "${sexRaw}" must be M or F (or empty).` });
  const input: EntryInput = {
    names,
    fatherName: text(values.father_name ?? values.fatherName),
    dateOfBirth: dob,
    nationality: text(values.nationality),
    sex,
    documentNumbers: [...list(values.document_numbers), ...list(values.documentNumbers)],
    cnic: text(values.cnic),
    notes: text(values.notes),
  };
  if (errors.length) return { errors };
  try {
    return { input, identity: entryIdentity(input), expiresOn, errors };
  } catch (e) {
    if (e instanceof AppError) return { errors: [{ field: ((e.details as { field?: string } | undefined)?.field ?? null) as string | null, message: e.message }] };
    throw e;
  }
}

/**
 * Preview (commit=false): each row's errors, and how many rows would be added. Commit: every row
 * in one transaction, or nothing when any row has an error; live at every counter on commit.
 */
export async function importEntries(deps: Deps, actor: UserActor, listId: string, req: ImportRequest, origin: Origin) {
  await manageableList(deps.db, actor, listId);
  const rows = await readRows(req.filename, req.content);
  if (rows.length === 0) throw unprocessable('The file has no rows to import.', { field: 'content' });
  if (rows.length > IMPORT_MAX_ROWS) throw unprocessable(`The file has ${rows.length} rows; an import takes at most ${IMPORT_MAX_ROWS}. Split it.`);
  const parsed = rows.map((r) => ({ row: r.row, ...toEntry(r.values) }));
  const errors: ImportRowError[] = parsed.flatMap((p) => p.errors.map((e) => ({ row: p.row, field: e.field, message: e.message })));
  const summary = { rows: parsed.length, ok: parsed.filter((p) => p.errors.length === 0).length, withErrors: parsed.filter((p) => p.errors.length > 0).length };
  const preview = parsed.slice(0, 20).map((p) => ({ row: p.row, ok: p.errors.length === 0, names: p.identity?.names ?? [], dateOfBirth: p.identity?.dob ?? null, documentNumbers: p.identity?.documents ?? [] }));
  if (!req.commit) return { committed: false, ...summary, errors: errors.slice(0, 1000), preview, created: 0 };
  if (errors.length) throw unprocessable(`Nothing was imported: ${summary.withErrors} of ${summary.rows} rows have errors. Correct them and import the file again.`, { ...summary, errors: errors.slice(0, 1000) });
  const ids = await auditedTransaction(deps.db, async (tx) => {
    const ids = await insertEntriesInTx(deps, tx, actor, listId, parsed.map((p) => ({ identity: p.identity!, expiresOn: p.expiresOn ?? null })));
    await writeAudit(tx, actor, origin, { action: 'watchlist.import', recordType: 'watchlist', recordId: listId, details: { filename: req.filename, rows: ids.length } });
    return ids;
  });
  await announceChange(deps, { entryIds: ids });
  return { committed: true, ...summary, errors: [], preview, created: ids.length };
}
