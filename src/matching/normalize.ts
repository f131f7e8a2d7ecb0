import { doubleMetaphone } from 'double-metaphone';
import { shapeOf } from './similarity';
import {
  ABD_PREFIX, ARABIC_MARKS, ARTICLES, CANONICAL, CONNECTORS, FEMALE_MARKERS, GLUED_SECOND, HONORIFICS, MALE_MARKERS,
  RELATION_MARKERS, SCRIPT_UNIFY, SECOND_ELEMENTS, SKELETON_RULES, SPELLING_RULES, TITLES, URDU_PARTICLES, URDU_POSITIONAL,
  URDU_TO_LATIN, unifyDigits,
} from './variants';

export type PartKind = 'name' | 'honorific' | 'female' | 'connector' | 'initial';

/** One normalised name part with its match keys. */
export interface NamePart {
  /** Canonical Latin spelling (lower case a–z). */
  text: string;
  /** Consonant-skeleton key shared by Latin and Urdu/Arabic spellings. */
  skeleton: string;
  /** Vowel-class shape (Latin; see shapeOf): tells "Tariq" from "Turki" where the skeleton cannot. */
  shape: string;
  /** Double Metaphone codes (primary, and secondary when different). */
  phonetic: readonly string[];
  kind: PartKind;
  /** 'arabic' when written in Urdu/Arabic script (no vowels: compare by skeleton). */
  script: 'latin' | 'arabic';
}

export interface ParsedName {
  parts: NamePart[];
  /** Text after s/o, d/o, ولد, بنت, دختر. */
  father?: string;
  /** Text after w/o, زوجہ. */
  husband?: string;
  /** Text after r/o, سکنہ. */
  residence?: string;
  /** A women's marker (Bibi, Begum, Mst., …) was present. */
  female: boolean;
  /** A men's marker (Abu, bin/ibn, s/o …) was present and no women's marker. */
  male?: boolean;
}

const ARABIC_LETTER = /[\u0600-\u06FF]/;
const SEPARATORS = /[\s\-‐-―_,;:/\\()[\]{}"“”«»|+&.·•*!?]+/u;
const APOSTROPHES = /['’‘`ʿʾʼ´]/g;

/** NFKC, Urdu/Arabic letter unification, digit unification, marks and ZWNJ dropped. */
export function normalizeText(raw: string): string {
  let s = unifyDigits(raw.normalize('NFKC')).replace(ARABIC_MARKS, '');
  if (ARABIC_LETTER.test(s)) s = s.replace(/[يىئكهۀةۃأإآٱؤ]/g, (c) => SCRIPT_UNIFY[c] ?? c);
  return s.replace(/\s+/g, ' ').trim();
}

/** Transliterate one Urdu/Arabic-script word to Latin letters (consonant-heavy). */
export function transliterate(word: string): string {
  let out = '';
  let i = 0;
  for (const ch of word) {
    const pos = URDU_POSITIONAL[ch];
    if (pos) out += i === 0 ? pos[0] : pos[1];
    else out += URDU_TO_LATIN[ch] ?? (/[a-z]/i.test(ch) ? ch.toLowerCase() : '');
    i++;
  }
  return out;
}

const skeletonCache = new Map<string, string>();
/** Consonant skeleton: variant rules of SKELETON_RULES, vowels dropped, doubles collapsed. */
export function skeletonOf(latin: string): string {
  const hit = skeletonCache.get(latin);
  if (hit !== undefined) return hit;
  let s = latin;
  for (const [re, rep] of SKELETON_RULES) s = s.replace(re, rep);
  s = s.replace(/[aeiou]/g, '').replace(/(.)\1+/g, '$1');
  if (s === '') s = latin.slice(0, 1); // "Ali" → "l", "Ayaa" → "a"
  if (skeletonCache.size > 200_000) skeletonCache.clear();
  skeletonCache.set(latin, s);
  return s;
}

const shapeCache = new Map<string, string>();
/** Vowel-class shape of a Latin word after the spelling rules (similarity.ts shapeOf). */
export function spellingShape(latin: string): string {
  const hit = shapeCache.get(latin);
  if (hit !== undefined) return hit;
  let s = latin;
  for (const [re, rep] of SPELLING_RULES) s = s.replace(re, rep);
  s = shapeOf(s);
  if (shapeCache.size > 200_000) shapeCache.clear();
  shapeCache.set(latin, s);
  return s;
}

const phoneticCache = new Map<string, readonly string[]>();
/** Double Metaphone codes of a Latin word (one or two distinct codes). */
export function phoneticOf(latin: string): readonly string[] {
  const hit = phoneticCache.get(latin);
  if (hit !== undefined) return hit;
  const [a, b] = doubleMetaphone(latin);
  const codes = a === b || b === '' ? [a] : [a, b];
  if (phoneticCache.size > 200_000) phoneticCache.clear();
  phoneticCache.set(latin, codes);
  return codes;
}

interface RawToken { text: string; script: 'latin' | 'arabic' }

function cleanToken(tok: string): RawToken | undefined {
  if (ARABIC_LETTER.test(tok)) {
    const text = transliterate(tok);
    return text ? { text, script: 'arabic' } : undefined;
  }
  const text = tok.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(APOSTROPHES, '')
    .replace(/ß/g, 'ss').replace(/[æ]/g, 'ae').replace(/[øœ]/g, 'o').replace(/ł/g, 'l').replace(/[^a-z]/g, '');
  if (!text || TITLES.has(text)) return undefined;
  return { text: CANONICAL[text] ?? text, script: 'latin' };
}

/** Abd-compounds to one form: Abdul Rahman = Abdur Rahman = Abd al-Rahman = Abdelrahman → "abdrahman". */
function normalizeAbd(t: string): string {
  let rest = t.slice(3).replace(/^[aeiou]/, '');
  if (rest.length < 3) return t;
  if (rest[0] === rest[1]) rest = rest.slice(1);
  else if (rest[0] === 'l' && rest.length >= 4 && (!/[aeiou]/.test(rest[1] ?? '') || rest.length > 4)) rest = rest.slice(1);
  return 'abd' + rest;
}

/** Drop a glued article: Alzaydi → zaydi, Elkhairy → khairy (not Altaf, not Allah). */
function stripArticle(t: string, script: 'latin' | 'arabic'): string {
  const m = /^(?:al|el)([^aeiouyl].*)$/.exec(t);
  const rest = m?.[1];
  return rest !== undefined && rest.length >= (script === 'arabic' ? 3 : 4) ? rest : t;
}

/** Join compound parts: Zia-ud-Din / Zia Uddin → ziauddin; Rehmat Ullah → rehmatullah; Abdul Rahman → abdrahman. */
function joinCompounds(toks: RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!t) continue;
    const next = toks[i + 1];
    const prev = out[out.length - 1];
    if (ABD_PREFIX.test(t.text) && next) {
      let joined = t.text;
      let j = i + 1;
      const n1 = toks[j];
      if (n1 && (ARTICLES.has(n1.text) || URDU_PARTICLES.has(n1.text)) && toks[j + 1]) { joined += n1.text; j++; }
      joined += toks[j]?.text ?? '';
      out.push({ text: joined, script: t.script });
      i = j;
    } else if (URDU_PARTICLES.has(t.text) && prev && next) {
      prev.text += t.text + next.text;
      i++;
    } else if (ARTICLES.has(t.text)) {
      if (prev && next && SECOND_ELEMENTS.has(next.text)) { prev.text += t.text + next.text; i++; }
      // otherwise the article is dropped; the next part stands on its own
    } else if (prev && (GLUED_SECOND.test(t.text) || ((t.text === 'allah' || t.text === 'ullah') && prev.text !== 'muhammad'))) {
      prev.text += t.text;
    } else {
      out.push({ ...t });
    }
  }
  return out;
}

function kindOf(t: RawToken): PartKind {
  if (t.script === 'latin' && t.text.length === 1) return 'initial';
  if (HONORIFICS.has(t.text)) return 'honorific';
  if (FEMALE_MARKERS.has(t.text)) return 'female';
  if (CONNECTORS.has(t.text)) return 'connector';
  return 'name';
}

/** Normalise one name (no relation splitting) into parts with keys. */
export function nameParts(raw: string): NamePart[] {
  const toks: RawToken[] = [];
  for (const piece of normalizeText(raw).split(SEPARATORS)) {
    const t = piece ? cleanToken(piece) : undefined;
    if (t) toks.push(t);
  }
  return joinCompounds(toks).map((t) => {
    let text = t.text;
    if (text.startsWith('abd') && text.length > 5) text = normalizeAbd(text);
    text = stripArticle(text, t.script);
    text = CANONICAL[text] ?? text;
    const tok = { text, script: t.script };
    return { text, skeleton: skeletonOf(text), shape: spellingShape(text), phonetic: phoneticOf(text), kind: kindOf(tok), script: t.script };
  });
}

/** Parse a name as written on a record: split off s/o, d/o, w/o, r/o relations, then normalise. */
export function parseName(raw: string): ParsedName {
  const text = normalizeText(raw);
  const cuts: Array<{ at: number; end: number; field: 'father' | 'husband' | 'residence' }> = [];
  for (const [re, field] of RELATION_MARKERS) {
    const m = re.exec(text);
    if (m) cuts.push({ at: m.index, end: m.index + m[0].length, field });
  }
  cuts.sort((a, b) => a.at - b.at);
  const first = cuts[0];
  const result: ParsedName = { parts: nameParts(first ? text.slice(0, first.at) : text), female: false };
  cuts.forEach((c, k) => {
    const value = text.slice(c.end, cuts[k + 1]?.at ?? text.length).replace(/^[\s,.:]+|[\s,.:]+$/g, '');
    if (value && result[c.field] === undefined) result[c.field] = value;
  });
  result.female = result.parts.some((p) => p.kind === 'female') || /(?:^|[\s,(])[dw]\s*[/\\.]\s*o\b|(?:^|\s)(?:بنت|دختر|زوجہ)(?=\s)/iu.test(text);
  result.male = !result.female && (result.parts.some((p) => MALE_MARKERS.has(p.text)) || /(?:^|[\s,(])s\s*[/\\.]\s*o\b|\bson\s+of\b|(?:^|\s)ولد(?=\s)/iu.test(text));
  return result;
}
