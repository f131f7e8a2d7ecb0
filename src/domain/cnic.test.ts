import { describe, expect, it } from 'vitest';
import { cnicProvince, cnicSex, cnicSexWarning, normalizeCnic, parseCnic } from './cnic';

describe('CNIC', () => {
  it('accepts the dashed form and 13 bare digits, normalising to the dashed form', () => {
    expect(normalizeCnic('35202-1234567-1')).toBe('35202-1234567-1');
    expect(normalizeCnic('3520212345671')).toBe('35202-1234567-1');
    expect(normalizeCnic(' ۳۵۲۰۲۱۲۳۴۵۶۷۱ ')).toBe('35202-1234567-1');
  });
  it('rejects wrong lengths, shapes and province codes with a clear message', () => {
    const short = parseCnic('35202-123456-1');
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error).toMatch(/13 digits, got 12/);
    const shape = parseCnic('352-021234567-1');
    if (!shape.ok) expect(shape.error).toMatch(/12345-1234567-1/);
    else expect.fail('should reject');
    const prov = parseCnic('9520212345671');
    if (!prov.ok) expect(prov.error).toMatch(/province code/);
    else expect.fail('should reject');
  });
  it('reads the province from the first digit', () => {
    expect(cnicProvince('1710112345671')).toBe('Khyber Pakhtunkhwa');
    expect(cnicProvince('2110112345671')).toBe('former FATA');
    expect(cnicProvince('3520212345671')).toBe('Punjab');
    expect(cnicProvince('4210112345671')).toBe('Sindh');
    expect(cnicProvince('5440012345671')).toBe('Balochistan');
    expect(cnicProvince('6110112345671')).toBe('Islamabad');
    expect(cnicProvince('7150112345671')).toBe('Gilgit-Baltistan');
  });
  it('reads sex from the last digit and warns on a conflict with the record', () => {
    expect(cnicSex('35202-1234567-1')).toBe('M');
    expect(cnicSex('35202-1234567-4')).toBe('F');
    expect(cnicSexWarning('35202-1234567-4', 'M')).toMatch(/even: female.*male/);
    expect(cnicSexWarning('35202-1234567-3', 'M')).toBeUndefined();
    expect(cnicSexWarning('35202-1234567-3', undefined)).toBeUndefined();
  });
});
