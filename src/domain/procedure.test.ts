import { describe, expect, it } from 'vitest';
import { addDays, ageOn, computeDeadlines, daysBetween, isIsoDate, isMinor, isOverdue, remandProblem, type CaseFacts, type Deadline } from './procedure';

const base: CaseFacts = { stage: 'investigation', firDate: '2026-03-01', accused: [], hearings: [] };
const kinds = (ds: Deadline[]): string[] => ds.map((d) => d.kind);
const find = (ds: Deadline[], kind: string, key?: string): Deadline | undefined => ds.find((d) => d.kind === kind && (key === undefined || d.partyKey === key));

describe('ISO date arithmetic', () => {
  it('handles month ends, leap years and year ends without timezone drift', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // a European DST weekend
    expect(addDays('2026-03-15', -14)).toBe('2026-03-01');
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(daysBetween('2026-02-01', '2026-03-01')).toBe(28);
  });
  it('rejects impossible dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('1/3/2026')).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('s.173 reports', () => {
  it('FIR 2026-03-01: report due 2026-03-15, interim report 2026-03-18', () => {
    const ds = computeDeadlines(base, '2026-03-02');
    expect(find(ds, 's173-report')?.due).toBe('2026-03-15');
    expect(find(ds, 's173-interim-report')?.due).toBe('2026-03-18');
    expect(find(ds, 's173-report')?.basis).toBe('Report under s.173 CrPC due 14 days after FIR 2026-03-01');
    expect(find(ds, 's173-report')?.basisUr).toMatch(/173/);
  });
  it('across a leap February and a month end', () => {
    const ds = computeDeadlines({ ...base, firDate: '2028-02-20' }, '2028-02-21');
    expect(find(ds, 's173-report')?.due).toBe('2028-03-05');
    expect(find(ds, 's173-interim-report')?.due).toBe('2028-03-08');
    const ds2 = computeDeadlines({ ...base, firDate: '2026-02-20' }, '2026-02-21');
    expect(find(ds2, 's173-report')?.due).toBe('2026-03-06');
    const ds3 = computeDeadlines({ ...base, firDate: '2026-12-20' }, '2026-12-21');
    expect(find(ds3, 's173-interim-report')?.due).toBe('2027-01-06');
  });
  it('disappear once a challan is submitted', () => {
    expect(kinds(computeDeadlines({ ...base, challanDate: '2026-03-10' }, '2026-03-11'))).not.toContain('s173-report');
    expect(kinds(computeDeadlines({ ...base, stage: 'challan' }, '2026-03-11'))).not.toContain('s173-interim-report');
    expect(kinds(computeDeadlines({ ...base, stage: 'trial' }, '2026-03-11'))).toEqual([]);
  });
  it('are not computed without an FIR, nor for a closed or transferred case', () => {
    expect(computeDeadlines({ ...base, firDate: undefined, stage: 'inquiry' }, '2026-03-02')).toEqual([]);
    expect(computeDeadlines({ ...base, stage: 'closed' }, '2026-03-02')).toEqual([]);
    expect(computeDeadlines({ ...base, stage: 'transferred' }, '2026-03-02')).toEqual([]);
    expect(computeDeadlines({ ...base, firDate: '01-03-2026' }, '2026-03-02')).toEqual([]);
  });
  it('overdue only after the due day and only when not met', () => {
    const report = find(computeDeadlines(base, '2026-03-02'), 's173-report') as Deadline;
    expect(isOverdue(report, '2026-03-15', false)).toBe(false);
    expect(isOverdue(report, '2026-03-16', false)).toBe(true);
    expect(isOverdue(report, '2026-03-16', true)).toBe(false);
  });
  it('results are sorted by due date', () => {
    const ds = computeDeadlines({ ...base, accused: [{ key: 'a1', arrestedOn: '2026-03-02', remandUntil: '2026-03-05' }] }, '2026-03-02');
    expect(ds.map((d) => d.due)).toEqual(['2026-03-05', '2026-03-15', '2026-03-18']);
  });
});

describe('remand (s.167)', () => {
  it('15 days in all from arrest is lawful; 16 is flagged', () => {
    expect(remandProblem('2026-03-01', '2026-03-16')).toBeUndefined();
    expect(remandProblem('2026-03-01', '2026-03-17')).toMatch(/16 days.*at most 15.*1 over/);
    expect(remandProblem('2026-03-05', '2026-03-01')).toMatch(/before the arrest/);
    expect(remandProblem('2026-03-01', 'soon')).toMatch(/not valid/);
  });
  it('across February in a leap year', () => {
    expect(remandProblem('2028-02-20', '2028-03-06')).toBeUndefined(); // 15 days
    expect(remandProblem('2028-02-20', '2028-03-07')).toMatch(/16 days/);
  });
  it('gives one remand-expiry per accused, with a warning when over 15 days', () => {
    const ds = computeDeadlines(
      { ...base, accused: [{ key: 'a1', arrestedOn: '2026-03-02', remandUntil: '2026-03-09' }, { key: 'a2', arrestedOn: '2026-03-02', remandUntil: '2026-03-25' }, { key: 'a3' }] },
      '2026-03-03',
    );
    expect(find(ds, 'remand-expiry', 'a1')).toMatchObject({ due: '2026-03-09' });
    expect(find(ds, 'remand-expiry', 'a1')?.warning).toBeUndefined();
    expect(find(ds, 'remand-expiry', 'a2')?.warning).toMatch(/23 days/);
    expect(find(ds, 'remand-expiry', 'a3')).toBeUndefined();
  });
});

describe('proclamation (s.87)', () => {
  it('is due 30 days after publication, or the longer period given', () => {
    const ds = computeDeadlines(
      { ...base, accused: [{ key: 'p1', proclamationPublishedOn: '2026-01-31', proclamationPeriodDays: 30 }, { key: 'p2', proclamationPublishedOn: '2026-01-31', proclamationPeriodDays: 45 }, { key: 'p3', proclamationPublishedOn: '2026-01-31' }] },
      '2026-02-01',
    );
    expect(find(ds, 'proclamation-appearance', 'p1')?.due).toBe('2026-03-02');
    expect(find(ds, 'proclamation-appearance', 'p2')?.due).toBe('2026-03-17');
    expect(find(ds, 'proclamation-appearance', 'p3')?.due).toBe('2026-03-02');
  });
  it('never less than 30 days, even when a shorter period was written', () => {
    const ds = computeDeadlines({ ...base, accused: [{ key: 'p', proclamationPublishedOn: '2028-02-01', proclamationPeriodDays: 15 }] }, '2028-02-02');
    const d = find(ds, 'proclamation-appearance', 'p');
    expect(d?.due).toBe('2028-03-02'); // 2028 is a leap year
    expect(d?.basis).toMatch(/below the 30-day minimum/);
  });
  it('no longer applies once the accused is arrested after publication', () => {
    const ds = computeDeadlines({ ...base, accused: [{ key: 'p', proclamationPublishedOn: '2026-01-31', arrestedOn: '2026-02-10' }] }, '2026-02-11');
    expect(find(ds, 'proclamation-appearance')).toBeUndefined();
  });
});

describe('next hearing', () => {
  const trial: CaseFacts = { stage: 'trial', accused: [], hearings: [] };
  it('is the next date fixed at the latest hearing', () => {
    const ds = computeDeadlines({ ...trial, hearings: [{ date: '2026-04-01', nextDate: '2026-04-15' }, { date: '2026-04-15', nextDate: '2026-05-02' }] }, '2026-04-20');
    expect(kinds(ds)).toEqual(['next-hearing']);
    expect(ds[0]?.due).toBe('2026-05-02');
    expect(ds[0]?.basis).toBe('Next hearing fixed on 2026-05-02 at the hearing of 2026-04-15');
  });
  it('nothing when no next date was fixed; a stale next date shows as overdue', () => {
    expect(computeDeadlines({ ...trial, hearings: [{ date: '2026-04-01' }] }, '2026-04-20')).toEqual([]);
    const ds = computeDeadlines({ ...trial, hearings: [{ date: '2026-04-01', nextDate: '2026-04-10' }] }, '2026-04-20');
    expect(isOverdue(ds[0] as Deadline, '2026-04-20', false)).toBe(true);
  });
  it('a hearing already listed in the future counts', () => {
    const ds = computeDeadlines({ ...trial, hearings: [{ date: '2026-05-10' }] }, '2026-04-20');
    expect(ds[0]?.due).toBe('2026-05-10');
  });
  it('also appears outside trial when a next date exists (e.g. remand hearings), not once closed', () => {
    expect(kinds(computeDeadlines({ ...base, hearings: [{ date: '2026-03-02', nextDate: '2026-03-09' }] }, '2026-03-03'))).toContain('next-hearing');
    expect(computeDeadlines({ ...trial, stage: 'closed', hearings: [{ date: '2026-03-02', nextDate: '2026-03-09' }] }, '2026-03-03')).toEqual([]);
  });
});

describe('age and the minor flag', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2008-03-15', '2026-03-14')).toBe(17);
    expect(ageOn('2008-03-15', '2026-03-15')).toBe(18);
    expect(isMinor('2008-03-15', '2026-03-14')).toBe(true);
    expect(isMinor('2008-03-15', '2026-03-15')).toBe(false);
  });
  it('a 29 February birthday is reached on 1 March in common years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });
  it('year only: youngest possible (born 31 December), so it errs towards minor', () => {
    expect(ageOn('2008', '2026-06-01')).toBe(17);
    expect(isMinor('2008', '2026-06-01')).toBe(true);
    expect(ageOn('2008', '2026-12-31')).toBe(18);
    expect(ageOn('2009-02', '2027-02-28')).toBe(18); // month only: last day of that month
    expect(ageOn('2009-02', '2027-02-27')).toBe(17);
    expect(ageOn('2008-02', '2026-02-28')).toBe(17); // 2008-02-29, a leap-day birthday
  });
  it('unknown is null, not adult', () => {
    expect(ageOn('', '2026-01-01')).toBeNull();
    expect(ageOn('2030-01-01', '2026-01-01')).toBeNull();
    expect(ageOn('2008-02-30', '2026-01-01')).toBeNull();
    expect(isMinor('unknown', '2026-01-01')).toBeNull();
  });
});
