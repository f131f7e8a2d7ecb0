/**
 * The case vocabularies, in one place. Identifiers are stable: they are stored in the database,
 * sent over the API and exported. Labels (English and Urdu) may be improved freely.
 *
 * Each vocabulary is a readonly array of `{ id, en, ur }` (some carry an extra field, such as the
 * CrPC section or the CTDC export column), with a union type of its ids.
 */
import { offenceByCode } from './law';

export interface Term<Id extends string = string> {
  readonly id: Id;
  readonly en: string;
  readonly ur: string;
}

// ── Case stages ──────────────────────────────────────────────────────────────────────────────
export const CASE_STAGES = [
  { id: 'complaint', en: 'Complaint / information', ur: 'شکایت' },
  { id: 'inquiry', en: 'Inquiry', ur: 'انکوائری' },
  { id: 'fir', en: 'FIR registered (s.154 CrPC)', ur: 'ایف آئی آر درج' },
  { id: 'investigation', en: 'Investigation', ur: 'تفتیش' },
  { id: 'challan', en: 'Challan submitted (s.173 CrPC)', ur: 'چالان جمع' },
  { id: 'trial', en: 'Trial', ur: 'ٹرائل (سماعت)' },
  { id: 'judgment', en: 'Judgment', ur: 'فیصلہ' },
  { id: 'appeal', en: 'Appeal', ur: 'اپیل' },
  { id: 'transferred', en: 'Transferred', ur: 'منتقل' },
  { id: 'closed', en: 'Closed', ur: 'بند' },
] as const;
export type CaseStage = (typeof CASE_STAGES)[number]['id'];

/**
 * Allowed stage transitions. The rules, and why:
 * - complaint → inquiry (FIA inquiry before registration), fir (registered directly), closed
 *   (no offence disclosed), transferred (another agency or the police has jurisdiction).
 * - inquiry → fir, closed (inquiry closed), transferred.
 * - fir → investigation only: registering an FIR starts the investigation; a case is never closed
 *   straight from the FIR, the investigation's s.173 report (cancellation/untraced) closes it.
 * - investigation → challan (final report sent up), closed (cancellation or untraced report,
 *   with the magistrate's concurrence), transferred (e.g. domestic trafficking to the police,
 *   PTPA s.8).
 * - challan → trial only; trial → judgment only: once a court has the case, only the court ends
 *   it. A compromise or withdrawal during trial ends in an acquittal, i.e. a judgment.
 * - judgment → appeal (s.410 etc., s.417 against acquittal), closed (no appeal, or time lapsed).
 * - appeal → judgment (appellate judgment, or remand for retrial recorded as a fresh judgment),
 *   closed (appeal decided finally).
 * - transferred and closed are terminal; the only way out is re-opening, which goes back to
 *   inquiry (fresh evidence, a transferred case coming back) and is audited as such.
 * No stage transitions to itself.
 */
const TRANSITIONS: Readonly<Record<CaseStage, readonly CaseStage[]>> = {
  complaint: ['inquiry', 'fir', 'closed', 'transferred'],
  inquiry: ['fir', 'closed', 'transferred'],
  fir: ['investigation'],
  investigation: ['challan', 'closed', 'transferred'],
  challan: ['trial'],
  trial: ['judgment'],
  judgment: ['appeal', 'closed'],
  appeal: ['judgment', 'closed'],
  transferred: ['inquiry'],
  closed: ['inquiry'],
};

/** Stages a case may move to from `stage` (a fresh array). */
export function nextStages(stage: CaseStage): CaseStage[] {
  return [...TRANSITIONS[stage]];
}

export function isLawfulTransition(from: CaseStage, to: CaseStage): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Re-opening: leaving a terminal stage (closed or transferred). Callers should require a reason. */
export function isReopening(from: CaseStage, to: CaseStage): boolean {
  return (from === 'closed' || from === 'transferred') && to === 'inquiry';
}

export function isCaseStage(value: string): value is CaseStage {
  return CASE_STAGES.some((s) => s.id === value);
}

// ── Closure reasons ──────────────────────────────────────────────────────────────────────────
export const CLOSURE_REASONS = [
  { id: 'untraced', en: 'Untraced', ur: 'عدم پتہ' },
  { id: 'compromise', en: 'Compromise (compoundable offences only)', ur: 'راضی نامہ' },
  { id: 'insufficient-evidence', en: 'Insufficient evidence', ur: 'ناکافی شہادت' },
  { id: 'transferred-to-police', en: 'Transferred to police', ur: 'پولیس کو منتقل' },
  { id: 'other', en: 'Other', ur: 'دیگر' },
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number]['id'];

export interface CompromiseAssessment {
  /** A compromise may lawfully end the case (possibly only with the court's permission). */
  lawful: boolean;
  /** At least one offence is compoundable only with the court's permission (s.345(2) CrPC). */
  needsCourtPermission: boolean;
  /** Offence codes that are not compoundable. */
  nonCompoundable: string[];
  /** Offence codes not found in the catalogue (treated as not compoundable). */
  unknown: string[];
}

/**
 * Whether a compromise can lawfully end a case charged with these offences: every offence must be
 * compoundable. One non-compoundable offence (every PTPA and PSMA offence, s.9 of each) rules it
 * out. Unknown codes and an empty list are treated as not compoundable: the system never
 * suggests a compromise it cannot justify.
 */
export function compromiseAssessment(offenceCodes: readonly string[]): CompromiseAssessment {
  const nonCompoundable: string[] = [];
  const unknown: string[] = [];
  let needsCourtPermission = false;
  for (const code of offenceCodes) {
    const o = offenceByCode(code);
    if (!o) unknown.push(code);
    else if (!o.compoundable) nonCompoundable.push(code);
    else if (o.compoundableWithCourtPermission) needsCourtPermission = true;
  }
  const lawful = offenceCodes.length > 0 && nonCompoundable.length === 0 && unknown.length === 0;
  return { lawful, needsCourtPermission: lawful && needsCourtPermission, nonCompoundable, unknown };
}

/** Shorthand for `compromiseAssessment(codes).lawful`. */
export function isCompromiseLawful(offenceCodes: readonly string[]): boolean {
  return compromiseAssessment(offenceCodes).lawful;
}

/** Closure reasons open to a case charged with these offences ('compromise' only when lawful). */
export function closureReasonsFor(offenceCodes: readonly string[]): ClosureReason[] {
  const lawful = isCompromiseLawful(offenceCodes);
  return CLOSURE_REASONS.map((r) => r.id).filter((id) => id !== 'compromise' || lawful);
}

// ── Parties ──────────────────────────────────────────────────────────────────────────────────
export const PARTY_ROLES = [
  { id: 'victim', en: 'Victim', ur: 'متاثرہ فرد' },
  { id: 'suspected-victim', en: 'Suspected victim', ur: 'ممکنہ متاثرہ فرد' },
  { id: 'accused', en: 'Accused', ur: 'ملزم' },
  { id: 'witness', en: 'Witness', ur: 'گواہ' },
  { id: 'complainant', en: 'Complainant', ur: 'مدعی' },
  { id: 'informant', en: 'Informant', ur: 'اطلاع دہندہ' },
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number]['id'];

// ── Exploitation ─────────────────────────────────────────────────────────────────────────────
export const EXPLOITATION_FORMS = [
  { id: 'forced-labour', en: 'Forced labour', ur: 'جبری مشقت' },
  { id: 'bonded-labour', en: 'Bonded labour', ur: 'بندھوا مزدوری' },
  { id: 'domestic-servitude', en: 'Domestic servitude', ur: 'گھریلو غلامی' },
  { id: 'sexual-exploitation', en: 'Sexual exploitation', ur: 'جنسی استحصال' },
  { id: 'forced-marriage', en: 'Forced marriage', ur: 'جبری شادی' },
  { id: 'child-marriage', en: 'Child marriage', ur: 'کم عمری کی شادی' },
  { id: 'child-begging', en: 'Child begging', ur: 'بچوں سے بھیک منگوانا' },
  { id: 'organ-removal', en: 'Organ removal', ur: 'اعضا نکالنا' },
  { id: 'camel-jockeying', en: 'Camel jockeying', ur: 'اونٹ دوڑ میں بچوں کا استعمال' },
  { id: 'other', en: 'Other', ur: 'دیگر' },
] as const;
export type ExploitationForm = (typeof EXPLOITATION_FORMS)[number]['id'];

/** Means of control, as in the CTDC global dataset; `ctdc` is the export column. */
export const MEANS_OF_CONTROL = [
  { id: 'debt-bondage', en: 'Debt bondage', ur: 'قرض کے ذریعے غلامی', ctdc: 'meansOfControlDebtBondage' },
  { id: 'takes-earnings', en: 'Takes earnings', ur: 'کمائی چھین لینا', ctdc: 'meansOfControlTakesEarnings' },
  { id: 'restricts-financial-access', en: 'Restricts financial access', ur: 'مالی رسائی پر پابندی', ctdc: 'meansOfControlRestrictsFinancialAccess' },
  { id: 'threats', en: 'Threats', ur: 'دھمکیاں', ctdc: 'meansOfControlThreats' },
  { id: 'psychological-abuse', en: 'Psychological abuse', ur: 'نفسیاتی تشدد', ctdc: 'meansOfControlPsychologicalAbuse' },
  { id: 'physical-abuse', en: 'Physical abuse', ur: 'جسمانی تشدد', ctdc: 'meansOfControlPhysicalAbuse' },
  { id: 'sexual-abuse', en: 'Sexual abuse', ur: 'جنسی تشدد', ctdc: 'meansOfControlSexualAbuse' },
  { id: 'false-promises', en: 'False promises', ur: 'جھوٹے وعدے', ctdc: 'meansOfControlFalsePromises' },
  { id: 'psychoactive-substances', en: 'Psychoactive substances', ur: 'نشہ آور اشیا کا استعمال', ctdc: 'meansOfControlPsychoactiveSubstances' },
  { id: 'restricts-movement', en: 'Restricts movement', ur: 'نقل و حرکت پر پابندی', ctdc: 'meansOfControlRestrictsMovement' },
  { id: 'restricts-medical-care', en: 'Restricts medical care', ur: 'طبی سہولت سے محروم رکھنا', ctdc: 'meansOfControlRestrictsMedicalCare' },
  { id: 'excessive-working-hours', en: 'Excessive working hours', ur: 'حد سے زیادہ کام کے اوقات', ctdc: 'meansOfControlExcessiveWorkingHours' },
  { id: 'uses-children', en: 'Uses children', ur: 'بچوں کو استعمال کرنا', ctdc: 'meansOfControlUsesChildren' },
  { id: 'threat-of-law-enforcement', en: 'Threat of law enforcement', ur: 'پولیس یا قانونی کارروائی کی دھمکی', ctdc: 'meansOfControlThreatOfLawEnforcement' },
  { id: 'withholds-necessities', en: 'Withholds necessities', ur: 'بنیادی ضروریات سے محروم رکھنا', ctdc: 'meansOfControlWithholdsNecessities' },
  { id: 'withholds-documents', en: 'Withholds documents', ur: 'دستاویزات قبضے میں رکھنا', ctdc: 'meansOfControlWithholdsDocuments' },
  { id: 'other', en: 'Other', ur: 'دیگر', ctdc: 'meansOfControlOther' },
] as const;
export type MeansOfControl = (typeof MEANS_OF_CONTROL)[number]['id'];

/** The recruiter's relation to the victim (CTDC `recruiterRelation*`). */
export const RECRUITER_RELATIONS = [
  { id: 'intimate-partner', en: 'Intimate partner', ur: 'شریکِ حیات یا قریبی ساتھی', ctdc: 'recruiterRelationIntimatePartner' },
  { id: 'friend', en: 'Friend', ur: 'دوست', ctdc: 'recruiterRelationFriend' },
  { id: 'family', en: 'Family', ur: 'خاندان', ctdc: 'recruiterRelationFamily' },
  { id: 'other', en: 'Other', ur: 'دیگر', ctdc: 'recruiterRelationOther' },
  { id: 'unknown', en: 'Unknown', ur: 'نامعلوم', ctdc: 'recruiterRelationUnknown' },
] as const;
export type RecruiterRelation = (typeof RECRUITER_RELATIONS)[number]['id'];

/** The accused's role in the process (HTCDS perpetrator roles, extended). */
export const ACCUSED_ROLES = [
  { id: 'recruiter', en: 'Recruiter', ur: 'بھرتی کرنے والا' },
  { id: 'transporter', en: 'Transporter', ur: 'منتقل کرنے والا' },
  { id: 'harbourer', en: 'Harbourer', ur: 'پناہ دینے والا' },
  { id: 'exploiter', en: 'Exploiter', ur: 'استحصال کرنے والا' },
  { id: 'document-forger', en: 'Document forger', ur: 'جعلی دستاویزات بنانے والا' },
  { id: 'financier', en: 'Financier', ur: 'مالی معاونت کرنے والا' },
  { id: 'agent', en: 'Agent', ur: 'ایجنٹ' },
] as const;
export type AccusedRole = (typeof ACCUSED_ROLES)[number]['id'];

// ── Bail and judgment ────────────────────────────────────────────────────────────────────────
export const BAIL_STATUSES = [
  { id: 'none', en: 'No bail', ur: 'ضمانت نہیں', section: null },
  { id: 'pre-arrest-bail', en: 'Pre-arrest bail (s.498 CrPC)', ur: 'ضمانت قبل از گرفتاری (دفعہ 498)', section: '498' },
  { id: 'bail-granted', en: 'Bail granted (s.496/497 CrPC)', ur: 'ضمانت منظور (دفعہ 496/497)', section: '496/497' },
  { id: 'bail-refused', en: 'Bail refused', ur: 'ضمانت مسترد', section: null },
  { id: 'bail-cancelled', en: 'Bail cancelled', ur: 'ضمانت منسوخ', section: null },
] as const;
export type BailStatus = (typeof BAIL_STATUSES)[number]['id'];

export const JUDGMENT_OUTCOMES = [
  { id: 'convicted', en: 'Convicted', ur: 'سزا' },
  { id: 'acquitted', en: 'Acquitted', ur: 'بری' },
  { id: 'discharged', en: 'Discharged', ur: 'ڈسچارج' },
] as const;
export type JudgmentOutcome = (typeof JUDGMENT_OUTCOMES)[number]['id'];

// ── Evidence and chain of custody ────────────────────────────────────────────────────────────
export const EVIDENCE_TYPES = [
  { id: 'document', en: 'Document', ur: 'دستاویز' },
  { id: 'passport', en: 'Passport', ur: 'پاسپورٹ' },
  { id: 'phone', en: 'Phone', ur: 'موبائل فون' },
  { id: 'digital', en: 'Digital evidence', ur: 'ڈیجیٹل شہادت' },
  { id: 'financial-record', en: 'Financial record', ur: 'مالی ریکارڈ' },
  { id: 'photo', en: 'Photograph', ur: 'تصویر' },
  { id: 'statement', en: 'Statement', ur: 'بیان' },
  { id: 'medical-report', en: 'Medical report', ur: 'طبی رپورٹ' },
  { id: 'other', en: 'Other', ur: 'دیگر' },
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number]['id'];

export const CUSTODY_ACTIONS = [
  { id: 'seized', en: 'Seized', ur: 'قبضے میں لیا گیا' },
  { id: 'received', en: 'Received', ur: 'وصول کیا گیا' },
  { id: 'transferred', en: 'Transferred', ur: 'منتقل کیا گیا' },
  { id: 'sent-to-lab', en: 'Sent to laboratory', ur: 'لیبارٹری بھیجا گیا' },
  { id: 'returned-from-lab', en: 'Returned from laboratory', ur: 'لیبارٹری سے واپس آیا' },
  { id: 'produced-in-court', en: 'Produced in court', ur: 'عدالت میں پیش کیا گیا' },
  { id: 'returned-to-owner', en: 'Returned to owner', ur: 'مالک کو واپس کیا گیا' },
  { id: 'destroyed', en: 'Destroyed', ur: 'تلف کیا گیا' },
] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number]['id'];

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────
/** Ids of a vocabulary, e.g. for a zod enum: `z.enum(idsOf(CASE_STAGES))`. */
export function idsOf<const T extends readonly Term[]>(list: T): [T[number]['id'], ...T[number]['id'][]] {
  return list.map((t) => t.id) as [T[number]['id'], ...T[number]['id'][]];
}

/** Whether `value` is an id of the vocabulary. */
export function isTermId<T extends readonly Term[]>(list: T, value: string): value is T[number]['id'] {
  return list.some((t) => t.id === value);
}

/** Label of an id in a language; the id itself when unknown (never throws in a view). */
export function termLabel(list: readonly Term[], id: string, lang: 'en' | 'ur'): string {
  const t = list.find((x) => x.id === id);
  return t ? t[lang] : id;
}
