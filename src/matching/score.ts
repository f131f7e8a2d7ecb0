import { KIND_WEIGHT } from './variants';
import { nameParts, phoneticOf, skeletonOf, spellingShape, type NamePart } from './normalize';
import { jaroWinkler, shapeSimilarity } from './similarity';
import { normalizeNationality } from './nationality';

export type MatchHow = 'exact' | 'variant' | 'phonetic' | 'fuzzy' | 'initial';

/** How one query name part was aligned with one candidate name part. */
export interface PartMatch {
  query: string;
  candidate: string;
  how: MatchHow;
  similarity: number;
  /** Rarity weight of the query part (IDF × kind multiplier). */
  weight: number;
}

export type AttributeName = 'dob' | 'sex' | 'nationality' | 'cnic' | 'passport' | 'fatherName';

/** Agreement or conflict of one attribute and its effect on the score. */
export interface AttributeCheck {
  attribute: AttributeName;
  outcome: 'agree' | 'partial' | 'conflict';
  detail: string;
  effect: number;
}

/** Why a candidate scored what it did. */
export interface Explanation {
  /** The candidate's name (primary or alias) that matched best. */
  matchedName: string;
  nameScore: number;
  parts: PartMatch[];
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
  attributes: AttributeCheck[];
  /** Identifying evidence in nats: rarity of the matched parts plus attribute agreement. */
  evidence: number;
  /** 0..1: how far the evidence exceeds what the index size needs to single out one person. */
  specificity: number;
}

/** Rarity of a name part: larger for rare parts ("Tareen") than for common ones ("Muhammad"). */
export type RarityFn = (part: NamePart) => number;

const UNIFORM: RarityFn = () => 1;

/** Similarity of two name parts, or undefined when they do not match at all. */
export function compareParts(a: NamePart, b: NamePart): PartSimilarity | undefined {
  // names repeat (a million people share a few thousand parts): remember each pair once
  if (nextCode >= CODE_CAP - 1) forgetPairs();
  const ca = codeOf(a);
  const cb = codeOf(b);
  let h = Math.imul(ca, 0x9e3779b1) ^ Math.imul(cb + 0x7f4a7c15, 0x85ebca77);
  h = (h ^ (h >>> 15)) & (SLOTS - 1);
  if (pairA[h] === ca && pairB[h] === cb) {
    const how = pairHow[h]!;
    return how === 0 ? undefined : { how: HOWS[how - 1]!, similarity: pairSim[h]! };
  }
  const result = compareUncached(a, b);
  pairA[h] = ca;
  pairB[h] = cb;
  pairHow[h] = result ? HOWS.indexOf(result.how) + 1 : 0;
  pairSim[h] = result?.similarity ?? 0;
  return result;
}

type PartSimilarity = { how: MatchHow; similarity: number };

// The pair memo: a direct-mapped cache in typed arrays (a colliding pair replaces the one before).
// Parts are numbered by (script, initial or not, text); the numbers start again, and the cache is
// emptied, when CODE_CAP parts have been seen. A Map of pairs did the same job, but its entries
// lived long enough to be promoted: at 200 checks/s they grew the matcher's old generation until
// a full collection of the whole index (on 2 cores, 0.3 s of marking that starved every thread).
const SLOTS = 1 << 20;
const CODE_CAP = 200_000;
const HOWS: readonly MatchHow[] = ['exact', 'variant', 'phonetic', 'fuzzy', 'initial'];
const pairA = new Int32Array(SLOTS).fill(-1);
const pairB = new Int32Array(SLOTS).fill(-1);
const pairHow = new Uint8Array(SLOTS);
const pairSim = new Float32Array(SLOTS);
const codes = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
let nextCode = 0;

function codeOf(p: NamePart): number {
  const m = codes[(p.script === 'arabic' ? 2 : 0) + (p.kind === 'initial' ? 1 : 0)]!;
  let c = m.get(p.text);
  if (c === undefined) {
    c = nextCode++;
    m.set(p.text, c);
  }
  return c;
}

function forgetPairs(): void {
  for (const m of codes) m.clear();
  nextCode = 0;
  pairA.fill(-1);
  pairB.fill(-1);
}

function compareUncached(a: NamePart, b: NamePart): PartSimilarity | undefined {
  if (a.kind === 'initial' || b.kind === 'initial') {
    if (a.text === b.text) return { how: 'exact', similarity: 1 };
    const [ini, full] = a.kind === 'initial' ? [a, b] : [b, a];
    if (full.kind !== 'initial' && full.script === 'latin' && full.text.startsWith(ini.text)) return { how: 'initial', similarity: 0.75 };
    return undefined;
  }
  if (a.text === b.text) return { how: 'exact', similarity: 1 };
  const latin = a.script === 'latin' && b.script === 'latin';
  if (!latin) {
    if (a.skeleton === b.skeleton) return { how: 'variant', similarity: 0.93 };
    const skelJw = a.skeleton.length >= 3 && b.skeleton.length >= 3 ? jaroWinkler(a.skeleton, b.skeleton) * 0.95 : 0;
    return skelJw >= 0.84 ? { how: 'fuzzy', similarity: round(skelJw * 0.92) } : undefined;
  }
  // one consonant skeleton is a spelling variant only when the vowels fall in the same places
  // ("Yousaf" ~ "Yusuf"), not when they move ("Tariq" / "Turki", "Hamid" / "Ahmed", "Salim" / "Aslam")
  const shape = shapeSimilarity(a.shape, b.shape);
  if (a.skeleton === b.skeleton && shape >= VARIANT_SHAPE) return { how: 'variant', similarity: round(Math.min(0.98, 0.45 + 0.55 * shape)) };
  const jw = jaroWinkler(a.text, b.text);
  if (shape >= PHONETIC_SHAPE && jw >= 0.8 && a.phonetic.some((p) => p.length >= 2 && b.phonetic.includes(p))) {
    return { how: 'phonetic', similarity: round(Math.min(0.9, 0.5 + 0.45 * shape)) };
  }
  // typing slips in a long name ("Tareen" / "Tareem", "Abdurrachman" / "Abdurrahman")
  const s = Math.min(jw, 0.4 + 0.6 * shape);
  if (s >= 0.84) return { how: 'fuzzy', similarity: round(s * 0.92) };
  return undefined;
}

/** Shape similarity (similarity.ts) from which one consonant skeleton counts as a spelling variant, and the floor for a phonetic match. */
export const VARIANT_SHAPE = 0.84;
export const PHONETIC_SHAPE = 0.78;

export interface NameComparison {
  score: number;
  parts: PartMatch[];
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
}

/** Weight of a name part: rarity × kind multiplier (honorifics, markers and initials count less). */
export function partWeight(part: NamePart, rarity: RarityFn): number {
  return rarity(part) * KIND_WEIGHT[part.kind];
}

/**
 * Token-level alignment of two names (order-free, one-to-one, best pairs first). The score
 * blends the weighted share of the query that matched with the weighted share of the candidate.
 */
export function compareNames(query: readonly NamePart[], cand: readonly NamePart[], rarity: RarityFn = UNIFORM): NameComparison {
  const qw = query.map((p) => partWeight(p, rarity));
  const cw = cand.map((p) => partWeight(p, rarity));
  // i2 / j2: the second of two neighbouring parts written as one on the other side
  // ("Matiur Rehman" ~ "Mati-ur-Rehman", "Sok Chol" ~ "Sokchol"); -1 for a single part
  const pairs: Array<{ i: number; i2: number; j: number; j2: number; how: MatchHow; similarity: number; w: number }> = [];
  query.forEach((q, i) => cand.forEach((c, j) => {
    const m = compareParts(q, c);
    // a full part matched by an initial on the other side earns only what the initial says
    if (m) pairs.push({ i, i2: -1, j, j2: -1, ...m, w: m.how === 'initial' ? Math.min(qw[i] ?? 0, cw[j] ?? 0) : (qw[i] ?? 0) });
  }));
  for (const [a, b, aIsQuery] of [[query, cand, true], [cand, query, false]] as const) {
    for (let i = 0; i + 1 < a.length; i++) {
      const x = a[i];
      const y = a[i + 1];
      if (!x || !y || x.kind !== 'name' || y.kind !== 'name' || x.script !== y.script) continue;
      const joined = joinedPart(x, y);
      b.forEach((c, j) => {
        // cheap guard: same first skeleton letter and a similar length
        if (c.kind !== 'name' || c.skeleton[0] !== joined.skeleton[0] || Math.abs(c.text.length - joined.text.length) > 3) return;
        // not memoised: joined parts are made per candidate, and would fill the memo's numbering
        const m = compareUncached(joined, c);
        if (!m || m.how === 'fuzzy') return;
        if (aIsQuery) pairs.push({ i, i2: i + 1, j, j2: -1, ...m, w: (qw[i] ?? 0) + (qw[i + 1] ?? 0) });
        else pairs.push({ i: j, i2: -1, j: i, j2: i + 1, ...m, w: qw[j] ?? 0 });
      });
    }
  }
  pairs.sort((x, y) => y.similarity - x.similarity || y.w - x.w);
  const usedQ = new Uint8Array(query.length);
  const usedC = new Uint8Array(cand.length);
  const parts: PartMatch[] = [];
  let qHit = 0;
  let cHit = 0;
  const text = (ps: readonly NamePart[], k: number, k2: number): string => (k2 < 0 ? (ps[k]?.text ?? '') : `${ps[k]?.text ?? ''} ${ps[k2]?.text ?? ''}`);
  for (const p of pairs) {
    if (usedQ[p.i] || usedC[p.j] || (p.i2 >= 0 && usedQ[p.i2]) || (p.j2 >= 0 && usedC[p.j2])) continue;
    usedQ[p.i] = 1;
    usedC[p.j] = 1;
    if (p.i2 >= 0) usedQ[p.i2] = 1;
    if (p.j2 >= 0) usedC[p.j2] = 1;
    qHit += p.w * p.similarity;
    cHit += ((cw[p.j] ?? 0) + (p.j2 >= 0 ? (cw[p.j2] ?? 0) : 0)) * p.similarity;
    parts.push({ query: text(query, p.i, p.i2), candidate: text(cand, p.j, p.j2), how: p.how, similarity: round(p.similarity), weight: round(p.w) });
  }
  const qTotal = qw.reduce((s, w) => s + w, 0);
  const cTotal = cw.reduce((s, w) => s + w, 0);
  const qCov = qTotal > 0 ? qHit / qTotal : 0;
  const cCov = cTotal > 0 ? cHit / cTotal : 0;
  return {
    score: round(Q_SHARE * qCov + (1 - Q_SHARE) * cCov),
    parts,
    unmatchedQuery: query.filter((_, i) => !usedQ[i]).map((p) => p.text),
    unmatchedCandidate: cand.filter((_, j) => !usedC[j]).map((p) => p.text),
  };
}

/** Two neighbouring name parts written as one ("matiur" + "rehman"). */
function joinedPart(x: NamePart, y: NamePart): NamePart {
  const text = x.text + y.text;
  return { text, skeleton: skeletonOf(text), shape: spellingShape(text), phonetic: x.script === 'latin' ? phoneticOf(text) : [], kind: 'name', script: x.script };
}

/**
 * Share of the name score taken from the query side (the rest from the candidate side). Listed
 * names are longer than the names they are searched by (an alias, a name as told at a counter),
 * so a candidate's parts the query does not mention cost little; the query's own parts count.
 */
export const Q_SHARE = 0.85;

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Attribute values of a query (single values) and of a candidate (lists). */
export interface QueryAttributes {
  dob?: string;
  sex?: 'M' | 'F';
  nationality?: string;
  cnic?: string;
  passport?: string;
  fatherName?: string;
}
export interface CandidateAttributes {
  dob?: readonly string[];
  sex?: 'M' | 'F';
  nationality?: readonly string[];
  cnic?: string;
  passports?: readonly string[];
  fatherName?: string;
}

/**
 * Score effects of attribute evidence (added to the name score). A full date of birth on both
 * sides that differs (even in the same year) speaks against the match: a listed person's full
 * date is copied from documents, so the same person rarely differs by a day.
 */
export const EFFECTS = {
  dobFull: 0.4, dobYear: 0.1, dobSameYear: -0.08, dobNear: -0.04, dobNearFull: -0.1, dobConflict: -0.2,
  sexAgree: 0, sexConflict: -0.3,
  natAgree: 0.03, natConflict: -0.04,
  cnicAgree: 0.4, cnicConflict: -0.25,
  passportAgree: 0.3,
  fatherAgree: 0.06, fatherConflict: -0.08,
} as const;

function checkDob(q: string, cands: readonly string[]): AttributeCheck | undefined {
  if (!/^\d{4}/.test(q) || cands.length === 0) return undefined;
  let best: AttributeCheck | undefined;
  for (const c of cands) {
    if (!/^\d{4}/.test(c)) continue;
    const dy = Math.abs(Number(q.slice(0, 4)) - Number(c.slice(0, 4)));
    const full = q.length >= 10 && c.length >= 10;
    let check: AttributeCheck;
    if (full && q.slice(0, 10) === c.slice(0, 10)) check = { attribute: 'dob', outcome: 'agree', detail: `same date ${c}`, effect: EFFECTS.dobFull };
    else if (dy === 0 && !full) check = { attribute: 'dob', outcome: 'agree', detail: `same year ${c.slice(0, 4)}`, effect: EFFECTS.dobYear };
    else if (dy === 0) check = { attribute: 'dob', outcome: 'partial', detail: `same year, different day (${q} vs ${c})`, effect: EFFECTS.dobSameYear };
    else if (dy <= 2) check = { attribute: 'dob', outcome: 'partial', detail: `${dy} year(s) apart (${q} vs ${c})`, effect: full ? EFFECTS.dobNearFull : EFFECTS.dobNear };
    else check = { attribute: 'dob', outcome: 'conflict', detail: `${q} vs ${c}`, effect: EFFECTS.dobConflict };
    if (!best || check.effect > best.effect) best = check;
  }
  return best;
}

const digits = (s: string): string => s.replace(/\D/g, '');
const docNo = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Compare attribute evidence of a query with a candidate; each check says agree/partial/conflict and its effect. */
export function compareAttributes(q: QueryAttributes, c: CandidateAttributes): AttributeCheck[] {
  const out: AttributeCheck[] = [];
  const dob = q.dob && c.dob ? checkDob(q.dob, c.dob) : undefined;
  if (dob) out.push(dob);
  if (q.sex && c.sex) {
    out.push(q.sex === c.sex
      ? { attribute: 'sex', outcome: 'agree', detail: q.sex, effect: EFFECTS.sexAgree }
      : { attribute: 'sex', outcome: 'conflict', detail: `${q.sex} vs ${c.sex}`, effect: EFFECTS.sexConflict });
  }
  if (q.nationality && c.nationality && c.nationality.length > 0) {
    const qn = normalizeNationality(q.nationality);
    const cn = c.nationality.map(normalizeNationality).filter(Boolean);
    if (qn && cn.length > 0) {
      out.push(cn.includes(qn)
        ? { attribute: 'nationality', outcome: 'agree', detail: qn, effect: EFFECTS.natAgree }
        : { attribute: 'nationality', outcome: 'conflict', detail: `${qn} vs ${cn.join('/')}`, effect: EFFECTS.natConflict });
    }
  }
  if (q.cnic && c.cnic) {
    out.push(digits(q.cnic) === digits(c.cnic)
      ? { attribute: 'cnic', outcome: 'agree', detail: `CNIC ${c.cnic}`, effect: EFFECTS.cnicAgree }
      : { attribute: 'cnic', outcome: 'conflict', detail: `CNIC ${q.cnic} vs ${c.cnic}`, effect: EFFECTS.cnicConflict });
  }
  if (q.passport && c.passports && c.passports.length > 0) {
    const p = docNo(q.passport);
    if (c.passports.some((x) => docNo(x) === p)) out.push({ attribute: 'passport', outcome: 'agree', detail: `passport ${p}`, effect: EFFECTS.passportAgree });
  }
  if (q.fatherName && c.fatherName) {
    const s = compareNames(nameParts(q.fatherName), nameParts(c.fatherName)).score;
    if (s >= 0.85) out.push({ attribute: 'fatherName', outcome: 'agree', detail: `${q.fatherName} ~ ${c.fatherName} (${s})`, effect: EFFECTS.fatherAgree });
    else if (s < 0.5) out.push({ attribute: 'fatherName', outcome: 'conflict', detail: `${q.fatherName} vs ${c.fatherName} (${s})`, effect: EFFECTS.fatherConflict });
  }
  return out;
}

/**
 * The least name score a candidate needs to reach `minScore` when it shares no identifier with
 * the query (those candidates are scored whatever their name), with or without the same full
 * date of birth: the
 * score is (name score × information + effects) × (0.7 + 0.3 × specificity), the effects are at
 * most the date of birth (the same date, or else the same year), nationality and father's name,
 * and the evidence at most the whole
 * query name plus those attributes. Above 1 means no such candidate can reach `minScore`.
 * (Kept next to combineScore: the two must change together; a test holds them to it.)
 */
export function nameScoreNeeded(minScore: number, queryNats: number, information: number, population: number, sameDate = false): number {
  const effects = (sameDate ? EFFECTS.dobFull : EFFECTS.dobYear) + EFFECTS.natAgree + EFFECTS.fatherAgree;
  const evidence = queryNats + (sameDate ? DOB_FULL_EVIDENCE : EVIDENCE.dob.agree) + EVIDENCE.nationality.agree + EVIDENCE.fatherName.agree;
  const factor = 0.7 + 0.3 * specificityOf(evidence, population);
  return information > 0 ? (minScore / factor - effects) / information : Infinity;
}

/** Identifying evidence (nats, like IDF) an attribute outcome adds: a full date of birth ≈ ln(365 × 60). */
export const EVIDENCE: Readonly<Record<AttributeName, Readonly<Record<AttributeCheck['outcome'], number>>>> = {
  dob: { agree: 4, partial: 0, conflict: -6 },
  sex: { agree: 0, partial: 0, conflict: -3 },
  nationality: { agree: 1, partial: 0, conflict: -1 },
  cnic: { agree: 25, partial: 0, conflict: -6 },
  passport: { agree: 20, partial: 0, conflict: 0 },
  fatherName: { agree: 4, partial: 0, conflict: -2 },
};
const DOB_FULL_EVIDENCE = 9.5;

/** Evidence in nats: Σ rarity × similarity of the matched parts, plus attribute evidence. */
export function evidenceOf(parts: readonly PartMatch[], checks: readonly AttributeCheck[]): number {
  let e = parts.reduce((s, p) => s + p.weight * p.similarity, 0);
  for (const c of checks) e += c.attribute === 'dob' && c.effect === EFFECTS.dobFull ? DOB_FULL_EVIDENCE : EVIDENCE[c.attribute][c.outcome];
  return e;
}

/** Specificity 0..1 of evidence against the nats needed to single out one of `population` people. */
export function specificityOf(evidence: number, population: number): number {
  const need = Math.log(population) + SPECIFICITY_MARGIN;
  return 1 / (1 + Math.exp(-(evidence - need) / 2));
}
/** Extra nats beyond ln(population) required for a half-specific match. */
export const SPECIFICITY_MARGIN = 3;

/**
 * Final score 0..1: name score plus attribute effects, scaled by specificity so that an exact
 * match on a common name ("Muhammad Ali") without corroboration stays below the alert level.
 * `information` (0..1, see informationOf) scales the name score down when the query name itself
 * says little ("Abu Muhammad"): then a date of birth decides more than the name.
 */
export function combineScore(nameScore: number, checks: readonly AttributeCheck[], specificity = 1, information = 1): number {
  const base = Math.min(1, Math.max(0, nameScore * information + checks.reduce((s, c) => s + c.effect, 0)));
  return round(base * (0.7 + 0.3 * specificity));
}

/** Nats a query name must carry to count in full: about what a full date of birth carries (ln 20 000). */
export const INFORMATIVE_NAME_NATS = 10;

/** How informative a query name is (0..1): its parts' rarity weights (connectors such as Abu, bin: none) against INFORMATIVE_NAME_NATS. */
export function informationOf(query: readonly NamePart[], rarity: RarityFn): number {
  const nats = query.reduce((s, p) => s + (p.kind === 'connector' ? 0 : partWeight(p, rarity)), 0);
  return Math.min(1, nats / INFORMATIVE_NAME_NATS);
}
