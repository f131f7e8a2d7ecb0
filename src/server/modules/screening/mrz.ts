// Machine readable zones (ICAO 9303): TD3 passports, TD1/TD2 identity cards, parsed and checked
// by the `mrz` package. Every failed check digit or inconsistency becomes a flag the officer
// sees (possible tampering or forgery); nothing is corrected silently (no autocorrect).
import { parse, type Details, type ParseResult } from 'mrz';
import { parseCnic } from '../../../domain/cnic.js';

export interface DocumentFlag {
  code: string;
  message: string;
}

export interface ParsedDocument {
  source: 'mrz' | 'manual';
  format: 'TD1' | 'TD2' | 'TD3' | null;
  /** P (passport), I/A/C (identity cards), V (visa) … as printed. */
  documentCode: string | null;
  issuingState: string | null;
  documentNumber: string | null;
  surname: string | null;
  givenNames: string | null;
  /** "GIVEN NAMES SURNAME", as the matcher reads it. */
  name: string | null;
  nationality: string | null;
  /** YYYY-MM-DD (century inferred). */
  dateOfBirth: string | null;
  sex: 'M' | 'F' | null;
  expiryDate: string | null;
  personalNumber: string | null;
  /** A valid CNIC carried in a Pakistani document's personal number field (dashed form). */
  cnic: string | null;
  ageYears: number | null;
  valid: boolean;
  flags: DocumentFlag[];
}

/** The ICAO specimen state ("Utopia"): used on specimen documents, not a real state. */
const SPECIMEN_STATE = 'UTO';

const CHECK_FIELDS: Record<string, string> = {
  documentNumberCheckDigit: 'document number',
  birthDateCheckDigit: 'date of birth',
  expirationDateCheckDigit: 'date of expiry',
  personalNumberCheckDigit: 'personal number',
  compositeCheckDigit: 'whole line (composite)',
};

/** The text a field occupies in the lines, even when the parser rejected it. */
function raw(lines: string[], d: Details | undefined): string | null {
  if (!d) return null;
  const line = lines[d.line];
  if (line === undefined) return null;
  const s = line.slice(d.start, d.end).replace(/<+$/g, '').replace(/</g, ' ').trim();
  return s || null;
}

/** YYMMDD → YYYY-MM-DD. Births: the latest century not in the future; expiries: within 50 years ahead. */
export function mrzDate(yymmdd: string | null, kind: 'birth' | 'expiry', today = new Date()): string | null {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const mm = yymmdd.slice(2, 4);
  const dd = yymmdd.slice(4, 6);
  const thisYear = today.getUTCFullYear();
  const century = Math.floor(thisYear / 100) * 100;
  let year = century + yy;
  if (kind === 'birth' && `${year}-${mm}-${dd}` > today.toISOString().slice(0, 10)) year -= 100;
  if (kind === 'expiry' && year > thisYear + 50) year -= 100;
  const iso = `${year}-${mm}-${dd}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t) || !new Date(t).toISOString().startsWith(iso)) return null;
  return iso;
}

export function ageOn(dob: string, on: string): number {
  let age = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  if (on.slice(5) < dob.slice(5)) age -= 1;
  return age;
}

/** Splits pasted or scanned text into MRZ lines (keeps only MRZ characters). */
export function mrzLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().toUpperCase().replace(/\s+/g, ''))
    .filter((l) => l.length > 0);
}

/**
 * Parses and checks a machine readable zone. Answers null when the text is not an MRZ at all
 * (wrong line count or lengths): the caller reports that as bad input.
 */
export function parseMrz(text: string, today = new Date()): ParsedDocument | null {
  const lines = mrzLines(text);
  let result: ParseResult;
  try {
    result = parse(lines);
  } catch {
    return null;
  }
  if (result.format !== 'TD1' && result.format !== 'TD2' && result.format !== 'TD3') return null;
  const flags: DocumentFlag[] = [];
  const detail = (field: string) => result.details.find((d) => d.field === field);
  const value = (field: string) => {
    const d = detail(field);
    return d ? (d.valid ? (d.value ?? null) : raw(lines, d)) : null;
  };

  for (const d of result.details) {
    if (d.valid || !d.field) continue;
    const what = CHECK_FIELDS[d.field];
    if (what) {
      flags.push({ code: 'check-digit', message: `The check digit of the ${what} does not match (${d.error ?? 'invalid'}): the zone may have been altered or forged.` });
    } else if (d.field === 'issuingState' || d.field === 'nationality') {
      const code = raw(lines, d);
      if (code === SPECIMEN_STATE) continue;
      flags.push({ code: d.field === 'issuingState' ? 'unknown-issuing-state' : 'unknown-nationality', message: `${d.label} "${code ?? ''}" is not a state code in ICAO 9303.` });
    } else if (d.field === 'sex') {
      flags.push({ code: 'invalid-sex', message: `The sex field is not M, F or <.` });
    } else if (d.field === 'documentCode') {
      flags.push({ code: 'invalid-document-code', message: `The document code "${raw(lines, d) ?? ''}" is not one ICAO 9303 allows for this format.` });
    } else if (d.field === 'birthDate' || d.field === 'expirationDate') {
      flags.push({ code: 'invalid-date', message: `${d.label} is not a real date.` });
    } else {
      flags.push({ code: 'invalid-field', message: `${d.label}: ${d.error ?? 'not valid'}.` });
    }
  }

  const todayIso = today.toISOString().slice(0, 10);
  const documentCode = value('documentCode');
  const issuingState = value('issuingState');
  const nationality = value('nationality');
  const dob = mrzDate(value('birthDate'), 'birth', today);
  const expiry = mrzDate(value('expirationDate'), 'expiry', today);
  if (value('birthDate') && !dob && !flags.some((f) => f.code === 'invalid-date')) flags.push({ code: 'invalid-date', message: 'The date of birth is not a real date.' });
  if (expiry && expiry < todayIso) flags.push({ code: 'expired', message: `The document expired on ${expiry}.` });
  if (dob && expiry && expiry <= dob) flags.push({ code: 'inconsistent-dates', message: 'The date of expiry is not after the date of birth.' });
  if (result.format === 'TD3' && documentCode && !documentCode.startsWith('P')) {
    flags.push({ code: 'document-type', message: `A two-line 44-character zone is a passport (P…), but this one says "${documentCode}".` });
  }
  if ((result.format === 'TD1' || result.format === 'TD2') && documentCode && !/^[IAC]/.test(documentCode)) {
    flags.push({ code: 'document-type', message: `An identity-card zone should start with I, A or C, but this one says "${documentCode}".` });
  }
  const sexRaw = result.fields.sex;
  const sex = sexRaw === 'male' ? 'M' : sexRaw === 'female' ? 'F' : null;

  // Pakistani documents carry the CNIC in the personal number (TD3) or optional data (TD1).
  const personal = value('personalNumber') ?? value('optional1') ?? value('optional');
  let cnic: string | null = null;
  if ((issuingState === 'PAK' || nationality === 'PAK') && personal) {
    const digits = personal.replace(/\s/g, '');
    if (/^\d{13}$/.test(digits)) {
      const c = parseCnic(digits);
      if (c.ok) {
        cnic = c.cnic;
        if (sex && c.sex !== sex) flags.push({ code: 'cnic-sex-mismatch', message: `The CNIC ${c.cnic} belongs to a ${c.sex === 'M' ? 'man' : 'woman'}, but the document says ${sex}.` });
      } else flags.push({ code: 'invalid-cnic', message: c.error });
    } else if (/\d/.test(digits)) {
      flags.push({ code: 'invalid-cnic', message: `The personal number "${personal}" on a Pakistani document is not a 13-digit CNIC.` });
    }
  }

  const surname = value('lastName');
  const givenNames = value('firstName');
  return {
    source: 'mrz',
    format: result.format,
    documentCode,
    issuingState,
    documentNumber: result.documentNumber ?? value('documentNumber'),
    surname,
    givenNames,
    name: [givenNames, surname].filter(Boolean).join(' ') || null,
    nationality,
    dateOfBirth: dob,
    sex,
    expiryDate: expiry,
    personalNumber: personal,
    cnic,
    ageYears: dob ? ageOn(dob, todayIso) : null,
    valid: flags.length === 0,
    flags,
  };
}

/** A document typed in by hand (no zone to check): the fields as given. */
export function manualDocument(input: { name: string; dateOfBirth?: string | undefined; nationality?: string | undefined; documentNumber?: string | undefined; sex?: 'M' | 'F' | undefined; cnic?: string | undefined }, today = new Date()): ParsedDocument {
  const flags: DocumentFlag[] = [];
  let cnic: string | null = null;
  if (input.cnic) {
    const c = parseCnic(input.cnic);
    if (c.ok) cnic = c.cnic;
    else flags.push({ code: 'invalid-cnic', message: c.error });
  }
  const todayIso = today.toISOString().slice(0, 10);
  return {
    source: 'manual',
    format: null,
    documentCode: null,
    issuingState: null,
    documentNumber: input.documentNumber ?? null,
    surname: null,
    givenNames: null,
    name: input.name,
    nationality: input.nationality ?? null,
    dateOfBirth: input.dateOfBirth ?? null,
    sex: input.sex ?? null,
    expiryDate: null,
    personalNumber: null,
    cnic,
    ageYears: input.dateOfBirth ? ageOn(input.dateOfBirth, todayIso) : null,
    valid: flags.length === 0,
    flags,
  };
}

/** ICAO 9303 check digit (weights 7, 3, 1; < = 0, A = 10 …). */
export function checkDigit(s: string): string {
  const w = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const v = c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * w[i % 3]!;
  }
  return String(sum % 10);
}

/** Writes a TD3 (passport) zone with correct check digits: for demo data, tests and the benchmark. */
export function composeTd3(p: { state: string; surname: string; givenNames: string; number: string; nationality: string; dob: string; sex: 'M' | 'F'; expiry: string; personal?: string }): string {
  const name = (s: string) => s.toUpperCase().replace(/[^A-Z ]/g, '').trim().replace(/\s+/g, '<');
  const line1 = `P<${p.state}${name(p.surname)}<<${name(p.givenNames)}`.padEnd(44, '<').slice(0, 44);
  const num = p.number.toUpperCase().padEnd(9, '<').slice(0, 9);
  const ymd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  const personal = (p.personal ?? '').padEnd(14, '<').slice(0, 14);
  const pcd = p.personal ? checkDigit(personal) : '<';
  const dob = ymd(p.dob);
  const exp = ymd(p.expiry);
  const composite = `${num}${checkDigit(num)}${dob}${checkDigit(dob)}${exp}${checkDigit(exp)}${personal}${pcd}`;
  const line2 = `${num}${checkDigit(num)}${p.nationality}${dob}${checkDigit(dob)}${p.sex}${exp}${checkDigit(exp)}${personal}${pcd}${checkDigit(composite)}`;
  return `${line1}\n${line2}`;
}
