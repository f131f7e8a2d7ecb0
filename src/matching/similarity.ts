/** Jaro-Winkler similarity of two strings (0..1), prefix scale 0.1 over at most 4 characters. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedA = new Uint8Array(la);
  const matchedB = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (matchedB[j] === 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Vowel-class shape of a Latin name part: consonants after the spelling-variant rules, vowel runs
 * reduced to one class each (a; e; i for i/ee/ie; u for o/u/oo/ou; y for the diphthong ai/ei/ay;
 * w for au/aw/ow), doubled consonants collapsed. Two spellings of one name keep the shape up to
 * vowel quality ("Yousaf" yusaf ~ "Yusuf" yusuf); different names with one consonant skeleton do
 * not ("Tariq" tarik vs "Turki" turki, "Hamid" hamid vs "Ahmed" ahmed).
 */
export function shapeOf(consonantRuled: string): string {
  const s = consonantRuled.replace(/([yw])\1+/g, '$1');
  const isV = (c: string | undefined): boolean => c !== undefined && 'aeiou'.includes(c);
  let out = '';
  let run = '';
  const flush = (): void => {
    if (run) out += vowelClass(run);
    run = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (isV(c)) run += c;
    else if ((c === 'y' || c === 'w') && i > 0 && !isV(s[i + 1])) {
      // a glide after a vowel closes a diphthong ("Zaydi", "Shawkat"); after a consonant it is a vowel
      run += run ? c : c === 'y' ? 'i' : 'u';
    } else {
      flush();
      if (out[out.length - 1] !== c) out += c;
    }
  }
  flush();
  return out;
}

function vowelClass(run: string): string {
  if (/^a+$/.test(run)) return 'a';
  if (run === 'e') return 'e';
  if (/^(?:i+|ee|ie|iy|ea)$/.test(run)) return 'i';
  if (/^[ou]+$/.test(run) || run === 'uw') return 'u';
  if (/^(?:ai|ay|ae|ei|ey|aiy|ayy)$/.test(run)) return 'Y';
  if (/^(?:au|aw|ao|ow|ou?w)$/.test(run)) return 'W';
  let out = '';
  for (const c of run) {
    const cls = vowelClass(c === 'y' ? 'i' : c === 'w' ? 'u' : c);
    if (!out.endsWith(cls)) out += cls;
  }
  return out;
}

const VOWEL_SHAPES = 'aeiuYW';
/** Cost of writing one vowel class for another (symmetric); classes not listed cost 0.6. */
const VOWEL_SUB: Readonly<Record<string, number>> = {
  ae: 0.25, ei: 0.25, ai: 0.5, au: 0.45, eu: 0.5, iu: 0.6,
  aY: 0.3, eY: 0.2, iY: 0.3, uY: 0.6, aW: 0.35, uW: 0.3, eW: 0.6, iW: 0.6, YW: 0.6,
};

function subCost(x: string, y: string): number {
  if (x === y) return 0;
  const vx = VOWEL_SHAPES.includes(x);
  const vy = VOWEL_SHAPES.includes(y);
  if (vx && vy) return VOWEL_SUB[x + y] ?? VOWEL_SUB[y + x] ?? 0.6;
  // a glide written as a vowel ("Maryam" / "Mariam", "Uwais" / "Owais")
  if ((x === 'y' && y === 'i') || (x === 'i' && y === 'y') || (x === 'w' && y === 'u') || (x === 'u' && y === 'w')) return 0.3;
  return vx || vy ? 1.2 : 1;
}

/**
 * Similarity (0..1) of two vowel-class shapes by a weighted edit distance: vowel quality costs
 * little (a~e 0.25), an extra or missing vowel 0.5 (0.35 at the end: "Amr" ~ "Amru"), a consonant
 * 1. Written by hand: no maintained library aligns transliterated vowels by class.
 */
export function shapeSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const indel = (ch: string, atEnd: boolean): number => (VOWEL_SHAPES.includes(ch) ? (atEnd ? 0.35 : 0.5) : 1);
  let prev = new Float64Array(lb + 1);
  let cur = new Float64Array(lb + 1);
  for (let j = 1; j <= lb; j++) prev[j] = (prev[j - 1] ?? 0) + indel(b[j - 1] ?? '', j === lb);
  for (let i = 1; i <= la; i++) {
    const ca = a[i - 1] ?? '';
    cur[0] = (prev[0] ?? 0) + indel(ca, i === la);
    for (let j = 1; j <= lb; j++) {
      const cb = b[j - 1] ?? '';
      cur[j] = Math.min(
        (prev[j - 1] ?? 0) + subCost(ca, cb),
        (prev[j] ?? 0) + indel(ca, i === la),
        (cur[j - 1] ?? 0) + indel(cb, j === lb),
      );
    }
    [prev, cur] = [cur, prev];
  }
  return Math.max(0, 1 - (prev[lb] ?? 0) / Math.max(la, lb));
}
