import { describe, expect, it } from 'vitest';
import { OFFENCES, STATUTES, offenceByCode, offencesByCategory, offencesInForce, penaltyText, statuteByCode, type Offence } from './law';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

describe('law catalogue', () => {
  it('every offence references an existing statute and starts no earlier than it', () => {
    for (const o of OFFENCES) {
      const s = statuteByCode(o.statute);
      expect(s, `${o.code} → ${o.statute}`).toBeDefined();
      if (s) expect(o.effectiveFrom >= s.effectiveFrom, o.code).toBe(true);
    }
  });

  it('codes are unique and offence codes begin with their statute code', () => {
    expect(new Set(OFFENCES.map((o) => o.code)).size).toBe(OFFENCES.length);
    expect(new Set(STATUTES.map((s) => s.code)).size).toBe(STATUTES.length);
    for (const o of OFFENCES) expect(o.code.startsWith(`${o.statute}-`), o.code).toBe(true);
  });

  it('has sane dates, ranges and Urdu titles', () => {
    for (const s of STATUTES) {
      expect(s.effectiveFrom).toMatch(ISO);
      expect(s.titleUr).toMatch(/[\u0600-\u06FF]/);
      if (s.repealedBy) expect(statuteByCode(s.repealedBy), s.code).toBeDefined();
    }
    for (const o of OFFENCES) {
      expect(o.effectiveFrom).toMatch(ISO);
      if (o.effectiveTo) expect(o.effectiveTo > o.effectiveFrom, o.code).toBe(true);
      expect(o.titleUr, o.code).toMatch(/[\u0600-\u06FF]/);
      if (o.minYears !== null && o.maxYears !== null) expect(o.minYears <= o.maxYears, o.code).toBe(true);
      if (o.compoundableWithCourtPermission) expect(o.compoundable, o.code).toBe(true);
    }
  });

  it('ships the statutes named in the brief', () => {
    for (const code of ['PCHTO-2002', 'PTPA-2018', 'PSMA-2018', 'EO-1979', 'PPC', 'BLSAA-1992', 'PA-1974', 'FA-1946']) {
      expect(statuteByCode(code), code).toBeDefined();
    }
    for (const code of ['PTPA-2018-s3', 'PTPA-2018-s3-woman-child', 'PTPA-2018-s4', 'PSMA-2018-s3', 'EO-1979-s17', 'EO-1979-s18', 'EO-1979-s22', 'PPC-365-B', 'PPC-366-A', 'PPC-366-B', 'PPC-370', 'PPC-371-A', 'PPC-371-B', 'PPC-374', 'PPC-420', 'PPC-468', 'PPC-471', 'BLSAA-1992-s11', 'PA-1974-s6', 'FA-1946-s14']) {
      expect(offenceByCode(code), code).toBeDefined();
    }
    expect(statuteByCode('PCHTO-2002')?.note).toMatch(/Rules, 2004/);
  });

  it('keeps trafficking and smuggling in distinct categories', () => {
    const trafficking = offencesByCategory('trafficking');
    const smuggling = offencesByCategory('smuggling');
    expect(trafficking.length).toBeGreaterThan(0);
    expect(smuggling.length).toBeGreaterThan(0);
    expect(trafficking.every((o) => o.statute !== 'PSMA-2018')).toBe(true);
    expect(smuggling.every((o) => o.statute === 'PSMA-2018')).toBe(true);
    expect(offenceByCode('PTPA-2018-s3')?.category).toBe('trafficking');
    expect(offenceByCode('PSMA-2018-s3')?.category).toBe('smuggling');
    // PPC sections charged alongside are never counted as either.
    expect(OFFENCES.filter((o) => o.statute === 'PPC').every((o) => o.category === 'related')).toBe(true);
  });

  it('models the PTPA as enacted: s.3, s.3 woman/child 2–10, s.4 3–14; cognisable, non-bailable, non-compoundable', () => {
    const s3 = offenceByCode('PTPA-2018-s3');
    const wc = offenceByCode('PTPA-2018-s3-woman-child');
    const s4 = offenceByCode('PTPA-2018-s4');
    expect([s3?.maxYears, s3?.maxFineRs, s3?.fineOnlyAllowed]).toEqual([7, 1_000_000, true]);
    expect([wc?.minYears, wc?.maxYears, wc?.fineOnlyAllowed]).toEqual([2, 10, false]);
    expect([s4?.minYears, s4?.maxYears, s4?.maxFineRs]).toEqual([3, 14, 2_000_000]);
    for (const o of OFFENCES.filter((x) => x.statute === 'PTPA-2018' || x.statute === 'PSMA-2018')) {
      expect([o.cognisable, o.bailable, o.compoundable], o.code).toEqual([true, false, false]);
    }
    expect(s3?.investigatingAgency).toBe('FIA-or-police');
    expect(offenceByCode('PSMA-2018-s3')?.investigatingAgency).toBe('FIA');
  });

  it('PCHTO offences exist but are not in force on 2026-01-01; they were on 2010-06-01', () => {
    const pchto = OFFENCES.filter((o) => o.statute === 'PCHTO-2002');
    expect(pchto.length).toBeGreaterThan(0);
    const now = offencesInForce('2026-01-01').map((o) => o.code);
    for (const o of pchto) expect(now).not.toContain(o.code);
    expect(now).toContain('PTPA-2018-s3');
    expect(now).toContain('PPC-420');
    const then = offencesInForce('2010-06-01').map((o) => o.code);
    expect(then).toContain('PCHTO-2002-s3');
    expect(then).not.toContain('PTPA-2018-s3');
    // The repeal date is the first day out of force; the Act takes over the same day.
    const repeal = statuteByCode('PCHTO-2002')?.repealedOn ?? '';
    expect(offencesInForce(repeal).some((o) => o.statute === 'PCHTO-2002')).toBe(false);
    expect(offencesInForce(repeal).some((o) => o.code === 'PTPA-2018-s3')).toBe(true);
    expect(offenceByCode('PCHTO-2002-s3')?.statute).toBe('PCHTO-2002');
  });

  it('unknown codes are undefined', () => {
    expect(offenceByCode('PPC-999')).toBeUndefined();
  });
});

describe('penaltyText', () => {
  const get = (code: string): Offence => {
    const o = offenceByCode(code);
    if (!o) throw new Error(code);
    return o;
  };
  it('renders ranges, maxima, fine-only alternatives and life', () => {
    expect(penaltyText(get('PTPA-2018-s3-woman-child'), 'en')).toBe('2\u201310 years and fine up to Rs 1,000,000');
    expect(penaltyText(get('PTPA-2018-s4'), 'en')).toBe('3\u201314 years and fine up to Rs 2,000,000');
    expect(penaltyText(get('PTPA-2018-s3'), 'en')).toBe('up to 7 years, or fine up to Rs 1,000,000, or both');
    expect(penaltyText(get('PPC-370'), 'en')).toBe('up to 7 years and fine');
    expect(penaltyText(get('PPC-365-B'), 'en')).toBe('imprisonment for life and fine');
    expect(penaltyText(get('BLSAA-1992-s11'), 'en')).toBe('2\u20135 years, or fine of not less than Rs 50,000, or both');
    expect(penaltyText(get('PPC-471'), 'en')).toMatch(/not fixed/);
  });
  it('renders Urdu with lakh amounts', () => {
    expect(penaltyText(get('PTPA-2018-s3-woman-child'), 'ur')).toBe('2 سے 10 سال قید اور 10 لاکھ روپے تک جرمانہ');
    expect(penaltyText(get('PTPA-2018-s4'), 'ur')).toBe('3 سے 14 سال قید اور 20 لاکھ روپے تک جرمانہ');
    expect(penaltyText(get('PPC-365-B'), 'ur')).toBe('عمر قید اور جرمانہ');
  });
  it('renders something for every offence in both languages', () => {
    for (const o of OFFENCES) {
      expect(penaltyText(o, 'en').length, o.code).toBeGreaterThan(5);
      expect(penaltyText(o, 'ur'), o.code).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
