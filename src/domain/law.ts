/**
 * The law catalogue: statutes and the offences a case can be registered under.
 *
 * This is SEED reference data. The database copy is editable by administrators (amendments,
 * corrections from the Gazette), so everything here is plain data plus a few pure helpers.
 * Where a fact was not verified against the Gazette text it is marked "(check)" in `note`.
 *
 * Conventions:
 * - Dates are ISO calendar dates 'YYYY-MM-DD'.
 * - `effectiveFrom` is the first day an offence/statute is in force; `effectiveTo` is the first
 *   day it is NO LONGER in force (exclusive), normally the repeal date. A case registered under a
 *   repealed offence keeps it: repealed offences stay in the catalogue, only `offencesInForce`
 *   leaves them out (for choosing the law of a NEW case).
 * - `maxYears: null` means imprisonment for life (`life: true`) or a term the section does not
 *   fix itself (see `note`).
 * - Trafficking and smuggling are different crimes and are always counted apart: the category is
 *   what statistics group by, and PPC sections are 'related', never folded into either. In Urdu
 *   trafficking is written "ٹریفکنگ" and only migrant smuggling "اسمگلنگ", because everyday Urdu
 *   uses "انسانی اسمگلنگ" for both. Urdu titles are working translations, not the official
 *   Urdu texts (check).
 */

export type OffenceCategory = 'trafficking' | 'smuggling' | 'emigration' | 'related';

export const OFFENCE_CATEGORIES: readonly OffenceCategory[] = ['trafficking', 'smuggling', 'emigration', 'related'];

export interface Statute {
  /** Stable code, e.g. 'PTPA-2018'. */
  code: string;
  title: string;
  titleUr: string;
  shortTitle: string;
  /** e.g. 'Act XXXIV of 2018'. */
  actNo?: string;
  year: number;
  effectiveFrom: string;
  repealedOn?: string;
  repealedBy?: string;
  note?: string;
}

export type InvestigatingAgency = 'FIA' | 'police' | 'FIA-or-police';

export interface Offence {
  /** Stable code, e.g. 'PTPA-2018-s3', 'PPC-370'. Never reuse or rename: cases refer to it. */
  code: string;
  /** Statute code. */
  statute: string;
  /** Section as cited, e.g. '3', '3 proviso', '365-B'. */
  section: string;
  title: string;
  titleUr: string;
  category: OffenceCategory;
  minYears: number | null;
  /** null = imprisonment for life (see `life`) or not fixed by the section (see `note`). */
  maxYears: number | null;
  /** Imprisonment for life is the maximum (or the fixed) sentence. */
  life?: boolean;
  /** null = fine without a stated maximum (or no fine). */
  maxFineRs: number | null;
  minFineRs?: number;
  /** The court may impose a fine alone ("imprisonment ... or fine, or both"). */
  fineOnlyAllowed: boolean;
  cognisable: boolean;
  bailable: boolean;
  /** May be compounded (compromised) under s.345 CrPC or the special law. */
  compoundable: boolean;
  /** Compounding needs the court's permission (the s.345(2) CrPC table). */
  compoundableWithCourtPermission?: boolean;
  effectiveFrom: string;
  /** First day no longer in force (exclusive). */
  effectiveTo?: string;
  investigatingAgency?: InvestigatingAgency;
  note?: string;
}

// Repeal of the 2002 Ordinance by the Prevention of Trafficking in Persons Act 2018.
// Assent date of the 2018 Act taken as 2018-05-31 (check against the Gazette).
const PTPA_IN_FORCE = '2018-05-31';
const PSMA_IN_FORCE = '2018-05-31';
const PPC_IN_FORCE = '1862-01-01';
/** Protection of Women (Criminal Laws Amendment) Act 2006 moved 365-B and 371-A/B into the PPC. */
const POWA_2006 = '2006-12-01';

export const STATUTES: readonly Statute[] = [
  {
    code: 'PCHTO-2002',
    title: 'Prevention and Control of Human Trafficking Ordinance, 2002',
    titleUr: 'انسانی ٹریفکنگ کی روک تھام اور انسداد آرڈیننس، 2002',
    shortTitle: 'PACHTO 2002',
    actNo: 'Ordinance LIX of 2002 (check)',
    year: 2002,
    effectiveFrom: '2002-10-30',
    repealedOn: PTPA_IN_FORCE,
    repealedBy: 'PTPA-2018',
    note:
      'Came into force at once on promulgation in October 2002 (exact date 2002-10-30 (check)). Dealt with trafficking into or out of Pakistan only; in practice also used for smuggling cases before 2018. Prevention and Control of Human Trafficking Rules, 2004 (made under s.12): victim statement recorded before a magistrate (s.164 CrPC), custody of an unaccompanied child or destitute woman in a shelter by order of the court. Repealed by the Prevention of Trafficking in Persons Act 2018 (repeal date taken as the 2018 Act\u2019s assent, 2018-05-31 (check)); proceedings already under it continue under it.',
  },
  {
    code: 'PTPA-2018',
    title: 'Prevention of Trafficking in Persons Act, 2018',
    titleUr: 'انسدادِ انسانی ٹریفکنگ ایکٹ، 2018',
    shortTitle: 'PTPA 2018',
    actNo: 'Act XXXIV of 2018',
    year: 2018,
    effectiveFrom: PTPA_IN_FORCE,
    note:
      'In force on assent, taken as 2018-05-31 (check). s.6 victims not criminally liable; s.7 for a child no proof of force, fraud or coercion is needed and consent is no defence; s.8 police investigate, the FIA where the victim is moved into or out of Pakistan; s.9 offences cognisable, non-bailable and non-compoundable; s.10\u201311 protection of identity, in-camera hearings; s.12 compensation (s.545 CrPC); s.13 data collection. Prevention of Trafficking in Persons Rules 2020. A 2022 amendment removed fine-only sentences where the victim is a woman or child (check date). A 2025 amendment (check assent and commencement) adds organised begging and raises penalties: the ranges here are as originally enacted and must be updated from the Gazette.',
  },
  {
    code: 'PSMA-2018',
    title: 'Prevention of Smuggling of Migrants Act, 2018',
    titleUr: 'تارکینِ وطن کی اسمگلنگ کی روک تھام کا ایکٹ، 2018',
    shortTitle: 'PSMA 2018',
    actNo: 'Act XXVIII of 2018',
    year: 2018,
    effectiveFrom: PSMA_IN_FORCE,
    note:
      'Commencement taken as 2018-05-31 (check against the Gazette). Offences cognisable, non-bailable and non-compoundable; investigated by the FIA (or an agency notified by the Government). Prevention of Smuggling of Migrants Rules 2020. A 2025 amendment (check assent) raises penalties (reported: smuggling up to 10 years and Rs 10m) and adds harbouring and document offences: update from the Gazette.',
  },
  {
    code: 'EO-1979',
    title: 'Emigration Ordinance, 1979',
    titleUr: 'امیگریشن آرڈیننس، 1979',
    shortTitle: 'Emigration Ordinance 1979',
    actNo: 'Ordinance XVIII of 1979',
    year: 1979,
    effectiveFrom: '1979-03-23',
    note:
      'In force at once (dated 23 March 1979; Gazette of 24 March 1979). s.12 licence of Overseas Employment Promoters by the Bureau of Emigration & Overseas Employment; s.15 appearance before the Protector of Emigrants ("protector stamp"); s.24 special courts. Amended since (latest reported amendment 2025 (check)).',
  },
  {
    code: 'PPC',
    title: 'Pakistan Penal Code, 1860',
    titleUr: 'مجموعہ تعزیراتِ پاکستان، 1860',
    shortTitle: 'PPC',
    actNo: 'Act XLV of 1860',
    year: 1860,
    effectiveFrom: PPC_IN_FORCE,
    note: 'Classification (cognisable, bailable, compoundable) follows Schedule II and s.345 of the Code of Criminal Procedure 1898.',
  },
  {
    code: 'BLSAA-1992',
    title: 'Bonded Labour System (Abolition) Act, 1992',
    titleUr: 'بندھوا مزدوری نظام (خاتمہ) ایکٹ، 1992',
    shortTitle: 'Bonded Labour Act 1992',
    actNo: 'Act III of 1992',
    year: 1992,
    effectiveFrom: '1992-03-17',
    note:
      'Date 1992-03-17 (check). s.15: offences cognisable and bailable (check). After the 18th Amendment the provinces adopted or re-enacted it (Punjab as amended, Sindh 2015, Khyber Pakhtunkhwa 2015, Balochistan 2017 (check)); the federal Act applies in Islamabad. The section numbers follow the 1992 Act.',
  },
  {
    code: 'PA-1974',
    title: 'Passports Act, 1974',
    titleUr: 'پاسپورٹ ایکٹ، 1974',
    shortTitle: 'Passports Act 1974',
    actNo: 'Act XX of 1974',
    year: 1974,
    effectiveFrom: '1974-03-07',
    note: 'In force at once (dated 7 March 1974 (check)). s.4 departure or entry without a passport; s.6 offences relating to passports (false statements, forged or altered passports, using another\u2019s passport).',
  },
  {
    code: 'FA-1946',
    title: 'Foreigners Act, 1946',
    titleUr: 'فارنرز ایکٹ، 1946',
    shortTitle: 'Foreigners Act 1946',
    actNo: 'Act XXXI of 1946',
    year: 1946,
    effectiveFrom: '1946-11-23',
    note: 's.13-A assisting illegal entry, s.13-B employing an illegal entrant, s.14 penalties, s.14-A restriction on bail (check the sections as amended).',
  },
];

const RS_1M = 1_000_000;
const RS_2M = 2_000_000;

export const OFFENCES: readonly Offence[] = [
  // ── Prevention and Control of Human Trafficking Ordinance 2002 (repealed) ──
  {
    code: 'PCHTO-2002-s3',
    statute: 'PCHTO-2002',
    section: '3(i)-(ii)',
    title: 'Human trafficking into or out of Pakistan; obtaining labour or services by coercion or fraud',
    titleUr: 'انسانی ٹریفکنگ (پاکستان میں یا پاکستان سے باہر)',
    category: 'trafficking',
    minYears: null,
    maxYears: 7,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: '2002-10-30',
    effectiveTo: PTPA_IN_FORCE,
    investigatingAgency: 'FIA',
    note: 'Up to 7 years and fine (check the clause layout of s.3). Cognisable, non-bailable, non-compoundable under the Ordinance (check section).',
  },
  {
    code: 'PCHTO-2002-s3-iii',
    statute: 'PCHTO-2002',
    section: '3(iii)',
    title: 'Trafficking a woman or child for exploitative entertainment',
    titleUr: 'استحصالی تفریح کے لیے عورت یا بچے کی ٹریفکنگ',
    category: 'trafficking',
    minYears: null,
    maxYears: 10,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: '2002-10-30',
    effectiveTo: PTPA_IN_FORCE,
    investigatingAgency: 'FIA',
    note: 'Up to 10 years and fine; where the accused also kidnapped or abducted the victim, up to 14 years (proviso) (check).',
  },
  {
    code: 'PCHTO-2002-s4',
    statute: 'PCHTO-2002',
    section: '4',
    title: 'Human trafficking by a member of an organised criminal group',
    titleUr: 'منظم جرائم پیشہ گروہ کے ذریعے انسانی ٹریفکنگ',
    category: 'trafficking',
    minYears: null,
    maxYears: 14,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: '2002-10-30',
    effectiveTo: PTPA_IN_FORCE,
    investigatingAgency: 'FIA',
    note: 'Up to 14 years and fine (check). Two or more persons acting together make an "organised criminal group" under the Ordinance.',
  },
  {
    code: 'PCHTO-2002-s6',
    statute: 'PCHTO-2002',
    section: '6',
    title: 'Dealing in documents in furtherance of human trafficking',
    titleUr: 'انسانی ٹریفکنگ کے لیے دستاویزات کا حصول یا جعل سازی',
    category: 'trafficking',
    minYears: null,
    maxYears: 7,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: '2002-10-30',
    effectiveTo: PTPA_IN_FORCE,
    investigatingAgency: 'FIA',
    note: 'Section number, wording and penalty (up to 7 years and fine) (check).',
  },

  // ── Prevention of Trafficking in Persons Act 2018 ──
  {
    code: 'PTPA-2018-s3',
    statute: 'PTPA-2018',
    section: '3',
    title: 'Trafficking in persons',
    titleUr: 'انسانی ٹریفکنگ',
    category: 'trafficking',
    minYears: null,
    maxYears: 7,
    maxFineRs: RS_1M,
    fineOnlyAllowed: true,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: PTPA_IN_FORCE,
    investigatingAgency: 'FIA-or-police',
    note: 'Recruiting, harbouring, transporting, providing or obtaining a person for compelled labour or commercial sex acts by force, fraud or coercion: up to 7 years, or fine up to Rs 1m, or both. s.9 cognisable, non-bailable, non-compoundable. s.8: police investigate; the FIA where the victim is moved into or out of Pakistan. Penalties as originally enacted; the 2025 amendment raises them (check).',
  },
  {
    code: 'PTPA-2018-s3-woman-child',
    statute: 'PTPA-2018',
    section: '3 proviso',
    title: 'Trafficking in persons where the victim is a woman or child',
    titleUr: 'عورت یا بچے کی انسانی ٹریفکنگ',
    category: 'trafficking',
    minYears: 2,
    maxYears: 10,
    maxFineRs: RS_1M,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: PTPA_IN_FORCE,
    investigatingAgency: 'FIA-or-police',
    note: '2\u201310 years and fine up to Rs 1m. As enacted in 2018 a fine alone was possible ("or with fine ... or with both"); the 2022 amendment removed fine-only sentences for women and children (check date), which is what this entry models. s.7: for a child, no proof of force, fraud or coercion is needed and consent is no defence.',
  },
  {
    code: 'PTPA-2018-s4',
    statute: 'PTPA-2018',
    section: '4',
    title: 'Trafficking in persons with aggravating circumstances',
    titleUr: 'سنگین حالات میں انسانی ٹریفکنگ',
    category: 'trafficking',
    minYears: 3,
    maxYears: 14,
    maxFineRs: RS_2M,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: PTPA_IN_FORCE,
    investigatingAgency: 'FIA-or-police',
    note: 'Serious injury or life-threatening illness, death (including suicide), an organised criminal group of two or more, destroying or confiscating the victim\u2019s travel or identity documents, a repeat offence: 3\u201314 years and fine up to Rs 2m.',
  },

  // ── Prevention of Smuggling of Migrants Act 2018 ──
  {
    code: 'PSMA-2018-s3',
    statute: 'PSMA-2018',
    section: '3',
    title: 'Smuggling of migrants',
    titleUr: 'تارکینِ وطن کی اسمگلنگ',
    category: 'smuggling',
    minYears: 3,
    maxYears: 5,
    maxFineRs: RS_1M,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: PSMA_IN_FORCE,
    investigatingAgency: 'FIA',
    note: 'Procuring, for a financial or other material benefit, the illegal entry of a person into a state of which he is not a national or permanent resident: 3\u20135 years and fine up to Rs 1m. Cognisable, non-bailable, non-compoundable. Section numbering (check); penalties as originally enacted, raised by the 2025 amendment (check).',
  },
  {
    code: 'PSMA-2018-s4',
    statute: 'PSMA-2018',
    section: '4',
    title: 'Smuggling of migrants with aggravating circumstances',
    titleUr: 'سنگین حالات میں تارکینِ وطن کی اسمگلنگ',
    category: 'smuggling',
    minYears: 5,
    maxYears: 14,
    maxFineRs: RS_2M,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: PSMA_IN_FORCE,
    investigatingAgency: 'FIA',
    note: 'Endangering the life or safety of the migrant, inhuman or degrading treatment, death or serious injury, organised criminal group: 5\u201314 years and fine up to Rs 2m (check section number, range and list of circumstances).',
  },

  // ── Emigration Ordinance 1979 ──
  {
    code: 'EO-1979-s17',
    statute: 'EO-1979',
    section: '17',
    title: 'Unlawful emigration; assisting it; recruiting or advertising without a licence',
    titleUr: 'غیر قانونی ترکِ وطن اور بغیر لائسنس بھرتی',
    category: 'emigration',
    minYears: null,
    maxYears: 5,
    maxFineRs: null,
    fineOnlyAllowed: true,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: '1979-03-23',
    investigatingAgency: 'FIA',
    note: 'Up to 5 years, or fine, or both; a second or subsequent offence under s.17(2) up to 7 years. Cognisable and non-bailable in FIA practice (check). The 2025 amendment reportedly removes fine-only disposal (check).',
  },
  {
    code: 'EO-1979-s18',
    statute: 'EO-1979',
    section: '18',
    title: 'Fraudulently inducing a person to emigrate',
    titleUr: 'دھوکے سے بیرونِ ملک جانے پر آمادہ کرنا',
    category: 'emigration',
    minYears: null,
    maxYears: 14,
    maxFineRs: null,
    fineOnlyAllowed: true,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: '1979-03-23',
    investigatingAgency: 'FIA',
    note: 'Up to 14 years (check), fine (check whether fine-only is allowed).',
  },
  {
    code: 'EO-1979-s22',
    statute: 'EO-1979',
    section: '22',
    title: 'Receiving money for providing foreign employment',
    titleUr: 'بیرونِ ملک ملازمت کے لیے رقم وصول کرنا',
    category: 'emigration',
    minYears: null,
    maxYears: 5,
    maxFineRs: null,
    fineOnlyAllowed: true,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: '1979-03-23',
    investigatingAgency: 'FIA',
    note: 'Taking money or other consideration for providing or promising foreign employment otherwise than as the Ordinance allows. Penalty (up to 5 years, or fine, or both) and classification (check).',
  },

  // ── Pakistan Penal Code ──
  {
    code: 'PPC-365-B',
    statute: 'PPC',
    section: '365-B',
    title: 'Kidnapping, abducting or inducing woman to compel for marriage, etc.',
    titleUr: 'عورت کو شادی وغیرہ پر مجبور کرنے کے لیے اغوا',
    category: 'related',
    minYears: null,
    maxYears: null,
    life: true,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: POWA_2006,
    investigatingAgency: 'police',
    note: 'Imprisonment for life and fine. Inserted by the Protection of Women (Criminal Laws Amendment) Act 2006 (date 2006-12-01 (check)); previously s.11 of the Offence of Zina Ordinance 1979.',
  },
  {
    code: 'PPC-366-A',
    statute: 'PPC',
    section: '366-A',
    title: 'Procuration of minor girl',
    titleUr: 'نابالغ لڑکی کو ورغلانا',
    category: 'related',
    minYears: null,
    maxYears: 10,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: PPC_IN_FORCE,
    investigatingAgency: 'police',
    note: 'Inducing a girl under 18 to go from any place or do any act with intent that she be forced or seduced to illicit intercourse: up to 10 years and fine.',
  },
  {
    code: 'PPC-366-B',
    statute: 'PPC',
    section: '366-B',
    title: 'Importation of girl from foreign country',
    titleUr: 'بیرونِ ملک سے لڑکی کو پاکستان لانا',
    category: 'related',
    minYears: null,
    maxYears: 10,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: PPC_IN_FORCE,
    investigatingAgency: 'FIA-or-police',
    note: 'Importing into Pakistan a girl under 21 with intent that she be forced or seduced to illicit intercourse: up to 10 years and fine.',
  },
  {
    code: 'PPC-370',
    statute: 'PPC',
    section: '370',
    title: 'Buying or disposing of any person as a slave',
    titleUr: 'کسی شخص کو غلام کے طور پر خریدنا یا بیچنا',
    category: 'related',
    minYears: null,
    maxYears: 7,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: false,
    bailable: true,
    compoundable: false,
    effectiveFrom: PPC_IN_FORCE,
    investigatingAgency: 'police',
    note: 'Up to 7 years and fine. Non-cognisable and bailable in Schedule II as inherited (check the Pakistani schedule).',
  },
  {
    code: 'PPC-371-A',
    statute: 'PPC',
    section: '371-A',
    title: 'Selling person for purposes of prostitution, etc.',
    titleUr: 'عصمت فروشی وغیرہ کے لیے کسی شخص کو بیچنا',
    category: 'related',
    minYears: null,
    maxYears: 25,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: POWA_2006,
    investigatingAgency: 'police',
    note: 'Up to 25 years and fine. Inserted by the Protection of Women Act 2006 (check date), previously s.13 of the Offence of Zina Ordinance 1979.',
  },
  {
    code: 'PPC-371-B',
    statute: 'PPC',
    section: '371-B',
    title: 'Buying person for purposes of prostitution, etc.',
    titleUr: 'عصمت فروشی وغیرہ کے لیے کسی شخص کو خریدنا',
    category: 'related',
    minYears: null,
    maxYears: 25,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: POWA_2006,
    investigatingAgency: 'police',
    note: 'Up to 25 years and fine. Inserted by the Protection of Women Act 2006 (check date), previously s.14 of the Offence of Zina Ordinance 1979.',
  },
  {
    code: 'PPC-374',
    statute: 'PPC',
    section: '374',
    title: 'Unlawful compulsory labour',
    titleUr: 'غیر قانونی جبری مشقت',
    category: 'related',
    minYears: null,
    maxYears: 5,
    maxFineRs: null,
    fineOnlyAllowed: true,
    cognisable: true,
    bailable: true,
    compoundable: false,
    effectiveFrom: PPC_IN_FORCE,
    investigatingAgency: 'police',
    note: 'Up to 5 years, or fine, or both, as amended in Pakistan (the original 1860 text had 1 year) (check the amendment and classification).',
  },
  {
    code: 'PPC-420',
    statute: 'PPC',
    section: '420',
    title: 'Cheating and dishonestly inducing delivery of property',
    titleUr: 'دھوکا دہی اور بددیانتی سے مال حوالے کروانا',
    category: 'related',
    minYears: null,
    maxYears: 7,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: true,
    compoundableWithCourtPermission: true,
    effectiveFrom: PPC_IN_FORCE,
    investigatingAgency: 'FIA-or-police',
    note: 'Up to 7 years and fine. Compoundable by the person cheated only with the permission of the court (s.345(2) CrPC). Cognisable and non-bailable (check the Pakistani Schedule II); does not fall within the prohibitory clause of s.497(1) CrPC.',
  },
  {
    code: 'PPC-468',
    statute: 'PPC',
    section: '468',
    title: 'Forgery for purpose of cheating',
    titleUr: 'دھوکا دہی کی غرض سے جعل سازی',
    category: 'related',
    minYears: null,
    maxYears: 7,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: PPC_IN_FORCE,
    investigatingAgency: 'FIA-or-police',
    note: 'Up to 7 years and fine. Classification (check).',
  },
  {
    code: 'PPC-471',
    statute: 'PPC',
    section: '471',
    title: 'Using as genuine a forged document',
    titleUr: 'جعلی دستاویز کو اصلی کے طور پر استعمال کرنا',
    category: 'related',
    minYears: null,
    maxYears: null,
    maxFineRs: null,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: true,
    compoundable: false,
    effectiveFrom: PPC_IN_FORCE,
    investigatingAgency: 'FIA-or-police',
    note: 'Punished in the same manner as if the user had forged the document (s.465: up to 2 years; s.468: up to 7 years; s.467 valuable security: life or up to 10 years). Cognisability and bail follow the forgery concerned (check).',
  },

  // ── Other related statutes ──
  {
    code: 'BLSAA-1992-s11',
    statute: 'BLSAA-1992',
    section: '11',
    title: 'Enforcement of bonded labour',
    titleUr: 'بندھوا مزدوری کروانا',
    category: 'related',
    minYears: 2,
    maxYears: 5,
    maxFineRs: null,
    minFineRs: 50_000,
    fineOnlyAllowed: true,
    cognisable: true,
    bailable: true,
    compoundable: false,
    effectiveFrom: '1992-03-17',
    investigatingAgency: 'police',
    note: 'Compelling any person to render bonded labour: 2\u20135 years, or fine of not less than Rs 50,000, or both (check). Cognisable and bailable (s.15) (check); provincial Acts may differ.',
  },
  {
    code: 'PA-1974-s6',
    statute: 'PA-1974',
    section: '6',
    title: 'Offences relating to passports',
    titleUr: 'پاسپورٹ سے متعلق جرائم',
    category: 'related',
    minYears: null,
    maxYears: 3,
    maxFineRs: null,
    fineOnlyAllowed: true,
    cognisable: true,
    bailable: true,
    compoundable: false,
    effectiveFrom: '1974-03-07',
    investigatingAgency: 'FIA',
    note: 'False information to obtain a passport, altering a passport, using another person\u2019s or a forged passport, etc.: up to 3 years (as cited by the courts), fine; fine-only and classification (check).',
  },
  {
    code: 'FA-1946-s14',
    statute: 'FA-1946',
    section: '14',
    title: 'Contravention of the Foreigners Act or orders under it',
    titleUr: 'فارنرز ایکٹ یا اس کے تحت احکامات کی خلاف ورزی',
    category: 'related',
    minYears: null,
    maxYears: 3,
    maxFineRs: 10_000,
    fineOnlyAllowed: false,
    cognisable: true,
    bailable: false,
    compoundable: false,
    effectiveFrom: '1946-11-23',
    investigatingAgency: 'FIA-or-police',
    note: 'Up to 3 years and fine up to Rs 10,000 as originally enacted; later amendments (illegal entry, s.13-A assisting illegal entry, s.14-A bail restriction) set different and higher penalties (check the current text). Classification (check).',
  },
];

const OFFENCE_INDEX: ReadonlyMap<string, Offence> = new Map(OFFENCES.map((o) => [o.code, o]));
const STATUTE_INDEX: ReadonlyMap<string, Statute> = new Map(STATUTES.map((s) => [s.code, s]));

export function offenceByCode(code: string): Offence | undefined {
  return OFFENCE_INDEX.get(code);
}

export function statuteByCode(code: string): Statute | undefined {
  return STATUTE_INDEX.get(code);
}

/** Whether an offence is in force on a date (effectiveFrom inclusive, effectiveTo exclusive). */
export function isInForce(o: Offence, on: string): boolean {
  return o.effectiveFrom <= on && (o.effectiveTo === undefined || on < o.effectiveTo);
}

/**
 * Offences a NEW case could be registered under on a date. Offences of the repealed 2002
 * Ordinance drop out from 2018-05-31 (check) but remain in OFFENCES: a case registered under
 * them stays under them.
 */
export function offencesInForce(on: string): Offence[] {
  return OFFENCES.filter((o) => isInForce(o, on));
}

/** Offences of one counting category (trafficking and smuggling are never merged). */
export function offencesByCategory(category: OffenceCategory): Offence[] {
  return OFFENCES.filter((o) => o.category === category);
}

function formatRsEn(n: number): string {
  return `Rs ${n.toLocaleString('en-US')}`;
}

/** Rupees in Urdu in the lakh/crore words used in Pakistan, e.g. 1,000,000 → "10 لاکھ روپے". */
function formatRsUr(n: number): string {
  if (n >= 10_000_000 && n % 10_000_000 === 0) return `${n / 10_000_000} کروڑ روپے`;
  if (n >= 100_000 && n % 100_000 === 0) return `${n / 100_000} لاکھ روپے`;
  if (n >= 1_000 && n % 1_000 === 0) return `${n / 1_000} ہزار روپے`;
  return `${n.toLocaleString('en-US')} روپے`;
}

function years(n: number, lang: 'en' | 'ur'): string {
  if (lang === 'ur') return `${n} سال`;
  return n === 1 ? '1 year' : `${n} years`;
}

/**
 * A one-line penalty, e.g. "2–10 years and fine up to Rs 1,000,000",
 * "up to 7 years, or fine up to Rs 1,000,000, or both", "imprisonment for life and fine".
 */
export function penaltyText(o: Offence, lang: 'en' | 'ur'): string {
  const ur = lang === 'ur';
  let prison: string;
  if (o.life) {
    prison = o.minYears !== null ? (ur ? `کم از کم ${years(o.minYears, lang)} سے عمر قید تک` : `${years(o.minYears, lang)} to imprisonment for life`) : ur ? 'عمر قید' : 'imprisonment for life';
  } else if (o.maxYears === null) {
    prison = ur ? 'قید (مدت دفعہ میں مقرر نہیں؛ نوٹ دیکھیں)' : 'imprisonment (term not fixed by the section; see note)';
  } else if (o.minYears !== null && o.minYears > 0) {
    prison = ur ? `${o.minYears} سے ${o.maxYears} سال قید` : `${o.minYears}\u2013${o.maxYears} years`;
  } else {
    prison = ur ? `${years(o.maxYears, lang)} تک قید` : `up to ${years(o.maxYears, lang)}`;
  }

  let fine: string;
  if (o.maxFineRs !== null && o.minFineRs !== undefined) {
    fine = ur ? `${formatRsUr(o.minFineRs)} سے ${formatRsUr(o.maxFineRs)} تک جرمانہ` : `fine of ${formatRsEn(o.minFineRs)} to ${formatRsEn(o.maxFineRs)}`;
  } else if (o.maxFineRs !== null) {
    fine = ur ? `${formatRsUr(o.maxFineRs)} تک جرمانہ` : `fine up to ${formatRsEn(o.maxFineRs)}`;
  } else if (o.minFineRs !== undefined) {
    fine = ur ? `کم از کم ${formatRsUr(o.minFineRs)} جرمانہ` : `fine of not less than ${formatRsEn(o.minFineRs)}`;
  } else {
    fine = ur ? 'جرمانہ' : 'fine';
  }

  if (o.fineOnlyAllowed) return ur ? `${prison}، یا ${fine}، یا دونوں` : `${prison}, or ${fine}, or both`;
  return ur ? `${prison} اور ${fine}` : `${prison} and ${fine}`;
}
