import { parseName, skeletonOf, spellingShape, type NamePart } from './normalize';
import { EFFECTS, Q_SHARE, combineScore, nameScoreNeeded, compareAttributes, compareNames, compareParts, evidenceOf, informationOf, partWeight, specificityOf, type RarityFn, type CandidateAttributes, type Explanation, type NameComparison, type QueryAttributes } from './score';
import { jaroWinkler } from './similarity';

/**
 * Score at or above which a counter raises an alert. Chosen from the benchmark
 * (`npm run bench:matching`): the smallest round value at which at most 1 clean, unlisted
 * traveller in 100 (name + date of birth + sex) raises an alert against one million entries,
 * with a margin (the run of 2026-12-01: 0.85 → 1.46 %, 0.88 → 0.86 %, 0.9 → 0.50 %). A full
 * date of birth now counts for more (+0.4: it singles out one person in ~20 000), so the
 * threshold moved up from 0.85.
 */
export const ALERT_THRESHOLD = 0.9;

/** A watchlist or registry entry: primary name first, then aliases, in any script. */
export interface WatchlistEntry {
  id: string;
  names: string[];
  dob?: string[];
  nationality?: string[];
  sex?: 'M' | 'F';
  cnic?: string;
  passports?: string[];
  fatherName?: string;
}

/** A person to screen: one name (may carry "s/o …"), single attribute values. */
export interface MatchQuery extends QueryAttributes {
  name: string;
}

export interface SearchOptions {
  /** Number of hits to return (default 10). */
  top?: number;
  /** Drop hits below this score (default 0). */
  minScore?: number;
  /** Names scored in full after blocking (default 120); entries sharing identifiers or the full date of birth come on top. */
  candidates?: number;
}

export interface Hit {
  id: string;
  score: number;
  alert: boolean;
  explanation: Explanation;
}

/** Growable Int32Array. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

function grow<T extends Int32Array | Float32Array | Uint8Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const next = make(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/** Assumed population behind any index: the rarity of a part is judged as if among at least this many names. */
export const PRIOR_POPULATION = 100_000;

/**
 * Share of a query part's weight a name earns in the first pass when two of its neighbouring
 * parts are written as that one part ("Abdul Rahman" for "Abdulrahman"; see plan()).
 */
const F_JOINED = 0.95;
/** Posting lists longer than this are walked only to re-rank names already found through rarer keys. */
const BIG_LIST = 20_000;
/** Parts whose own skeleton is in more names than this get no prefix or one-edit neighbour expansion. */
const NEIGHBOUR_MAX_DF = 20_000;
/** Prefix and one-edit neighbour keys are followed only when their posting list is at most this long. */
const NEIGHBOUR_LIST_MAX = 5_000;
/** First-pass evidence (nats) of a date of birth: the same full date; the same year when one side gives only the year (two full dates in the same year but on different days: none). */
const FP_DOB_FULL = 9;
const FP_DOB_YEAR = 3;
const FP_DOB_SAME_YEAR = 0;
/** At most this many entries sharing the query's full date of birth are scored whatever their name. */
const DOB_BLOCK_MAX = 2_000;

function deletes(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/** A date of birth as an integer: YYYYMMDD, or YYYY0000 for a year only; 0 when unreadable. */
function dobInt(d: string): number {
  return /^\d{4}(-\d{2}-\d{2})?$/.test(d) ? Number(d.replace(/-/g, '').padEnd(8, '0')) : 0;
}

/** Keys of two neighbouring name parts written as one ("abdul"+"rahman", "sok"+"chol"). */
function joinable(a: NamePart | undefined, b: NamePart | undefined): boolean {
  return !!a && !!b && a.kind === 'name' && b.kind === 'name' && a.script === b.script;
}

/**
 * In-memory candidate index over name parts. Entries get integer slots; each name is a run of
 * part ids in one pooled Int32Array; posting lists (key → name ids) are growable Int32Arrays.
 * Removal marks names dead (posting lists are filtered at query time); update = remove + add.
 */
export class MatchIndex {
  // entries
  private ids: string[] = [];
  private slotOf = new Map<string, number>();
  private sex = new Uint8Array(1024);
  private dob1 = new Int32Array(1024);
  /** 1 when the entry has more dates of birth than the first (in `extra`). */
  private moreDob = new Uint8Array(1024);
  private nat1 = new Uint16Array(1024);
  private natCodes: string[] = [''];
  private natId = new Map<string, number>();
  private extra = new Map<number, CandidateAttributes>();
  private byIdentifier = new Map<string, number[]>();
  /** Full date of birth (YYYYMMDD) → slots; year → slot × 2 + (1 when that entry gives only the year). */
  private byDate = new Map<number, IntList>();
  private firstName = new Int32Array(1024);
  private nameCount = new Uint8Array(1024);
  // names
  private nameEntry = new Int32Array(1024);
  private nameStart = new Int32Array(1024);
  private nameLen = new Uint8Array(1024);
  private nameAlive = new Uint8Array(1024);
  private nameTotal = 0;
  private liveNames = 0;
  private liveEntries = 0;
  private partPool = new IntList(4096);
  // vocabulary of parts and keys
  private partId = new Map<string, number>();
  private parts: NamePart[] = [];
  private partKeys: number[][] = [];
  /** Key → the vocabulary parts that have it (part-level keys only, not joined neighbours). */
  private keyParts: IntList[] = [];
  private partW = new Float32Array(1024);
  private keyId = new Map<string, number>();
  private postings: IntList[] = [];
  private keyDf: number[] = [];
  private neighbours = new Map<string, number[]>();
  private rawNames: string[] = [];
  // query scratch
  /** Per name: [stamp of the plan that last reached it (Int32), first-pass score (Float32)], interleaved so one cache line serves both. */
  private scratch = new ArrayBuffer(8 * 1024);
  private acc = new Float32Array(this.scratch);
  private seen = new Int32Array(this.scratch);
  private touched = new Int32Array(1024);
  private sel = new Float32Array(1024);
  private stamp = 0;

  /** Number of live entries. */
  get size(): number {
    return this.liveEntries;
  }

  private key(k: string, skeleton?: string): number {
    let id = this.keyId.get(k);
    if (id === undefined) {
      id = this.postings.length;
      this.keyId.set(k, id);
      this.postings.push(new IntList(2));
      this.keyDf.push(0);
      if (skeleton !== undefined && skeleton.length >= 3) {
        for (const d of deletes(skeleton).concat(skeleton)) {
          const list = this.neighbours.get(d);
          if (list) list.push(id);
          else this.neighbours.set(d, [id]);
        }
      }
    }
    return id;
  }

  private part(p: NamePart): number {
    const k = partKey(p);
    let id = this.partId.get(k);
    if (id === undefined) {
      id = this.parts.length;
      this.partId.set(k, id);
      this.parts.push(p);
      const keys = [this.key(`T${k}`), this.key(`S${p.skeleton}`, p.skeleton)];
      if (p.kind !== 'initial' && p.skeleton.length >= 3) keys.push(this.key(`F${p.skeleton.slice(0, 3)}`));
      if (p.script === 'latin' && p.kind !== 'initial') for (const code of p.phonetic) if (code.length >= 2) keys.push(this.key(`P${code}`));
      this.partKeys.push(keys);
      for (const k of keys) {
        while (this.keyParts.length <= k) this.keyParts.push(new IntList(1));
        this.keyParts[k]?.push(id);
      }
    }
    return id;
  }

  /** Add an entry (replaces an entry with the same id). */
  add(entry: WatchlistEntry): void {
    if (this.slotOf.has(entry.id)) this.remove(entry.id);
    const slot = this.ids.length;
    this.ids.push(entry.id);
    this.slotOf.set(entry.id, slot);
    this.firstName = grow(this.firstName, slot + 1, (n) => new Int32Array(n));
    this.nameCount = grow(this.nameCount, slot + 1, (n) => new Uint8Array(n));
    this.storeAttributes(slot, entry);
    const names = entry.names;
    this.firstName[slot] = this.nameTotal;
    let count = 0;
    for (const raw of names.slice(0, 255)) {
      const parsed = parseName(raw).parts.slice(0, 255);
      if (parsed.length === 0) continue;
      const n = this.nameTotal++;
      this.ensureNames(n + 1);
      this.nameEntry[n] = slot;
      this.nameStart[n] = this.partPool.length;
      this.nameLen[n] = parsed.length;
      this.nameAlive[n] = 1;
      this.rawNames.push(raw);
      // every key counts the names that have it; only spellings and joined pairs keep posting lists
      const keysDone = new Set<number>();
      const post = (k: number, walked: boolean): void => {
        if (keysDone.has(k)) return;
        keysDone.add(k);
        if (walked) this.postings[k]?.push(n);
        this.keyDf[k] = (this.keyDf[k] ?? 0) + 1;
      };
      parsed.forEach((p, i) => {
        const pid = this.part(p);
        this.partPool.push(pid);
        (this.partKeys[pid] ?? []).forEach((k, ki) => post(k, ki === 0));
        const next = parsed[i + 1];
        if (next && joinable(p, next)) post(this.joinedKey(p, next), true);
      });
      count++;
      this.liveNames++;
    }
    this.nameCount[slot] = count;
    this.liveEntries++;
  }

  private joinedKey(a: NamePart, b: NamePart): number {
    return this.key(`J${skeletonOf(a.text + b.text)}`);
  }

  /** Remove an entry by id; returns whether it was present. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.extra.delete(slot);
    this.sex[slot] = 0;
    this.dob1[slot] = 0;
    this.moreDob[slot] = 0;
    this.nat1[slot] = 0;
    const first = this.firstName[slot] ?? 0;
    for (let n = first; n < first + (this.nameCount[slot] ?? 0); n++) {
      this.nameAlive[n] = 0;
      this.liveNames--;
      const seen = new Set<number>();
      const pids = this.namePartIds(n);
      const drop = (k: number): void => {
        if (seen.has(k)) return;
        seen.add(k);
        this.keyDf[k] = (this.keyDf[k] ?? 1) - 1;
      };
      pids.forEach((pid, i) => {
        for (const k of this.partKeys[pid] ?? []) drop(k);
        const a = this.parts[pid];
        const b = this.parts[pids[i + 1] ?? -1];
        if (a && b && i + 1 < pids.length && joinable(a, b)) drop(this.joinedKey(a, b));
      });
      this.rawNames[n] = '';
    }
    this.liveEntries--;
    return true;
  }

  /** Replace an entry (same as add with an existing id). */
  update(entry: WatchlistEntry): void {
    this.add(entry);
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Packed attributes: sex, first dob and first nationality in typed arrays; the rest only when present. */
  private storeAttributes(slot: number, e: WatchlistEntry): void {
    this.sex = grow(this.sex, slot + 1, (n) => new Uint8Array(n));
    this.dob1 = grow(this.dob1, slot + 1, (n) => new Int32Array(n));
    this.moreDob = grow(this.moreDob, slot + 1, (n) => new Uint8Array(n));
    if (this.nat1.length < slot + 1) {
      const next = new Uint16Array(Math.max(slot + 1, this.nat1.length * 2));
      next.set(this.nat1);
      this.nat1 = next;
    }
    this.sex[slot] = e.sex === 'M' ? 1 : e.sex === 'F' ? 2 : 0;
    const dobs = (e.dob ?? []).filter((d) => dobInt(d) > 0);
    const [d0, ...dRest] = dobs;
    this.dob1[slot] = d0 === undefined ? 0 : dobInt(d0);
    for (const d of new Set(dobs.map(dobInt))) if (d % 10_000 !== 0) listAt(this.byDate, d).push(slot);
    const [n0, ...nRest] = e.nationality ?? [];
    let natCode = 0;
    if (n0 !== undefined) {
      natCode = this.natId.get(n0) ?? this.natCodes.length;
      if (natCode === this.natCodes.length && this.natCodes.length < 65535) {
        this.natId.set(n0, natCode);
        this.natCodes.push(n0);
      }
    }
    this.nat1[slot] = natCode;
    const more: CandidateAttributes = {};
    this.moreDob[slot] = dRest.length > 0 ? 1 : 0;
    if (dRest.length > 0) more.dob = dRest;
    if (nRest.length > 0) more.nationality = nRest;
    if (e.cnic) more.cnic = e.cnic;
    if (e.passports && e.passports.length > 0) more.passports = e.passports;
    if (e.fatherName) more.fatherName = e.fatherName;
    if (Object.keys(more).length > 0) this.extra.set(slot, more);
    for (const ident of [e.cnic ? `C${e.cnic.replace(/\D/g, '')}` : '', ...(e.passports ?? []).map((p) => `P${docKey(p)}`)]) {
      if (!ident) continue;
      const list = this.byIdentifier.get(ident);
      if (list) list.push(slot);
      else this.byIdentifier.set(ident, [slot]);
    }
  }

  private attributesOf(slot: number): CandidateAttributes {
    const more = this.extra.get(slot);
    const out: CandidateAttributes = { ...more };
    const d = this.dob1[slot] ?? 0;
    if (d > 0) {
      const s = String(d);
      const first = s.endsWith('0000') ? s.slice(0, 4) : `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
      out.dob = [first, ...(more?.dob ?? [])];
    }
    const sx = this.sex[slot];
    if (sx === 1) out.sex = 'M';
    else if (sx === 2) out.sex = 'F';
    const nat = this.natCodes[this.nat1[slot] ?? 0];
    if (nat) out.nationality = [nat, ...(more?.nationality ?? [])];
    return out;
  }

  private ensureNames(need: number): void {
    this.nameEntry = grow(this.nameEntry, need, (n) => new Int32Array(n));
    this.nameStart = grow(this.nameStart, need, (n) => new Int32Array(n));
    this.nameLen = grow(this.nameLen, need, (n) => new Uint8Array(n));
    this.nameAlive = grow(this.nameAlive, need, (n) => new Uint8Array(n));
  }

  private namePartIds(n: number): Int32Array {
    const s = this.nameStart[n] ?? 0;
    return this.partPool.data.subarray(s, s + (this.nameLen[n] ?? 0));
  }

  private idf(df: number): number {
    return Math.log(1 + this.population() / (1 + df));
  }

  /**
   * Rarity (IDF, nats) of a name part: ln(1 + population / (1 + names containing it or one of
   * its spelling variants)). "Turki" is rare although "Tariq" shares its consonant skeleton;
   * "Yousaf" is as common as all the Yusufs together. The population has a floor
   * (PRIOR_POPULATION) so a small index does not call every part common. Vocabulary parts keep
   * their value until the index grows or shrinks by a twentieth (a rarity then moves by under 0.05 nats).
   */
  rarity: RarityFn = (p: NamePart): number => {
    const live = this.liveNames;
    if (Math.abs(live - this.rarityAt) > Math.max(100, this.rarityAt / 20)) {
      this.rarityMemo.clear();
      this.rarityAt = live;
    }
    const hit = this.rarityMemo.get(p);
    if (hit !== undefined) return hit;
    const r = this.idf(this.variantDf(p));
    if (this.parts[this.partId.get(partKey(p)) ?? -1] === p) this.rarityMemo.set(p, r); // query parts are not kept
    return r;
  };
  private rarityMemo = new Map<NamePart, number>();
  private rarityAt = 0;

  /** Names holding the part or a spelling variant of it (same skeleton, compareParts exact or variant). */
  private variantDf(p: NamePart): number {
    let df = 0;
    const seen = new Set<number>();
    for (const k of [this.keyId.get(`T${partKey(p)}`), this.keyId.get(`S${p.skeleton}`)]) {
      const ps = k === undefined ? undefined : this.keyParts[k];
      if (!ps) continue;
      for (let i = 0; i < ps.length; i++) {
        const pid = ps.data[i] ?? 0;
        if (seen.has(pid)) continue;
        seen.add(pid);
        const part = this.parts[pid];
        const m = part && compareParts(p, part);
        if (m && (m.how === 'exact' || m.how === 'variant')) df += this.keyDf[this.partKeys[pid]?.[0] ?? -1] ?? 0;
      }
    }
    return df;
  }

  /** Rarity for one search: the query's own parts computed once, vocabulary parts from the memo. */
  private queryRarity(qParts: readonly NamePart[]): RarityFn {
    const own = new Map(qParts.map((p) => [p, this.rarity(p)]));
    return (p) => own.get(p) ?? this.rarity(p);
  }

  private population(): number {
    return this.liveNames + PRIOR_POPULATION;
  }

  /** Ranked hits for one query: score, alert flag and explanation. */
  search(query: MatchQuery, options: SearchOptions = {}): Hit[] {
    const top = options.top ?? 10;
    const parsed = parseName(query.name);
    const qParts = parsed.parts;
    const attrs: QueryAttributes = { ...query, fatherName: query.fatherName ?? parsed.father };
    if (!attrs.sex && parsed.female) attrs.sex = 'F';
    else if (!attrs.sex && parsed.male) attrs.sex = 'M';
    const qDob = query.dob ? dobInt(query.dob.slice(0, 10)) || dobInt(query.dob.slice(0, 4)) : 0;
    const rarity = this.queryRarity(qParts);
    // when only strong hits are wanted (screening at the alert level), a name must cover enough
    // of the query to get there: a floor on the first pass, or no name search at all
    const information = informationOf(qParts, rarity);
    const qTotal = qParts.reduce((sum, p) => sum + partWeight(p, rarity), 0);
    const floorFor = (sameDate: boolean): number => {
      if (!options.minScore) return 0;
      const needed = nameScoreNeeded(options.minScore, qTotal, information, this.population(), sameDate);
      return needed > 1 ? Infinity : (Math.max(0, needed - (1 - Q_SHARE)) / Q_SHARE) * qTotal;
    };
    const plans = this.plans(qParts, rarity);
    const floor = floorFor(false);
    const names = floor === Infinity ? [] : this.candidateNames(plans, qDob, options.candidates ?? 120, floor);
    // an identifier hit is always a candidate, whatever the name
    for (const ident of [query.cnic ? `C${query.cnic.replace(/\D/g, '')}` : '', query.passport ? `P${docKey(query.passport)}` : '']) {
      for (const slot of (ident && this.byIdentifier.get(ident)) || []) this.pushNamesOf(slot, names);
    }
    // so is an entry born on the same full date: strong evidence among a million people (at the
    // alert level, only when its name can still get there)
    const sameDate = qDob % 10_000 !== 0 ? this.byDate.get(qDob) : undefined;
    if (sameDate && sameDate.length <= DOB_BLOCK_MAX) {
      const dated: number[] = [];
      for (let i = 0; i < sameDate.length; i++) this.pushNamesOf(sameDate.data[i] ?? 0, dated);
      const sameFloor = floorFor(true);
      if (sameFloor > 0) {
        const cover = this.coverage(plans, dated);
        dated.forEach((n, i) => { if ((cover[i] ?? 0) >= sameFloor - 1e-6) names.push(n); });
      } else names.push(...dated);
    }

    const best = new Map<number, { score: number; n: number; cmp: NameComparison }>();
    for (const n of names) {
      const slot = this.nameEntry[n] ?? 0;
      const cmp = compareNames(qParts, this.partsOf(n), rarity);
      const prev = best.get(slot);
      if (!prev || cmp.score > prev.score) best.set(slot, { score: cmp.score, n, cmp });
    }
    const hits: Array<Hit & { closeness: number }> = [];
    for (const [slot, b] of best) {
      const checks = compareAttributes(attrs, this.attributesOf(slot));
      const identified = checks.some((c) => (c.attribute === 'cnic' || c.attribute === 'passport' || (c.attribute === 'dob' && c.effect === EFFECTS.dobFull)) && c.outcome === 'agree');
      if (b.cmp.parts.length === 0 && !identified) continue;
      const evidence = evidenceOf(b.cmp.parts, checks);
      const specificity = specificityOf(evidence, this.population());
      const score = combineScore(b.cmp.score, checks, specificity, information);
      if (score < (options.minScore ?? 0)) continue;
      hits.push({
        id: this.ids[slot] ?? '',
        score,
        alert: score >= ALERT_THRESHOLD,
        closeness: b.cmp.parts.length === 0 ? closeness(qParts, this.partsOf(b.n)) : 0,
        explanation: {
          matchedName: this.rawNames[b.n] ?? '',
          nameScore: b.cmp.score,
          parts: b.cmp.parts,
          unmatchedQuery: b.cmp.unmatchedQuery,
          unmatchedCandidate: b.cmp.unmatchedCandidate,
          attributes: checks,
          evidence: Math.round(evidence * 100) / 100,
          specificity: Math.round(specificity * 1000) / 1000,
        },
      });
    }
    hits.sort((a, b) => b.score - a.score || b.explanation.nameScore - a.explanation.nameScore || b.closeness - a.closeness);
    return hits.slice(0, top).map(({ closeness: _c, ...h }) => h);
  }

  private pushNamesOf(slot: number, names: number[]): void {
    if (this.slotOf.get(this.ids[slot] ?? '') !== slot) return;
    const first = this.firstName[slot] ?? 0;
    for (let n = first; n < first + (this.nameCount[slot] ?? 0); n++) names.push(n);
  }

  private partsOf(n: number): NamePart[] {
    const out: NamePart[] = [];
    for (const pid of this.namePartIds(n)) {
      const p = this.parts[pid];
      if (p) out.push(p);
    }
    return out;
  }

  /**
   * The vocabulary parts that match one query part (or two neighbouring query parts written as
   * one), found through its keys (spelling, skeleton, Double Metaphone, and for parts rare as
   * written a three-letter prefix and one-edit skeleton neighbours through short lists), each
   * checked with compareParts: the plan walks the exact-spelling posting lists of the parts that
   * really match, each with the query part's weight × the similarity. A part that only shares a
   * key ("Tariq" for "Turki") is never walked.
   */
  private plan(p: NamePart, weight: number, joined: boolean): Plan {
    const keys = new Map<number, number>();
    const tried = new Set<number>();
    const own = this.keyId.get(`S${p.skeleton}`);
    const consider = (k: number | undefined): void => {
      const ps = k === undefined ? undefined : this.keyParts[k];
      if (!ps) return;
      for (let i = 0; i < ps.length; i++) {
        const pid = ps.data[i] ?? 0;
        if (tried.has(pid)) continue;
        tried.add(pid);
        const part = this.parts[pid];
        const m = part && compareParts(p, part);
        if (!m || (joined && m.how === 'fuzzy')) continue;
        const t = this.partKeys[pid]?.[0];
        if (t !== undefined && (this.keyDf[t] ?? 0) > 0) keys.set(t, Math.max(keys.get(t) ?? 0, weight * m.similarity));
      }
    };
    consider(this.keyId.get(`T${partKey(p)}`));
    consider(own);
    if (p.kind !== 'initial') {
      if (p.script === 'latin') for (const c of p.phonetic) if (c.length >= 2) consider(this.keyId.get(`P${c}`));
      // prefix and one-edit neighbours only for parts that are rare as written (common ones have enough exact hits)
      // (and only through short lists: a neighbour that is itself a common name adds noise, not recall)
      if (p.skeleton.length >= 3 && (own === undefined ? 0 : (this.keyDf[own] ?? 0)) < NEIGHBOUR_MAX_DF) {
        const short = (k: number | undefined): number | undefined => (k !== undefined && (this.keyDf[k] ?? 0) <= NEIGHBOUR_LIST_MAX ? k : undefined);
        consider(short(this.keyId.get(`F${p.skeleton.slice(0, 3)}`)));
        for (const d of deletes(p.skeleton).concat(p.skeleton)) for (const k of this.neighbours.get(d) ?? []) if (k !== own) consider(short(k));
      }
    }
    // names with two neighbouring parts written as this one ("Abdul Rahman" for "Abdulrahman")
    const j = this.keyId.get(`J${p.skeleton}`);
    if (j !== undefined && !joined && p.kind === 'name') keys.set(j, Math.max(keys.get(j) ?? 0, weight * F_JOINED));
    const ordered = [...keys].sort((a, b) => b[1] - a[1]);
    return { keys: ordered, size: ordered.reduce((s, [k]) => s + (this.postings[k]?.length ?? 0), 0), joined };
  }

  /**
   * Blocking, first pass: every name reached through a key of a query part earns the rarity of the
   * most specific key it shares with that part (Σ over parts), plus date-of-birth evidence; the best
   * `limit` names go on to full scoring. Long posting lists (Muhammad, Khan, Ali) are walked only to
   * re-rank names found through rarer keys, unless the query has nothing rarer.
   */
  /** The plans of a query: one per part, one per two neighbouring parts that may be written as one. */
  private plans(qParts: readonly NamePart[], rarity: RarityFn): Plan[] {
    const plans = qParts.map((p) => this.plan(p, partWeight(p, rarity), false));
    qParts.forEach((p, i) => {
      const next = qParts[i + 1];
      if (next && joinable(p, next)) {
        const text = p.text + next.text;
        plans.push(this.plan({ ...p, text, skeleton: skeletonOf(text), shape: spellingShape(text) }, partWeight(p, rarity) + partWeight(next, rarity), true));
      }
    });
    return plans;
  }

  /** First-pass score of given names under the plans: Σ over plans of the best weight a part of the name earns. */
  private coverage(plans: readonly Plan[], names: readonly number[]): Float64Array {
    const out = new Float64Array(names.length);
    if (this.partW.length < this.parts.length) this.partW = new Float32Array(Math.max(this.parts.length, this.partW.length * 2));
    const partW = this.partW;
    for (const plan of plans) {
      const marked = this.markParts(plan);
      names.forEach((n, i) => {
        const start = this.nameStart[n] ?? 0;
        let best = 0;
        for (let q = start; q < start + (this.nameLen[n] ?? 0); q++) best = Math.max(best, partW[this.partPool.data[q] ?? 0] ?? 0);
        out[i] = (out[i] ?? 0) + best;
      });
      for (const pid of marked) partW[pid] = 0;
    }
    return out;
  }

  /** Sets partW of every part a plan walks to its weight; returns the parts marked (to clear). */
  private markParts(plan: Plan): number[] {
    const partW = this.partW;
    const marked: number[] = [];
    for (const [k, w] of plan.keys) {
      const ps = this.keyParts[k];
      if (!ps) continue;
      for (let i = 0; i < ps.length; i++) {
        const pid = ps.data[i] ?? 0;
        if ((partW[pid] ?? 0) === 0) marked.push(pid);
        if ((partW[pid] ?? 0) < w) partW[pid] = w;
      }
    }
    return marked;
  }

  private candidateNames(plans: Plan[], qDob: number, limit: number, floor = 0): number[] {
    if (this.acc.length < 2 * this.nameTotal) {
      const n = Math.max(this.nameTotal, this.acc.length);
      this.scratch = new ArrayBuffer(8 * n);
      this.acc = new Float32Array(this.scratch);
      this.seen = new Int32Array(this.scratch);
      this.touched = new Int32Array(n);
    }
    const { acc, seen, touched } = this;
    let nTouched = 0;
    plans = [...plans];
    // MaxScore: the most telling parts first; once no name still unseen could climb above the
    // `limit`-th best with everything left (the remaining parts and a birth year), the rest of
    // the query only re-ranks the names already found
    plans.sort((a, b) => (b.keys[0]?.[1] ?? 0) - (a.keys[0]?.[1] ?? 0) || a.size - b.size);
    const dobPotential = qDob > 0 ? FP_DOB_YEAR : 0;
    let remaining = plans.reduce((sum, p) => sum + (p.keys[0]?.[1] ?? 0), 0);
    let onlyKnown = false;
    for (const plan of plans) {
      const stamp = ++this.stamp;
      remaining -= plan.keys[0]?.[1] ?? 0;
      if (!onlyKnown && nTouched > 0 && plan.size > BIG_LIST) onlyKnown = true;
      if (onlyKnown && !plan.joined && nTouched * 4 < plan.size) {
        // cheaper to look at the names already found than to walk the long posting lists
        if (this.partW.length < this.parts.length) this.partW = new Float32Array(Math.max(this.parts.length, this.partW.length * 2));
        const partW = this.partW;
        const marked = this.markParts(plan);
        for (let t = 0; t < nTouched; t++) {
          const n = touched[t] ?? 0;
          const start = this.nameStart[n] ?? 0;
          const end = start + (this.nameLen[n] ?? 0);
          let best = 0;
          for (let q = start; q < end; q++) best = Math.max(best, partW[this.partPool.data[q] ?? 0] ?? 0);
          acc[2 * n + 1] = (acc[2 * n + 1] ?? 0) + best;
        }
        for (const pid of marked) partW[pid] = 0;
        continue;
      }
      for (const [k, w] of plan.keys) {
        const list = this.postings[k];
        if (!list) continue;
        const data = list.data;
        const len = list.length;
        for (let i = 0; i < len; i++) {
          const n = data[i] ?? 0;
          if (seen[2 * n] === stamp) continue;
          if (seen[2 * n] === 0) {
            if (onlyKnown || this.nameAlive[n] === 0) continue;
            touched[nTouched++] = n;
            acc[2 * n + 1] = 0;
          }
          seen[2 * n] = stamp;
          acc[2 * n + 1] = (acc[2 * n + 1] ?? 0) + w;
        }
      }
      if (!onlyKnown && ((floor > 0 && remaining < floor) || (nTouched > limit && remaining + dobPotential < this.kthAcc(nTouched, limit)))) onlyKnown = true;
    }
    if (floor > 0) {
      // names that cannot reach the wanted score by their name are dropped here (same-date and identifier hits are added by the caller)
      let kept = 0;
      for (let i = 0; i < nTouched; i++) {
        const n = touched[i] ?? 0;
        if ((acc[2 * n + 1] ?? 0) >= floor - 1e-6) touched[kept++] = n;
        else seen[2 * n] = 0;
      }
      nTouched = kept;
    }
    // date of birth: the same full date, or the same year when either side gives only the year
    const year = Math.floor(qDob / 10_000);
    const qYearOnly = qDob % 10_000 === 0;
    const dobPoints = (d: number): number => {
      if (d <= 0 || Math.floor(d / 10_000) !== year) return 0;
      if (qYearOnly || d % 10_000 === 0) return FP_DOB_YEAR;
      return d === qDob ? FP_DOB_FULL : FP_DOB_SAME_YEAR;
    };
    // prefer names with fewer parts on ties (better candidate-side coverage)
    for (let i = 0; i < nTouched; i++) {
      const n = touched[i] ?? 0;
      let bonus = 0;
      if (qDob > 0) {
        const slot = this.nameEntry[n] ?? 0;
        bonus = dobPoints(this.dob1[slot] ?? 0);
        if (this.moreDob[slot] === 1) for (const d of this.extra.get(slot)?.dob ?? []) bonus = Math.max(bonus, dobPoints(dobInt(d)));
      }
      acc[2 * n + 1] = (acc[2 * n + 1] ?? 0) + bonus - 0.01 * (this.nameLen[n] ?? 0);
    }
    let result: number[] = [];
    if (nTouched > limit) {
      const cut = this.kthAcc(nTouched, limit);
      for (let i = 0; i < nTouched; i++) {
        const n = touched[i] ?? 0;
        if ((acc[2 * n + 1] ?? 0) > cut) result.push(n);
      }
      for (let i = 0; i < nTouched && result.length < limit; i++) {
        const n = touched[i] ?? 0;
        if ((acc[2 * n + 1] ?? 0) === cut) result.push(n);
      }
    } else result = Array.from(touched.subarray(0, nTouched));
    for (let i = 0; i < nTouched; i++) seen[2 * (touched[i] ?? 0)] = 0;
    return result;
  }

  /** The k-th largest first-pass score among the names found so far. */
  private kthAcc(nTouched: number, k: number): number {
    if (this.sel.length < nTouched) this.sel = new Float32Array(Math.max(nTouched, this.sel.length * 2));
    const sel = this.sel.subarray(0, nTouched);
    for (let i = 0; i < nTouched; i++) sel[i] = this.acc[2 * (this.touched[i] ?? 0) + 1] ?? 0;
    return kthLargest(sel, k);
  }
}

/** What the first pass walks for one query part: posting lists with the weight a name earns through each. */
interface Plan {
  keys: Array<[number, number]>;
  size: number;
  joined: boolean;
}

/** Vocabulary key of a part: its spelling, marked when written in Urdu/Arabic script. */
function partKey(p: NamePart): string {
  return `${p.script === 'arabic' ? '#' : ''}${p.text}`;
}

function listAt(m: Map<number, IntList>, k: number): IntList {
  let l = m.get(k);
  if (!l) {
    l = new IntList(2);
    m.set(k, l);
  }
  return l;
}

/** Tie-break for hits without a matched part (found by date of birth): mean best Jaro-Winkler of the skeletons. */
function closeness(q: readonly NamePart[], c: readonly NamePart[]): number {
  let sum = 0;
  let count = 0;
  for (const a of q) {
    if (a.kind !== 'name') continue;
    let best = 0;
    for (const b of c) if (b.kind === 'name') best = Math.max(best, jaroWinkler(a.skeleton, b.skeleton));
    sum += best;
    count++;
  }
  return count > 0 ? sum / count : 0;
}

function docKey(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** k-th largest value (1-based) by quickselect; mutates the array. */
function kthLargest(a: Float32Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] ?? 0;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] ?? 0) > pivot) i++;
      while ((a[j] ?? 0) < pivot) j--;
      if (i <= j) {
        const t = a[i] ?? 0;
        a[i] = a[j] ?? 0;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target] ?? 0;
}

/** Convenience: build an index from entries. */
export function buildIndex(entries: Iterable<WatchlistEntry>): MatchIndex {
  const index = new MatchIndex();
  for (const e of entries) index.add(e);
  return index;
}


