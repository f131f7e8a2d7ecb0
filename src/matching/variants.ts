/**
 * The ONE table of name-variation rules used by the matcher: script unification and
 * Urdu/Arabic → Latin transliteration, Latin spelling-variant rules that build the
 * consonant-skeleton key, canonical spellings, honorifics, relation markers and the
 * particles of compound names. Everything here is general linguistic knowledge about
 * South-Asian / Arabic names; nothing is derived from any watchlist.
 */

/** Arabic code points that Urdu writes with a different letter (or a plain alef). */
export const SCRIPT_UNIFY: Readonly<Record<string, string>> = {
  'ي': 'ی', // Arabic yeh → Farsi/Urdu yeh
  'ى': 'ی', // alef maqsura
  'ئ': 'ی',
  'ك': 'ک', // Arabic kaf → keheh
  'ه': 'ہ', // Arabic heh → heh goal (ھ do-chashmi stays: aspiration)
  'ۀ': 'ہ',
  'ة': 'ہ', // ta marbuta
  'ۃ': 'ہ',
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ؤ': 'و',
};

/** Arabic harakat, superscript alef, tatweel, ZWNJ/ZWJ and other marks dropped before matching. */
export const ARABIC_MARKS = /[\u0610-\u061A]|[\u064B-\u065F]|[\u06D6-\u06ED]|\u0640|\u0670|\u200C|\u200D|\u200E|\u200F/g;

/**
 * Urdu letter → Latin consonant (after SCRIPT_UNIFY). Short vowels are unwritten, so the
 * transliteration is consonant-heavy; the skeleton key makes it meet Latin spellings.
 * Letters with positional values (ع و ی) are handled by URDU_POSITIONAL.
 */
export const URDU_TO_LATIN: Readonly<Record<string, string>> = {
  'ا': 'a', 'ب': 'b', 'پ': 'p', 'ت': 't', 'ٹ': 't', 'ث': 's', 'ج': 'j', 'چ': 'ch',
  'ح': 'h', 'خ': 'kh', 'د': 'd', 'ڈ': 'd', 'ذ': 'z', 'ر': 'r', 'ڑ': 'r', 'ز': 'z',
  'ژ': 'zh', 'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'z', 'ط': 't', 'ظ': 'z', 'غ': 'gh',
  'ف': 'f', 'ق': 'q', 'ک': 'k', 'گ': 'g', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ں': 'n',
  'ہ': 'h', 'ھ': 'h', 'ے': 'e', 'ۓ': 'e', 'ء': '',
};

/** Letters whose Latin value depends on the position in the word: [initial, elsewhere]. */
export const URDU_POSITIONAL: Readonly<Record<string, readonly [string, string]>> = {
  'ع': ['a', ''], // ain: a vowel carrier at the start, silent inside
  'و': ['w', 'u'], // waw: consonant at the start, usually a long vowel inside
  'ی': ['y', 'i'], // yeh: consonant at the start, usually a long vowel inside
};

/** Eastern Arabic (U+0660) and Extended/Urdu (U+06F0) digits → ASCII. */
export function unifyDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.codePointAt(0) ?? 0) & 0xf));
}

/**
 * Latin spelling-variant rules, applied in order to a lower-case a–z token: each pair is a class
 * of transliteration variants merged into one spelling. The vowel-class shape (similarity.ts
 * shapeOf) is built on them; the consonant skeleton adds SKELETON_RULES, then drops vowels and
 * collapses doubled letters.
 */
export const SPELLING_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/ph/g, 'f'], // Mustapha / Mustafa
  [/kh/g, 'k'], // Khalid / Kalid (خ)
  [/gh/g, 'g'], // Ghulam / Gulam (غ)
  [/(sh|ch)/g, 'x'], // Shaikh / Chaikh, Chaudhry (ش چ)
  [/dh/g, 'z'], // Dhakir / Zakir (ذ ض)
  [/zh/g, 'z'],
  [/th/g, 's'], // Uthman / Usman (ث)
  [/ck/g, 'k'],
  [/q/g, 'k'], // Qureshi / Kureshi (ق)
  [/c(?=[eiy])/g, 's'], // Hocine / Hassine
  [/c/g, 'k'], // Carim / Karim
  [/v/g, 'w'], // Pervez / Perwez
  [/(?<=.)h$/g, ''], // final h is silent (Fatimah / Fatima, Abdullah / Abdulla)
];

/** Skeleton-only rules, after SPELLING_RULES: vowels carry no consonant. */
export const SKELETON_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  ...SPELLING_RULES,
  [/^([aeiou])/g, ''], // a leading vowel carries no consonant (Usman / Osman / عثمان)
  [/(?<=.)[yw]/g, 'a'], // medial/final y, w are vowels in Urdu spelling (Zaydi / Zaidi, Dawood / Daud)
];

/** Canonical spellings: every key maps to one written form used for "exact" matches. */
export const CANONICAL: Readonly<Record<string, string>> = {
  // Muhammad and its abbreviations
  mohammad: 'muhammad', mohammed: 'muhammad', muhammed: 'muhammad', mohamed: 'muhammad',
  mohamad: 'muhammad', muhamad: 'muhammad', muhamed: 'muhammad', mohammod: 'muhammad',
  mohd: 'muhammad', md: 'muhammad', mhd: 'muhammad', muhd: 'muhammad', mohamm: 'muhammad',
  // Chaudhry
  ch: 'chaudhry', chaudhary: 'chaudhry', chaudhri: 'chaudhry', choudhry: 'chaudhry',
  choudhary: 'chaudhry', chaudry: 'chaudhry', chowdhury: 'chaudhry', chowdhry: 'chaudhry',
  chaudhari: 'chaudhry', choudhury: 'chaudhry',
  // other honorifics
  sayyid: 'syed', sayed: 'syed', sayyed: 'syed', saiyid: 'syed', saiyed: 'syed', sayid: 'syed', seyed: 'syed',
  shaikh: 'sheikh', sheik: 'sheikh', shaykh: 'sheikh', shaik: 'sheikh', shekh: 'sheikh', sk: 'sheikh',
  khwaja: 'khawaja', khawja: 'khawaja', khwaje: 'khawaja', khoja: 'khawaja', khwajah: 'khawaja',
  moulana: 'maulana', mawlana: 'maulana', molana: 'maulana', mowlana: 'maulana',
  hafez: 'hafiz', hajji: 'haji', alhaj: 'haji', alhaji: 'haji', hadji: 'haji',
  qadi: 'qazi', kazi: 'qazi', qadhi: 'qazi', peer: 'pir', miyan: 'mian', miyyan: 'mian',
  mulla: 'mullah', molla: 'mullah', maulvi: 'molvi', moulvi: 'molvi', mawlawi: 'molvi', mawlavi: 'molvi',
  // connectors
  abou: 'abu', abo: 'abu', ben: 'bin', ibn: 'bin', bn: 'bin', ebn: 'bin',
  // women's markers
  begam: 'begum', baigum: 'begum', khatun: 'khatoon', mussammat: 'mst', musammat: 'mst',
  mosammat: 'mst', mst: 'mst', mrs: 'mst',
};

/** Honorifics that are also name parts: kept, but weighted down. */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'syed', 'sheikh', 'chaudhry', 'malik', 'mian', 'rana', 'raja', 'khawaja', 'mirza', 'haji',
  'hafiz', 'maulana', 'qazi', 'sardar', 'pir', 'mullah', 'molvi', 'sahib', 'sahibzada', 'nawab',
  'makhdoom', 'allama', 'mufti', 'qari', 'sufi',
]);

/** Women's markers: kept, weighted down strongly, and imply sex F for the query. */
export const FEMALE_MARKERS: ReadonlySet<string> = new Set(['bibi', 'begum', 'khatoon', 'mai', 'mst', 'bano', 'bint']);

/** Parts that say the bearer is a man: "Abu" (father of), "bin"/"ibn"/"ould"/"walad" (son of). */
export const MALE_MARKERS: ReadonlySet<string> = new Set(['abu', 'bin', 'ould', 'walad']);

/** Connectors inside Arabic names (son of, father of): kept, weighted down. */
export const CONNECTORS: ReadonlySet<string> = new Set(['bin', 'bint', 'abu', 'ould', 'walad', 'umm', 'um']);

/** Courtesy titles that carry no identity and are dropped. */
export const TITLES: ReadonlySet<string> = new Set(['mr', 'ms', 'miss', 'dr', 'doctor', 'prof', 'engr', 'eng', 'sir', 'fnu', 'mnu', 'lnu']);

/** Weight multipliers per kind of name part. */
export const KIND_WEIGHT = { name: 1, honorific: 0.3, female: 0.15, connector: 0.2, initial: 0.35 } as const;

/**
 * Relation markers (Latin and Urdu). The text after a marker up to the next marker goes to
 * the given relation field: s/o, d/o → father; w/o → husband; r/o → residence.
 */
export const RELATION_MARKERS: ReadonlyArray<readonly [RegExp, 'father' | 'husband' | 'residence']> = [
  [/(?:^|[\s,(])(?:s|d)\s*[/\\.]\s*o\b\.?|\b(?:son|daughter)\s+of\b|(?:^|\s)(?:ولد|بنت|دختر)(?=\s)/iu, 'father'],
  [/(?:^|[\s,(])w\s*[/\\.]\s*o\b\.?|\bwife\s+of\b|(?:^|\s)(?:زوجہ)(?=\s)/iu, 'husband'],
  [/(?:^|[\s,(])r\s*[/\\.]\s*o\b\.?|\bresident\s+of\b|(?:^|\s)(?:سکنہ)(?=\s)/iu, 'residence'],
];

/** Particles of compound names written between parts: Zia-ud-Din, Saif-ul-Islam, Atiq-ur-Rehman. */
export const URDU_PARTICLES: ReadonlySet<string> = new Set(['ul', 'ud', 'ur', 'us', 'un', 'uz', 'ut', 'ush']);

/** Arabic article forms: joined into a compound before a SECOND_ELEMENT, otherwise dropped. */
export const ARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'ad', 'ed', 'ar', 'er', 'as', 'es', 'az', 'ez', 'an', 'at', 'ash', 'ech', 'l']);

/** Second elements of theophoric compounds (…-ud-Din, …-ullah, …-ur-Rehman). */
export const SECOND_ELEMENTS: ReadonlySet<string> = new Set([
  'din', 'deen', 'dien', 'islam', 'haq', 'huq', 'haque', 'hak', 'rahman', 'rehman', 'rahim', 'raheem',
  'allah', 'ullah', 'llah', 'zaman', 'nisa', 'nissa', 'nisaa', 'karim', 'kareem', 'aziz', 'nabi',
  'rasool', 'rasul', 'amin', 'ameen', 'hasan', 'hassan', 'hussain', 'husain', 'mulk', 'saba',
]);

/** A separate token that is a particle glued to a second element: "Uddin", "Ullah", "Urrehman". */
export const GLUED_SECOND = /^(?:[uae](?:l|d|r|s|n|z|t|sh)-?)(?:din|deen|dien|islam|haq|huq|haque|rahman|rehman|rahim|lah|llah|zaman|nisa|nissa|karim|kareem|aziz)$/;

/** "Abd" and its joined forms that start a compound with the next part (Abdul Rahman). */
export const ABD_PREFIX = /^abd(?:[aeiou](?:l|r|s|n|z|d|t|sh)?)?$/;
