/**
 * CNIC (Computerised National Identity Card) numbers: `XXXXX-XXXXXXX-X`, 13 digits.
 * First digit: province/area; last digit: odd for men, even for women. There is no published
 * check digit, so only the shape is validated; inconsistencies are flagged, never "corrected".
 */

export type Province = 'Khyber Pakhtunkhwa' | 'former FATA' | 'Punjab' | 'Sindh' | 'Balochistan' | 'Islamabad' | 'Gilgit-Baltistan';

const PROVINCES: Readonly<Record<string, Province>> = {
  '1': 'Khyber Pakhtunkhwa', '2': 'former FATA', '3': 'Punjab', '4': 'Sindh', '5': 'Balochistan', '6': 'Islamabad', '7': 'Gilgit-Baltistan',
};

export type CnicResult =
  | { ok: true; cnic: string; digits: string; province: Province; sex: 'M' | 'F' }
  | { ok: false; error: string };

/** Parse a CNIC written `12345-1234567-1` or as 13 bare digits (ASCII or Urdu/Arabic digits); returns the dashed form. */
export function parseCnic(raw: string): CnicResult {
  const s = raw.trim().replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.codePointAt(0) ?? 0) & 0xf));
  if (!/^\d{5}-\d{7}-\d$/.test(s) && !/^\d{13}$/.test(s)) {
    const n = s.replace(/\D/g, '').length;
    return { ok: false, error: n !== 13 ? `CNIC must have 13 digits, got ${n}: "${raw}"` : `CNIC must be written 12345-1234567-1 or as 13 digits: "${raw}"` };
  }
  const digits = s.replace(/-/g, '');
  const province = PROVINCES[digits[0] ?? ''];
  if (!province) return { ok: false, error: `CNIC first digit ${digits[0]} is not a province code (1–7): "${raw}"` };
  const last = Number(digits[12]);
  return { ok: true, cnic: `${digits.slice(0, 5)}-${digits.slice(5, 12)}-${digits[12]}`, digits, province, sex: last % 2 === 1 ? 'M' : 'F' };
}

/** Normalise to the dashed form, or undefined when invalid. */
export function normalizeCnic(raw: string): string | undefined {
  const r = parseCnic(raw);
  return r.ok ? r.cnic : undefined;
}

/** Sex implied by the last digit (odd male, even female), or undefined when invalid. */
export function cnicSex(raw: string): 'M' | 'F' | undefined {
  const r = parseCnic(raw);
  return r.ok ? r.sex : undefined;
}

/** Province from the first digit, or undefined when invalid. */
export function cnicProvince(raw: string): Province | undefined {
  const r = parseCnic(raw);
  return r.ok ? r.province : undefined;
}

/** A warning when the CNIC's last digit disagrees with the sex on the record (undefined when consistent or unknown). */
export function cnicSexWarning(raw: string, recordSex: 'M' | 'F' | undefined): string | undefined {
  const r = parseCnic(raw);
  if (!r.ok || !recordSex || r.sex === recordSex) return undefined;
  return `CNIC ${r.cnic} ends in ${r.digits[12]} (${r.sex === 'M' ? 'odd: male' : 'even: female'}) but the record says ${recordSex === 'M' ? 'male' : 'female'}`;
}
