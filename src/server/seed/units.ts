// The organisational tree every install starts with: reference data, editable by administrators
// afterwards. Codes are stable identifiers used by the administration command (--unit CODE).
import type { UnitKind } from '../../domain/organisation.js';

export interface UnitSeed {
  code: string;
  kind: UnitKind;
  name: string;
  nameUr: string;
  district?: string;
  province?: string;
  children?: UnitSeed[];
}

const zone = (code: string, city: string, cityUr: string, province: string, extra: UnitSeed[] = []): UnitSeed => ({
  code: `ZONE-${code}`,
  kind: 'zone',
  name: `FIA ${city} Zone`,
  nameUr: `ایف آئی اے ${cityUr} زون`,
  district: city,
  province,
  children: [
    { code: `ATU-${code}`, kind: 'atu', name: `Anti Trafficking Unit ${city}`, nameUr: `انسدادِ انسانی اسمگلنگ یونٹ ${cityUr}`, district: city, province },
    { code: `AHTC-${code}`, kind: 'circle', name: `Anti-Human Trafficking Circle ${city}`, nameUr: `انسدادِ انسانی اسمگلنگ سرکل ${cityUr}`, district: city, province },
    { code: `PC-${code}`, kind: 'passport-cell', name: `Passport Cell ${city}`, nameUr: `پاسپورٹ سیل ${cityUr}`, district: city, province },
    ...extra,
  ],
});

const post = (code: string, name: string, nameUr: string, district: string, province: string, counters = 0): UnitSeed => ({
  code: `IMM-${code}`,
  kind: 'immigration-post',
  name,
  nameUr,
  district,
  province,
  // Immigration counters: officers sign in to one (departures D1…, arrivals A1…).
  ...(counters
    ? { children: Array.from({ length: counters }, (_, i) => ({ code: `IMM-${code}-${i % 2 ? 'A' : 'D'}${Math.floor(i / 2) + 1}`, kind: 'counter' as const, name: `${name} — ${i % 2 ? 'arrivals' : 'departures'} counter ${Math.floor(i / 2) + 1}`, nameUr: `${nameUr} — کاؤنٹر ${i + 1}`, district, province })) }
    : {}),
});

export const UNIT_TREE: UnitSeed = {
  code: 'NATIONAL',
  kind: 'office',
  name: 'Hifazat national network',
  nameUr: 'حفاظت قومی نیٹ ورک',
  children: [
    {
      code: 'MOI',
      kind: 'ministry',
      name: 'Ministry of Interior',
      nameUr: 'وزارتِ داخلہ',
      district: 'Islamabad',
      province: 'Islamabad Capital Territory',
      children: [
        { code: 'MOI-NC', kind: 'office', name: 'National Coordinator (Human Trafficking)', nameUr: 'قومی رابطہ کار (انسانی اسمگلنگ)', district: 'Islamabad' },
        { code: 'MOI-NR', kind: 'office', name: 'National Rapporteur', nameUr: 'قومی رپورٹر', district: 'Islamabad' },
        {
          code: 'FIA-HQ',
          kind: 'headquarters',
          name: 'FIA Headquarters',
          nameUr: 'ایف آئی اے ہیڈکوارٹرز',
          district: 'Islamabad',
          province: 'Islamabad Capital Territory',
          children: [
            {
              code: 'FIA-AHTS',
              kind: 'directorate',
              name: 'Anti-Human Trafficking & Smuggling Wing',
              nameUr: 'انسدادِ انسانی اسمگلنگ و اسمگلنگ ونگ',
              children: [{ code: 'ATU-CMC', kind: 'monitoring-cell', name: 'ATU Coordination & Monitoring Cell', nameUr: 'اے ٹی یو رابطہ و نگرانی سیل', district: 'Islamabad' }],
            },
            {
              code: 'FIA-IMM',
              kind: 'directorate',
              name: 'Immigration Wing',
              nameUr: 'امیگریشن ونگ',
              children: [
                post('ISB', 'Islamabad International Airport', 'اسلام آباد انٹرنیشنل ایئرپورٹ', 'Attock', 'Punjab', 2),
                post('LHE', 'Allama Iqbal International Airport, Lahore', 'علامہ اقبال انٹرنیشنل ایئرپورٹ، لاہور', 'Lahore', 'Punjab', 4),
                post('KHI', 'Jinnah International Airport, Karachi', 'جناح انٹرنیشنل ایئرپورٹ، کراچی', 'Karachi', 'Sindh', 2),
                post('PEW', 'Bacha Khan International Airport, Peshawar', 'باچا خان انٹرنیشنل ایئرپورٹ، پشاور', 'Peshawar', 'Khyber Pakhtunkhwa'),
                post('MUX', 'Multan International Airport', 'ملتان انٹرنیشنل ایئرپورٹ', 'Multan', 'Punjab'),
                post('SKT', 'Sialkot International Airport', 'سیالکوٹ انٹرنیشنل ایئرپورٹ', 'Sialkot', 'Punjab'),
                post('TORKHAM', 'Torkham border crossing', 'طورخم سرحدی گزرگاہ', 'Khyber', 'Khyber Pakhtunkhwa'),
                post('CHAMAN', 'Chaman border crossing', 'چمن سرحدی گزرگاہ', 'Qilla Abdullah', 'Balochistan'),
                post('TAFTAN', 'Taftan border crossing', 'تفتان سرحدی گزرگاہ', 'Chagai', 'Balochistan'),
                post('WAGAH', 'Wagah border crossing', 'واہگہ سرحدی گزرگاہ', 'Lahore', 'Punjab'),
                post('KHI-SEA', 'Karachi seaport', 'کراچی بندرگاہ', 'Karachi', 'Sindh'),
                post('GWADAR', 'Gwadar seaport', 'گوادر بندرگاہ', 'Gwadar', 'Balochistan'),
                post('TURBAT', 'Turbat immigration post', 'تربت امیگریشن پوسٹ', 'Kech', 'Balochistan'),
              ],
            },
            { code: 'HELPLINE', kind: 'helpline', name: 'Anti-trafficking helpline (24/7)', nameUr: 'انسدادِ اسمگلنگ ہیلپ لائن (چوبیس گھنٹے)', district: 'Islamabad' },
            {
              code: 'REG-NORTH',
              kind: 'region',
              name: 'FIA North Region',
              nameUr: 'ایف آئی اے شمالی ریجن',
              children: [
                zone('ISB', 'Islamabad', 'اسلام آباد', 'Islamabad Capital Territory'),
                zone('PSH', 'Peshawar', 'پشاور', 'Khyber Pakhtunkhwa'),
                zone('KHT', 'Kohat', 'کوہاٹ', 'Khyber Pakhtunkhwa'),
                zone('GB', 'Gilgit', 'گلگت', 'Gilgit-Baltistan'),
              ],
            },
            {
              code: 'REG-CENTRAL',
              kind: 'region',
              name: 'FIA Central Region',
              nameUr: 'ایف آئی اے وسطی ریجن',
              children: [
                zone('LHR', 'Lahore', 'لاہور', 'Punjab'),
                zone('GRW', 'Gujranwala', 'گوجرانوالہ', 'Punjab'),
                zone('FSD', 'Faisalabad', 'فیصل آباد', 'Punjab'),
                zone('MUL', 'Multan', 'ملتان', 'Punjab'),
              ],
            },
            {
              code: 'REG-SOUTH',
              kind: 'region',
              name: 'FIA South Region',
              nameUr: 'ایف آئی اے جنوبی ریجن',
              children: [
                zone('KHI', 'Karachi', 'کراچی', 'Sindh'),
                zone('HYD', 'Hyderabad', 'حیدرآباد', 'Sindh'),
                zone('SKR', 'Sukkur', 'سکھر', 'Sindh'),
                zone('QTA', 'Quetta', 'کوئٹہ', 'Balochistan'),
              ],
            },
          ],
        },
      ],
    },
    {
      code: 'MOPHRD',
      kind: 'ministry',
      name: 'Ministry of Overseas Pakistanis & Human Resource Development (Labour)',
      nameUr: 'وزارتِ سمندر پار پاکستانی و ترقیِ انسانی وسائل',
      district: 'Islamabad',
      children: [{ code: 'BEOE', kind: 'office', name: 'Bureau of Emigration & Overseas Employment', nameUr: 'بیورو آف امیگریشن اینڈ اوورسیز ایمپلائمنٹ', district: 'Islamabad' }],
    },
    { code: 'MOFA', kind: 'ministry', name: 'Ministry of Foreign Affairs', nameUr: 'وزارتِ خارجہ', district: 'Islamabad' },
    {
      code: 'PROSECUTION',
      kind: 'prosecution',
      name: 'Prosecution',
      nameUr: 'استغاثہ',
      children: [
        { code: 'PROS-FED', kind: 'prosecution', name: 'Federal prosecutors (FIA courts)', nameUr: 'وفاقی پراسیکیوٹرز', district: 'Islamabad' },
        { code: 'PROS-PUNJAB', kind: 'prosecution', name: 'Public Prosecution Punjab', nameUr: 'پبلک پراسیکیوشن پنجاب', district: 'Lahore', province: 'Punjab' },
        { code: 'PROS-SINDH', kind: 'prosecution', name: 'Public Prosecution Sindh', nameUr: 'پبلک پراسیکیوشن سندھ', district: 'Karachi', province: 'Sindh' },
      ],
    },
    {
      code: 'REFERRAL',
      kind: 'office',
      name: 'Referral mechanism partners',
      nameUr: 'ریفرل نظام کے شراکت دار',
      children: [
        { code: 'SHELTER-LHR', kind: 'shelter', name: 'Women and children shelter, Lahore', nameUr: 'خواتین و بچوں کی پناہ گاہ، لاہور', province: 'Punjab' },
        { code: 'SHELTER-KHI', kind: 'shelter', name: 'Women and children shelter, Karachi', nameUr: 'خواتین و بچوں کی پناہ گاہ، کراچی', province: 'Sindh' },
        { code: 'SHELTER-ISB', kind: 'shelter', name: 'Victim shelter, Islamabad', nameUr: 'متاثرین کی پناہ گاہ، اسلام آباد', province: 'Islamabad Capital Territory' },
        { code: 'NGO-LEGAL', kind: 'ngo', name: 'Legal aid partner (NGO)', nameUr: 'قانونی امداد کی شراکت دار تنظیم', district: 'Lahore', province: 'Punjab' },
        { code: 'NGO-PSS', kind: 'ngo', name: 'Psychosocial support partner (NGO)', nameUr: 'نفسیاتی معاونت کی شراکت دار تنظیم', district: 'Karachi', province: 'Sindh' },
        { code: 'HOSP-PIMS', kind: 'hospital', name: 'Pakistan Institute of Medical Sciences, Islamabad', nameUr: 'پاکستان انسٹیٹیوٹ آف میڈیکل سائنسز، اسلام آباد', district: 'Islamabad' },
        { code: 'HOSP-MAYO', kind: 'hospital', name: 'Mayo Hospital, Lahore', nameUr: 'میو ہسپتال، لاہور', district: 'Lahore', province: 'Punjab' },
      ],
    },
  ],
};
