import { parseName, type NamePart } from './normalize';
import { combineScore, compareAttributes, compareNames, evidenceOf, specificityOf, type CandidateAttributes, type Explanation, type QueryAttributes } from './score';
import { KIND_WEIGHT } from './variants';

/**
 * Score at or above which a counter raises an alert. Chosen from the benchmark
 * (`npm run bench:matching`): the smallest round value at which at most 1 clean, unlisted
 * traveller in 100 (name + date of birth) raises an alert against one million entries.
 */
export const ALERT_THRESHOLD = 0.85;

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
  /** Names scored in full after blocking (default 300). */
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

/** Blocking key factors: the own skeleton, a phonetic code, a one-edit skeleton neighbour. */
const F_SKELETON = 1;
const F_PHONETIC = 0.8;
const F_NEIGHBOUR = 0.6;
/** Posting lists longer than this only re-rank names already found through rarer parts. */
const BIG_LIST = 20_000;
/** Parts whose own skeleton is in more names than this get no one-edit neighbour expansion. */
const NEIGHBOUR_MAX_DF = 50_000;

function deletes(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
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
  private nat1 = new Uint16Array(1024);
  private natCodes: string[] = [''];
  private natId = new Map<string, number>();
  private extra = new Map<number, CandidateAttributes>();
  private byIdentifier = new Map<string, number[]>();
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
  private keyId = new Map<string, number>();
  private postings: IntList[] = [];
  private keyDf: number[] = [];
  private neighbours = new Map<string, number[]>();
  private rawNames: string[] = [];
  // query scratch
  private acc = new Float32Array(1024);
  private seen = new Int32Array(1024);
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
    const k = `${p.script === 'arabic' ? '#' : ''}${p.text}`;
    let id = this.partId.get(k);
    if (id === undefined) {
      id = this.parts.length;
      this.partId.set(k, id);
      this.parts.push(p);
      const keys = [this.key(`S${p.skeleton}`, p.skeleton)];
      if (p.script === 'latin' && p.kind !== 'initial') for (const code of p.phonetic) if (code.length >= 2) keys.push(this.key(`P${code}`));
      this.partKeys.push(keys);
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
      const parsed = parseName(raw).parts;
      if (parsed.length === 0) continue;
      const n = this.nameTotal++;
      this.ensureNames(n + 1);
      this.nameEntry[n] = slot;
      this.nameStart[n] = this.partPool.length;
      this.nameLen[n] = Math.min(parsed.length, 255);
      this.nameAlive[n] = 1;
      this.rawNames.push(raw);
      const keysDone = new Set<number>();
      for (const p of parsed.slice(0, 255)) {
        const pid = this.part(p);
        this.partPool.push(pid);
        for (const k of this.partKeys[pid] ?? []) {
          if (keysDone.has(k)) continue;
          keysDone.add(k);
          this.postings[k]?.push(n);
          this.keyDf[k] = (this.keyDf[k] ?? 0) + 1;
        }
      }
      count++;
      this.liveNames++;
    }
    this.nameCount[slot] = count;
    this.liveEntries++;
  }

  /** Remove an entry by id; returns whether it was present. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.extra.delete(slot);
    this.sex[slot] = 0;
    this.dob1[slot] = 0;
    this.nat1[slot] = 0;
    const first = this.firstName[slot] ?? 0;
    for (let n = first; n < first + (this.nameCount[slot] ?? 0); n++) {
      this.nameAlive[n] = 0;
      this.liveNames--;
      const seen = new Set<number>();
      for (const pid of this.namePartIds(n)) {
        for (const k of this.partKeys[pid] ?? []) {
          if (seen.has(k)) continue;
          seen.add(k);
          this.keyDf[k] = (this.keyDf[k] ?? 1) - 1;
        }
      }
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
    if (this.nat1.length < slot + 1) {
      const next = new Uint16Array(Math.max(slot + 1, this.nat1.length * 2));
      next.set(this.nat1);
      this.nat1 = next;
    }
    this.sex[slot] = e.sex === 'M' ? 1 : e.sex === 'F' ? 2 : 0;
    const dobs = (e.dob ?? []).filter((d) => /^\d{4}(-\d{2}-\d{2})?$/.test(d));
    const [d0, ...dRest] = dobs;
    this.dob1[slot] = d0 === undefined ? 0 : Number(d0.replace(/-/g, '').padEnd(8, '0'));
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

  /**
   * Rarity (IDF, nats) of a name part: ln(1 + population / (1 + names containing its skeleton)).
   * The population has a floor (PRIOR_POPULATION) so a small index does not call every part common.
   */
  rarity = (p: NamePart): number => {
    const k = this.keyId.get(`S${p.skeleton}`);
    const df = k === undefined ? 0 : (this.keyDf[k] ?? 0);
    return Math.log(1 + this.population() / (1 + df));
  };

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
    const names = this.candidateNames(qParts, options.candidates ?? 300);
    // an identifier hit is always a candidate, whatever the name
    for (const ident of [query.cnic ? `C${query.cnic.replace(/\D/g, '')}` : '', query.passport ? `P${docKey(query.passport)}` : '']) {
      for (const slot of (ident && this.byIdentifier.get(ident)) || []) {
        if (this.slotOf.get(this.ids[slot] ?? "") !== slot) continue;
        const first = this.firstName[slot] ?? 0;
        for (let n = first; n < first + (this.nameCount[slot] ?? 0); n++) names.push(n);
      }
    }

    const best = new Map<number, { score: number; n: number; cmp: ReturnType<typeof compareNames> }>();
    for (const n of names) {
      const slot = this.nameEntry[n] ?? 0;
      const cmp = compareNames(qParts, this.partsOf(n), this.rarity);
      const prev = best.get(slot);
      if (!prev || cmp.score > prev.score) best.set(slot, { score: cmp.score, n, cmp });
    }
    const hits: Hit[] = [];
    for (const [slot, b] of best) {
      const checks = compareAttributes(attrs, this.attributesOf(slot));
      const identified = checks.some((c) => (c.attribute === 'cnic' || c.attribute === 'passport') && c.outcome === 'agree');
      if (b.cmp.parts.length === 0 && !identified) continue;
      const evidence = evidenceOf(b.cmp.parts, checks);
      const specificity = specificityOf(evidence, this.population());
      const score = combineScore(b.cmp.score, checks, specificity);
      if (score < (options.minScore ?? 0)) continue;
      hits.push({
        id: this.ids[slot] ?? '',
        score,
        alert: score >= ALERT_THRESHOLD,
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
    hits.sort((a, b) => b.score - a.score || b.explanation.nameScore - a.explanation.nameScore);
    return hits.slice(0, top);
  }

  private partsOf(n: number): NamePart[] {
    const out: NamePart[] = [];
    for (const pid of this.namePartIds(n)) {
      const p = this.parts[pid];
      if (p) out.push(p);
    }
    return out;
  }

  /** Blocking: accumulate rarity weights over posting lists of the query parts' keys; keep the best names. */
  private candidateNames(qParts: readonly NamePart[], limit: number): number[] {
    if (this.acc.length < this.nameTotal) {
      this.acc = new Float32Array(Math.max(this.nameTotal, this.acc.length * 2));
      this.seen = new Int32Array(this.acc.length);
    }
    const acc = this.acc;
    const seen = this.seen;
    const touched: number[] = [];
    // one list of (key, factor) per query part, the part's weight, and its total posting size
    const plans = qParts.map((p) => {
      const keys = new Map<number, number>();
      const addKey = (k: number | undefined, f: number): void => {
        if (k !== undefined && (keys.get(k) ?? 0) < f) keys.set(k, f);
      };
      addKey(this.keyId.get(`S${p.skeleton}`), F_SKELETON);
      if (p.kind !== 'initial') {
        if (p.script === 'latin') for (const c of p.phonetic) if (c.length >= 2) addKey(this.keyId.get(`P${c}`), F_PHONETIC);
        const own = this.keyId.get(`S${p.skeleton}`);
        const ownDf = own === undefined ? 0 : (this.keyDf[own] ?? 0);
        // one-edit neighbours only for parts that are rare as written (common ones have enough exact hits)
        if (p.skeleton.length >= 3 && ownDf < NEIGHBOUR_MAX_DF) {
          for (const d of deletes(p.skeleton).concat(p.skeleton)) for (const k of this.neighbours.get(d) ?? []) addKey(k, F_NEIGHBOUR);
        }
      }
      const ordered = [...keys].sort((a, b) => b[1] - a[1]);
      const size = ordered.reduce((s, [k]) => s + (this.postings[k]?.length ?? 0), 0);
      return { weight: this.rarity(p) * KIND_WEIGHT[p.kind], keys: ordered, size };
    }).sort((a, b) => a.size - b.size);

    for (const plan of plans) {
      const stamp = ++this.stamp;
      const onlyKnown = touched.length > 0 && plan.size > BIG_LIST;
      if (onlyKnown && touched.length * 4 < plan.size) {
        // cheaper to look at the names already found than to walk the long posting lists
        const factor = new Map(plan.keys);
        for (const n of touched) {
          let best = 0;
          for (const pid of this.namePartIds(n)) for (const k of this.partKeys[pid] ?? []) best = Math.max(best, factor.get(k) ?? 0);
          if (best > 0) acc[n] = (acc[n] ?? 0) + plan.weight * best;
        }
        continue;
      }
      for (const [k, f] of plan.keys) {
        const list = this.postings[k];
        if (!list) continue;
        const w = plan.weight * f;
        const data = list.data;
        for (let i = 0; i < list.length; i++) {
          const n = data[i] ?? 0;
          if (seen[n] === stamp) continue;
          if (onlyKnown && seen[n] === 0) continue;
          if (seen[n] === 0) {
            if (this.nameAlive[n] === 0) continue;
            touched.push(n);
            acc[n] = 0;
          }
          seen[n] = stamp;
          acc[n] = (acc[n] ?? 0) + w;
        }
      }
    }
    // prefer names with fewer parts on ties (better candidate-side coverage)
    for (const n of touched) acc[n] = (acc[n] ?? 0) - 0.01 * (this.nameLen[n] ?? 0);
    let result = touched;
    if (touched.length > limit) {
      const cut = kthLargest(Float32Array.from(touched, (n) => acc[n] ?? 0), limit);
      result = touched.filter((n) => (acc[n] ?? 0) >= cut).slice(0, limit * 2);
    }
    for (const n of touched) seen[n] = 0;
    return result;
  }
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


