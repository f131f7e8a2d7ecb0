// A person's identity: the part of the record that is encrypted at rest, and the normal forms
// of the identifiers that get blind indexes.
import { parseCnic } from '../../../domain/cnic.js';
import type { WatchlistEntry } from '../../../matching/index.js';

export interface PersonIdentity {
  name: string;
  nameUrdu?: string | undefined;
  aliases: string[];
  fatherName?: string | undefined;
  /** How fatherName relates: son of, daughter of, wife of. */
  relation?: 's/o' | 'd/o' | 'w/o' | undefined;
  /** YYYY-MM-DD, or YYYY when only the year is known. */
  dob?: string | undefined;
  cnic?: string | undefined;
  passports: Array<{ number: string; country?: string | undefined }>;
  phones: string[];
  addresses: Array<{ line: string; district?: string | undefined; province?: string | undefined }>;
}

export const IDENTITY_FIELD = (id: string) => ({ table: 'persons', column: 'identity', id });

export type IdentifierKind = 'cnic' | 'passport' | 'phone';

export const normalisePassport = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Pakistani numbers to 92XXXXXXXXXX; others keep their digits (with country code). */
export function normalisePhone(s: string): string {
  let d = s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (c) => String((c.codePointAt(0) ?? 0) & 0xf)).replace(/\D/g, '');
  if (d.startsWith('00')) d = d.slice(2);
  else if (d.startsWith('0')) d = `92${d.slice(1)}`;
  return d;
}

/** What a value typed into a search box looks like. */
export function identifierKindOf(q: string): { kind: IdentifierKind; value: string } | null {
  const t = q.trim();
  const cnic = parseCnic(t);
  if (cnic.ok) return { kind: 'cnic', value: cnic.digits };
  if (/^\+?[\d\s()-]{10,16}$/.test(t) && t.replace(/\D/g, '').length >= 10) return { kind: 'phone', value: normalisePhone(t) };
  if (/^[A-Za-z]{1,3}\s?\d{6,9}$/.test(t)) return { kind: 'passport', value: normalisePassport(t) };
  return null;
}

/** Every identifier of an identity, in the normal form its blind index is computed over. */
export function identifiersOf(identity: PersonIdentity): Array<{ kind: IdentifierKind; value: string }> {
  const out: Array<{ kind: IdentifierKind; value: string }> = [];
  if (identity.cnic) {
    const c = parseCnic(identity.cnic);
    if (c.ok) out.push({ kind: 'cnic', value: c.digits });
  }
  for (const p of identity.passports) out.push({ kind: 'passport', value: normalisePassport(p.number) });
  for (const p of identity.phones) out.push({ kind: 'phone', value: normalisePhone(p) });
  return out;
}

/** The matcher's view of a person: every name it is known by, and its attributes. */
export function matchEntryOf(id: string, identity: PersonIdentity, extra: { sex?: string | null; nationality?: string | null }, foldedNames: string[] = []): WatchlistEntry {
  const names = [identity.name, identity.nameUrdu, ...identity.aliases, ...foldedNames].filter((n): n is string => !!n && n.trim().length > 0);
  return {
    id,
    names,
    ...(identity.dob ? { dob: [identity.dob] } : {}),
    ...(extra.nationality ? { nationality: [extra.nationality] } : {}),
    ...(extra.sex === 'M' || extra.sex === 'F' ? { sex: extra.sex } : {}),
    ...(identity.cnic ? { cnic: identity.cnic } : {}),
    ...(identity.passports.length ? { passports: identity.passports.map((p) => p.number) } : {}),
    ...(identity.fatherName ? { fatherName: identity.fatherName } : {}),
  };
}
