// Tabular files shared by every module that reads or writes spreadsheets: CSV (RFC 4180) in and
// out, a formula-injection guard for cells, and the date forms people type into registers.
import { unprocessable } from './errors.js';

/** A spreadsheet cell as read from CSV or XLSX. */
export type Cell = string | number | boolean | Date | null;

/** A cell that a spreadsheet would run as a formula is written as text (prefixed with '). */
export function guardFormula(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** CSV with a UTF-8 byte-order mark, so that Excel opens Urdu text correctly; CRLF line ends. */
export function toCsv(rows: Array<Array<string | number | null>>): string {
  return `\uFEFF${rows.map((r) => r.map((c) => csvCell(guardFormula(c === null ? '' : String(c)))).join(',')).join('\r\n')}\r\n`;
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), dropping a byte-order mark. */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw unprocessable('The CSV file ends inside a quoted field; check for a missing closing quote (").');
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

const realDate = (y: number, m: number, d: number): string | null => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? dt.toISOString().slice(0, 10) : null;
};

/** YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY (the day first, as written in Pakistan), or an Excel date. */
export function parseDate(v: Cell): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const s = String(v).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return realDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

