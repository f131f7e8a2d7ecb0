/**
 * Deadlines computed from the law and the Code of Criminal Procedure 1898. Pure functions.
 *
 * Dates are ISO calendar dates 'YYYY-MM-DD' (UTC, calendar days). They are compared as strings
 * and shifted with `addDays`, which goes through Date.UTC only, so no local-timezone or DST
 * surprises. Malformed dates in CaseFacts are skipped (a bad row must not take down a deadlines
 * panel; validate at the API edge); the date helpers themselves throw RangeError on bad input.
 */
import type { CaseStage } from './taxonomies';

/**
 * - s173-report: report under s.173 CrPC, 14 days after the FIR (s.173(1) proviso).
 * - s173-interim-report: interim report, within 3 days after those 14 days (FIR + 17).
 * - remand-expiry: the remand ordered under s.167 CrPC runs out; produce the accused again.
 * - next-hearing: the date fixed at the latest hearing.
 * - proclamation-appearance: last day to appear under a proclamation (s.87 CrPC).
 * There is no general statutory time limit for concluding a trial under the CrPC 1898, so no
 * 'trial-conclusion' kind (special-court directions can be added as their own kind later).
 */
export type DeadlineKind = 's173-report' | 's173-interim-report' | 'remand-expiry' | 'next-hearing' | 'proclamation-appearance';

export interface Deadline {
  kind: DeadlineKind;
  /** ISO date 'YYYY-MM-DD'. */
  due: string;
  /** Why it is due, e.g. 'Report under s.173 CrPC due 14 days after FIR 2026-03-01'. */
  basis: string;
  basisUr: string;
  /** The accused concerned (remand, proclamation). */
  partyKey?: string;
  /** Something wrong with the facts behind the deadline, e.g. remand beyond 15 days. */
  warning?: string;
}

export interface CaseFacts {
  firDate?: string;
  challanDate?: string;
  stage: CaseStage;
  accused: Array<{
    key: string;
    remandUntil?: string;
    proclamationPublishedOn?: string;
    proclamationPeriodDays?: number;
    arrestedOn?: string;
  }>;
  hearings: Array<{ date: string; nextDate?: string }>;
}

/** s.173(1) proviso: report within 14 days of the FIR, else an interim report within 3 more days. */
export const S173_REPORT_DAYS = 14;
export const S173_INTERIM_EXTRA_DAYS = 3;
/** s.167(2): detention by order of a magistrate not exceeding 15 days in the whole. */
export const MAX_REMAND_DAYS = 15;
/** s.87: a proclamation requires appearance at a time not less than 30 days from publication. */
export const MIN_PROCLAMATION_DAYS = 30;
export const AGE_OF_MAJORITY = 18;

// ── ISO date helpers ─────────────────────────────────────────────────────────────────────────
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIso(iso: string): { y: number; m: number; d: number } | undefined {
  const match = ISO_DATE.exec(iso);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return { y, m, d };
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function toEpochDay(iso: string): number {
  const p = parseIso(iso);
  if (!p) throw new RangeError(`Not an ISO date (YYYY-MM-DD): "${iso}"`);
  return Date.UTC(p.y, p.m - 1, p.d) / 86_400_000;
}

function fromEpochDay(day: number): string {
  const dt = new Date(day * 86_400_000);
  const y = dt.getUTCFullYear();
  const m = dt.getUTCMonth() + 1;
  const d = dt.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  return parseIso(value) !== undefined;
}

/** `iso` plus `days` calendar days (negative allowed). Throws RangeError on a malformed date. */
export function addDays(iso: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number: ${days}`);
  return fromEpochDay(toEpochDay(iso) + days);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

// ── Remand ───────────────────────────────────────────────────────────────────────────────────
/**
 * A message when remand would keep the accused longer than s.167 allows (15 days in the whole,
 * counted in calendar days from the date of arrest to the remand-until date), or when the dates
 * are inconsistent; undefined when lawful. (check) Whether the 15 days run from arrest or from
 * the first remand order is argued; counting from arrest is the stricter reading.
 */
export function remandProblem(arrestedOn: string, remandUntil: string): string | undefined {
  if (!isIsoDate(arrestedOn) || !isIsoDate(remandUntil)) return `Remand dates are not valid dates: arrested "${arrestedOn}", remand until "${remandUntil}"`;
  const total = daysBetween(arrestedOn, remandUntil);
  if (total < 0) return `Remand until ${remandUntil} is before the arrest on ${arrestedOn}`;
  if (total > MAX_REMAND_DAYS) {
    return `Remand until ${remandUntil} totals ${total} days from arrest on ${arrestedOn}; s.167 CrPC allows at most ${MAX_REMAND_DAYS} days in the whole (${total - MAX_REMAND_DAYS} over)`;
  }
  return undefined;
}

// ── Age ──────────────────────────────────────────────────────────────────────────────────────
/**
 * Age in whole years on a date. `dob` is 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. With only a year (or
 * month) the person is taken to be born on the LAST day of that year (month), the youngest they
 * can be, so the minor flag errs towards protection. A 29 February birthday is reached on
 * 1 March in common years (check). null when a date is malformed or `on` is before birth.
 */
export function ageOn(dob: string, on: string): number | null {
  const onP = parseIso(on);
  if (!onP) return null;
  let birth: string;
  if (/^\d{4}$/.test(dob)) birth = `${dob}-12-31`;
  else if (/^\d{4}-\d{2}$/.test(dob)) {
    const y = Number(dob.slice(0, 4));
    const m = Number(dob.slice(5, 7));
    if (m < 1 || m > 12) return null;
    birth = `${dob}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
  } else birth = dob;
  const b = parseIso(birth);
  if (!b || birth > on) return null;
  const hadBirthday = onP.m > b.m || (onP.m === b.m && onP.d >= b.d);
  return onP.y - b.y - (hadBirthday ? 0 : 1);
}

/** Under 18 on the date; null when the age cannot be worked out (unknown is not "adult"). */
export function isMinor(dob: string, on: string): boolean | null {
  const age = ageOn(dob, on);
  return age === null ? null : age < AGE_OF_MAJORITY;
}

// ── Deadlines ────────────────────────────────────────────────────────────────────────────────
const POST_CHALLAN: ReadonlySet<CaseStage> = new Set<CaseStage>(['challan', 'trial', 'judgment', 'appeal']);
const ENDED: ReadonlySet<CaseStage> = new Set<CaseStage>(['closed', 'transferred']);

/**
 * Deadlines that apply to a case, sorted by due date. Rules:
 * - s173-report (FIR + 14) and s173-interim-report (FIR + 17) while the investigation is open:
 *   not once a challan date is recorded or the case is at challan or a later stage.
 * - remand-expiry for each accused with a remand-until date, with a warning when the remand
 *   exceeds 15 days from arrest (s.167).
 * - proclamation-appearance for each accused with a proclamation: published + max(30, period)
 *   (s.87: not less than 30 days); not once the accused has been arrested on or after publication.
 * - next-hearing: the next date fixed at the latest hearing held on or before `today`, or the
 *   earliest hearing listed after `today`, whichever is earlier; at any stage where one exists.
 * Nothing is due for a closed or transferred case. A met deadline is still returned; the caller
 * knows whether it was met (see `isOverdue`).
 */
export function computeDeadlines(facts: CaseFacts, today: string): Deadline[] {
  if (ENDED.has(facts.stage)) return [];
  const out: Deadline[] = [];

  const challanFiled = (facts.challanDate !== undefined && facts.challanDate !== '') || POST_CHALLAN.has(facts.stage);
  if (facts.firDate && isIsoDate(facts.firDate) && !challanFiled) {
    const fir = facts.firDate;
    out.push({
      kind: 's173-report',
      due: addDays(fir, S173_REPORT_DAYS),
      basis: `Report under s.173 CrPC due ${S173_REPORT_DAYS} days after FIR ${fir}`,
      basisUr: `دفعہ 173 ض ف کے تحت رپورٹ ایف آئی آر (${fir}) کے ${S173_REPORT_DAYS} دن بعد واجب`,
    });
    out.push({
      kind: 's173-interim-report',
      due: addDays(fir, S173_REPORT_DAYS + S173_INTERIM_EXTRA_DAYS),
      basis: `Interim report under s.173 CrPC due within ${S173_INTERIM_EXTRA_DAYS} days after the ${S173_REPORT_DAYS} days from FIR ${fir}, if the investigation is not complete`,
      basisUr: `تفتیش مکمل نہ ہونے پر عبوری رپورٹ (دفعہ 173 ض ف) ایف آئی آر (${fir}) کے ${S173_REPORT_DAYS} دن بعد مزید ${S173_INTERIM_EXTRA_DAYS} دن میں واجب`,
    });
  }

  for (const a of facts.accused) {
    if (a.remandUntil && isIsoDate(a.remandUntil)) {
      const d: Deadline = {
        kind: 'remand-expiry',
        due: a.remandUntil,
        basis: `Remand under s.167 CrPC ends ${a.remandUntil}${a.arrestedOn ? ` (arrested ${a.arrestedOn})` : ''}`,
        basisUr: `دفعہ 167 ض ف کے تحت ریمانڈ ${a.remandUntil} کو ختم${a.arrestedOn ? ` (گرفتاری ${a.arrestedOn})` : ''}`,
        partyKey: a.key,
      };
      const problem = a.arrestedOn ? remandProblem(a.arrestedOn, a.remandUntil) : undefined;
      if (problem) d.warning = problem;
      out.push(d);
    }

    const published = a.proclamationPublishedOn;
    if (published && isIsoDate(published)) {
      const arrestedSince = a.arrestedOn !== undefined && isIsoDate(a.arrestedOn) && a.arrestedOn >= published;
      if (!arrestedSince) {
        const given = a.proclamationPeriodDays;
        const period = Math.max(MIN_PROCLAMATION_DAYS, given !== undefined && Number.isInteger(given) ? given : 0);
        out.push({
          kind: 'proclamation-appearance',
          due: addDays(published, period),
          basis: `Appearance under proclamation (s.87 CrPC) due ${period} days after publication on ${published}${given !== undefined && given < MIN_PROCLAMATION_DAYS ? ` (period given, ${given} days, is below the 30-day minimum)` : ''}`,
          basisUr: `اشتہار (دفعہ 87 ض ف) کے تحت حاضری ${published} کی اشاعت کے ${period} دن بعد واجب`,
          partyKey: a.key,
        });
      }
    }
  }

  const next = nextHearing(facts.hearings, today);
  if (next) {
    out.push({
      kind: 'next-hearing',
      due: next.date,
      basis: next.fixedAt ? `Next hearing fixed on ${next.date} at the hearing of ${next.fixedAt}` : `Hearing listed for ${next.date}`,
      basisUr: next.fixedAt ? `آئندہ سماعت ${next.date} (${next.fixedAt} کی سماعت پر مقرر)` : `سماعت ${next.date} کو مقرر`,
    });
  }

  return out.sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : 0));
}

function nextHearing(hearings: CaseFacts['hearings'], today: string): { date: string; fixedAt?: string } | undefined {
  const valid = hearings.filter((h) => isIsoDate(h.date));
  const held = valid.filter((h) => h.date <= today);
  let latest: (typeof valid)[number] | undefined;
  for (const h of held) if (!latest || h.date >= latest.date) latest = h;
  const candidates: Array<{ date: string; fixedAt?: string }> = [];
  if (latest?.nextDate && isIsoDate(latest.nextDate)) candidates.push({ date: latest.nextDate, fixedAt: latest.date });
  for (const h of valid) if (h.date > today) candidates.push({ date: h.date });
  let best: { date: string; fixedAt?: string } | undefined;
  for (const c of candidates) if (!best || c.date < best.date) best = c;
  return best;
}

/** Overdue: not met and today is after the due date (the due day itself is still in time). */
export function isOverdue(d: Deadline, today: string, met: boolean): boolean {
  return !met && today > d.due;
}
