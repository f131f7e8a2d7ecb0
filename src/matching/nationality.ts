/**
 * Nationality normalisation to ISO 3166-1 alpha-3. A compact table for the countries on the
 * development lists and the region; anything else is compared as normalised text.
 * Row: alpha-3, alpha-2, then names and demonyms (already lower-case, letters and spaces).
 */
const COUNTRIES: ReadonlyArray<readonly string[]> = [
  ['PAK', 'PK', 'pakistan', 'pakistani', 'islamic republic of pakistan'],
  ['AFG', 'AF', 'afghanistan', 'afghan', 'afghani', 'islamic republic of afghanistan'],
  ['IND', 'IN', 'india', 'indian', 'republic of india'],
  ['BGD', 'BD', 'bangladesh', 'bangladeshi'],
  ['IRN', 'IR', 'iran', 'iranian', 'islamic republic of iran', 'iran islamic republic of'],
  ['CHN', 'CN', 'china', 'chinese', 'peoples republic of china'],
  ['NPL', 'NP', 'nepal', 'nepali', 'nepalese'],
  ['LKA', 'LK', 'sri lanka', 'sri lankan'],
  ['IRQ', 'IQ', 'iraq', 'iraqi'],
  ['SYR', 'SY', 'syria', 'syrian', 'syrian arab republic'],
  ['SAU', 'SA', 'saudi arabia', 'saudi', 'kingdom of saudi arabia', 'ksa'],
  ['ARE', 'AE', 'united arab emirates', 'uae', 'emirati'],
  ['QAT', 'QA', 'qatar', 'qatari'],
  ['KWT', 'KW', 'kuwait', 'kuwaiti'],
  ['BHR', 'BH', 'bahrain', 'bahraini'],
  ['OMN', 'OM', 'oman', 'omani'],
  ['YEM', 'YE', 'yemen', 'yemeni'],
  ['JOR', 'JO', 'jordan', 'jordanian'],
  ['LBN', 'LB', 'lebanon', 'lebanese'],
  ['PSE', 'PS', 'state of palestine', 'palestine', 'palestinian', 'occupied palestinian territory'],
  ['ISR', 'IL', 'israel', 'israeli'],
  ['TUR', 'TR', 'turkey', 'turkiye', 'turkish'],
  ['EGY', 'EG', 'egypt', 'egyptian'],
  ['LBY', 'LY', 'libya', 'libyan'],
  ['TUN', 'TN', 'tunisia', 'tunisian'],
  ['DZA', 'DZ', 'algeria', 'algerian'],
  ['MAR', 'MA', 'morocco', 'moroccan'],
  ['MRT', 'MR', 'mauritania', 'mauritanian'],
  ['MLI', 'ML', 'mali', 'malian'],
  ['NER', 'NE', 'niger', 'nigerien'],
  ['NGA', 'NG', 'nigeria', 'nigerian'],
  ['TCD', 'TD', 'chad', 'chadian'],
  ['SDN', 'SD', 'sudan', 'sudanese'],
  ['SSD', 'SS', 'south sudan', 'south sudanese'],
  ['ERI', 'ER', 'eritrea', 'eritrean'],
  ['ETH', 'ET', 'ethiopia', 'ethiopian'],
  ['SOM', 'SO', 'somalia', 'somali'],
  ['KEN', 'KE', 'kenya', 'kenyan'],
  ['UGA', 'UG', 'uganda', 'ugandan'],
  ['RWA', 'RW', 'rwanda', 'rwandan'],
  ['BDI', 'BI', 'burundi', 'burundian'],
  ['COD', 'CD', 'democratic republic of the congo', 'dr congo', 'drc', 'congo kinshasa', 'congolese'],
  ['COG', 'CG', 'congo', 'republic of the congo', 'congo brazzaville'],
  ['CAF', 'CF', 'central african republic', 'central african'],
  ['GNB', 'GW', 'guinea bissau', 'bissau guinean'],
  ['PRK', 'KP', 'democratic peoples republic of korea', 'north korea', 'dprk', 'north korean'],
  ['KOR', 'KR', 'republic of korea', 'south korea', 'korea', 'south korean', 'korean'],
  ['IDN', 'ID', 'indonesia', 'indonesian'],
  ['MYS', 'MY', 'malaysia', 'malaysian'],
  ['PHL', 'PH', 'philippines', 'filipino', 'philippine'],
  ['THA', 'TH', 'thailand', 'thai'],
  ['MMR', 'MM', 'myanmar', 'burma', 'burmese'],
  ['RUS', 'RU', 'russian federation', 'russia', 'russian'],
  ['UZB', 'UZ', 'uzbekistan', 'uzbek'],
  ['TJK', 'TJ', 'tajikistan', 'tajik'],
  ['TKM', 'TM', 'turkmenistan', 'turkmen'],
  ['KGZ', 'KG', 'kyrgyzstan', 'kyrgyz'],
  ['KAZ', 'KZ', 'kazakhstan', 'kazakh'],
  ['AZE', 'AZ', 'azerbaijan', 'azerbaijani'],
  ['GBR', 'GB', 'united kingdom of great britain and northern ireland', 'united kingdom', 'uk', 'great britain', 'british', 'england'],
  ['USA', 'US', 'united states of america', 'united states', 'usa', 'american'],
  ['CAN', 'CA', 'canada', 'canadian'],
  ['DEU', 'DE', 'germany', 'german'],
  ['FRA', 'FR', 'france', 'french'],
  ['BEL', 'BE', 'belgium', 'belgian'],
  ['NLD', 'NL', 'netherlands', 'dutch'],
  ['NOR', 'NO', 'norway', 'norwegian'],
  ['SWE', 'SE', 'sweden', 'swedish'],
  ['DNK', 'DK', 'denmark', 'danish'],
  ['ITA', 'IT', 'italy', 'italian'],
  ['ESP', 'ES', 'spain', 'spanish'],
  ['GRC', 'GR', 'greece', 'greek'],
  ['AUS', 'AU', 'australia', 'australian'],
  ['TTO', 'TT', 'trinidad and tobago', 'trinidadian'],
  ['BIH', 'BA', 'bosnia and herzegovina', 'bosnian'],
  ['MDV', 'MV', 'maldives', 'maldivian'],
];

const LOOKUP = new Map<string, string>();
for (const row of COUNTRIES) {
  const iso3 = row[0] ?? '';
  for (const v of row) LOOKUP.set(v.toLowerCase(), iso3);
}

function simplify(raw: string): string {
  return raw.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’]/g, '')
    .replace(/\(.*?\)/g, ' ').replace(/[^a-z]+/g, ' ').replace(/^the /, '').trim();
}

/** Map a free-text nationality, demonym or ISO alpha-2/alpha-3 code to ISO alpha-3; unknowns return their normalised text. */
export function normalizeNationality(raw: string): string {
  const s = simplify(raw);
  if (!s) return '';
  const direct = LOOKUP.get(s);
  if (direct) return direct;
  // "Bahrain (citizenship revoked …)", "Kuwaiti citizenship withdrawn in 2002": try the leading words
  const words = s.split(' ');
  for (let n = Math.min(words.length, 8); n >= 1; n--) {
    const hit = LOOKUP.get(words.slice(0, n).join(' '));
    if (hit) return hit;
  }
  return s;
}
