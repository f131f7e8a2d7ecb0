import { describe, expect, it } from 'vitest';
import { OFFENCES } from './law';
import {
  ACCUSED_ROLES, BAIL_STATUSES, CASE_STAGES, CLOSURE_REASONS, CUSTODY_ACTIONS, EVIDENCE_TYPES, EXPLOITATION_FORMS, JUDGMENT_OUTCOMES,
  MEANS_OF_CONTROL, PARTY_ROLES, RECRUITER_RELATIONS, closureReasonsFor, compromiseAssessment, idsOf, isCaseStage, isCompromiseLawful,
  isLawfulTransition, isReopening, isTermId, nextStages, termLabel, type CaseStage, type Term,
} from './taxonomies';

const ALL: Record<string, readonly Term[]> = {
  CASE_STAGES, CLOSURE_REASONS, PARTY_ROLES, EXPLOITATION_FORMS, MEANS_OF_CONTROL, RECRUITER_RELATIONS, ACCUSED_ROLES, BAIL_STATUSES, JUDGMENT_OUTCOMES, EVIDENCE_TYPES, CUSTODY_ACTIONS,
};

describe('vocabularies', () => {
  it('have unique kebab-case ids and English and Urdu labels', () => {
    for (const [name, list] of Object.entries(ALL)) {
      expect(new Set(list.map((t) => t.id)).size, name).toBe(list.length);
      for (const t of list) {
        expect(t.id, name).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
        expect(t.en.length, `${name}.${t.id}`).toBeGreaterThan(0);
        expect(t.ur, `${name}.${t.id}`).toMatch(/[\u0600-\u06FF]/);
      }
    }
  });
  it('cover the CTDC means of control, each with its export column', () => {
    expect(MEANS_OF_CONTROL).toHaveLength(17);
    expect(new Set(MEANS_OF_CONTROL.map((m) => m.ctdc)).size).toBe(17);
    expect(MEANS_OF_CONTROL.every((m) => m.ctdc.startsWith('meansOfControl'))).toBe(true);
    expect(idsOf(RECRUITER_RELATIONS)).toEqual(['intimate-partner', 'friend', 'family', 'other', 'unknown']);
  });
  it('name the CrPC sections of bail', () => {
    expect(BAIL_STATUSES.find((b) => b.id === 'pre-arrest-bail')?.section).toBe('498');
    expect(BAIL_STATUSES.find((b) => b.id === 'bail-granted')?.section).toBe('496/497');
  });
  it('helpers: idsOf, isTermId, termLabel, isCaseStage', () => {
    expect(idsOf(JUDGMENT_OUTCOMES)).toEqual(['convicted', 'acquitted', 'discharged']);
    expect(isTermId(EVIDENCE_TYPES, 'passport')).toBe(true);
    expect(isTermId(EVIDENCE_TYPES, 'car')).toBe(false);
    expect(termLabel(CASE_STAGES, 'investigation', 'ur')).toBe('تفتیش');
    expect(termLabel(CASE_STAGES, 'nope', 'en')).toBe('nope');
    expect(isCaseStage('fir')).toBe(true);
    expect(isCaseStage('FIR')).toBe(false);
  });
});

describe('stage transitions', () => {
  it('follow the brief', () => {
    expect(nextStages('complaint').sort()).toEqual(['closed', 'fir', 'inquiry', 'transferred']);
    expect(nextStages('inquiry').sort()).toEqual(['closed', 'fir', 'transferred']);
    expect(nextStages('fir')).toEqual(['investigation']);
    expect(nextStages('investigation').sort()).toEqual(['challan', 'closed', 'transferred']);
    expect(nextStages('challan')).toEqual(['trial']);
    expect(nextStages('trial')).toEqual(['judgment']);
    expect(nextStages('judgment').sort()).toEqual(['appeal', 'closed']);
    expect(nextStages('appeal').sort()).toEqual(['closed', 'judgment']);
    expect(nextStages('transferred')).toEqual(['inquiry']);
    expect(nextStages('closed')).toEqual(['inquiry']);
  });
  it('forbid jumps and self-loops', () => {
    expect(isLawfulTransition('complaint', 'judgment')).toBe(false);
    expect(isLawfulTransition('fir', 'trial')).toBe(false);
    expect(isLawfulTransition('fir', 'closed')).toBe(false);
    expect(isLawfulTransition('trial', 'closed')).toBe(false);
    expect(isLawfulTransition('closed', 'trial')).toBe(false);
    for (const s of CASE_STAGES) expect(isLawfulTransition(s.id, s.id), s.id).toBe(false);
    expect(isLawfulTransition('complaint', 'fir')).toBe(true);
    expect(isLawfulTransition('investigation', 'challan')).toBe(true);
  });
  it('only reach terminal stages back through re-opening to inquiry', () => {
    expect(isReopening('closed', 'inquiry')).toBe(true);
    expect(isReopening('transferred', 'inquiry')).toBe(true);
    expect(isReopening('complaint', 'inquiry')).toBe(false);
  });
  it('every stage is reachable from complaint and every target is a known stage', () => {
    const seen = new Set<CaseStage>(['complaint']);
    const queue: CaseStage[] = ['complaint'];
    while (queue.length) {
      const s = queue.shift() as CaseStage;
      for (const n of nextStages(s)) {
        expect(isCaseStage(n)).toBe(true);
        if (!seen.has(n)) { seen.add(n); queue.push(n); }
      }
    }
    expect(seen.size).toBe(CASE_STAGES.length);
  });
  it('nextStages returns a copy', () => {
    nextStages('fir').push('closed');
    expect(nextStages('fir')).toEqual(['investigation']);
  });
});

describe('compromise', () => {
  it('is not lawful for PTPA s.3 (non-compoundable, s.9)', () => {
    expect(isCompromiseLawful(['PTPA-2018-s3'])).toBe(false);
    expect(compromiseAssessment(['PTPA-2018-s3']).nonCompoundable).toEqual(['PTPA-2018-s3']);
  });
  it('is lawful for PPC 420 alone, with the permission of the court', () => {
    const a = compromiseAssessment(['PPC-420']);
    expect(a).toEqual({ lawful: true, needsCourtPermission: true, nonCompoundable: [], unknown: [] });
  });
  it('is ruled out by one non-compoundable offence among compoundable ones', () => {
    expect(isCompromiseLawful(['PPC-420', 'PPC-468'])).toBe(false);
    expect(isCompromiseLawful(['PPC-420', 'PSMA-2018-s3'])).toBe(false);
  });
  it('is not lawful for unknown codes or no offences', () => {
    expect(compromiseAssessment(['PPC-999'])).toMatchObject({ lawful: false, unknown: ['PPC-999'] });
    expect(isCompromiseLawful([])).toBe(false);
  });
  it('no trafficking or smuggling offence in the catalogue is compoundable', () => {
    for (const o of OFFENCES.filter((x) => x.category === 'trafficking' || x.category === 'smuggling')) expect(isCompromiseLawful([o.code]), o.code).toBe(false);
  });
  it('closure reasons drop compromise when unlawful', () => {
    expect(closureReasonsFor(['PTPA-2018-s3'])).not.toContain('compromise');
    expect(closureReasonsFor(['PPC-420'])).toContain('compromise');
    expect(closureReasonsFor(['PTPA-2018-s3'])).toContain('untraced');
  });
});
