// The screening index: every active entry of every active watchlist in one in-memory
// `MatchIndex` (entries tagged by list), plus exact maps of document numbers and CNICs. Built
// from the database on start (identities decrypted in batches, as the person registry does) and
// kept current by watchlist changes: the service refreshes this instance after each commit and
// publishes the change on the live-events bus, so every other app instance refreshes too
// (LISTEN/NOTIFY on PostgreSQL; in-process on PGlite). Expired lists and entries stay in memory
// and are dropped at query time, so an expiry needs no event.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { parseCnic } from '../../../domain/cnic.js';
import { ALERT_THRESHOLD, type Explanation, type MatchQuery, type WatchlistEntry } from '../../../matching/index.js';
import { screeningEntries, screeningWatchlists } from '../../db/schema.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Executor } from '../../platform/db.js';
import { liveEvents } from '../../platform/events.js';
import { LocalMatcher, WorkerMatcher, type Lane, type Matcher, type ReplicaQuery, type ReplicaResult } from '../../platform/match-workers.js';
import type { Deps } from '../../platform/http.js';

/** What an entry says about a person: encrypted at rest as one JSON document. */
export interface EntryIdentity {
  /** Primary name first, then aliases, in any script. */
  names: string[];
  fatherName?: string | undefined;
  dob?: string | undefined;
  nationality?: string | undefined;
  sex?: 'M' | 'F' | undefined;
  documents: string[];
  cnic?: string | undefined;
  notes?: string | undefined;
}

export const ENTRY_IDENTITY = (id: string) => ({ table: 'screening_entries', column: 'identity', id });

export const normaliseDocument = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
export const cnicDigits = (s: string): string | null => {
  const c = parseCnic(s);
  return c.ok ? c.digits : null;
};

export interface ListMeta {
  id: string;
  name: string;
  kind: string;
  instruction: string;
  expiresOn: string | null;
  active: boolean;
}

/** An active entry's row as the index reads it (identity still encrypted). */
interface EntryRow {
  id: string;
  watchlistId: string;
  identity: string;
  expiresOn: string | null;
  caseId: string | null;
}

/** What a hit needs to know about its entry (held with the entry in every replica). */
interface EntryMeta {
  listId: string;
  expiresOn: string | null;
  caseId: string | null;
}

export interface IndexHit {
  entryId: string;
  list: ListMeta;
  caseId: string | null;
  score: number;
  alert: boolean;
  matchedBy: 'document' | 'cnic' | 'name';
  explanation: Explanation | { matched: 'document' | 'cnic'; value: string };
}

export interface ScreenQuery {
  name?: string | null | undefined;
  dob?: string | null | undefined;
  nationality?: string | null | undefined;
  sex?: 'M' | 'F' | null | undefined;
  documentNumber?: string | null | undefined;
  cnic?: string | null | undefined;
}

const CHANNEL = 'screening.watchlists';
const DOCUMENT = 'document:';
const CNIC = 'cnic:';

/**
 * The lists are held here; the entries (names, document numbers and CNICs, and what a hit needs)
 * in the matcher's replicas — with worker threads, outside the thread that serves HTTP.
 */
export class ScreeningIndex {
  private match: Matcher<EntryMeta>;
  private lists = new Map<string, ListMeta>();
  private entryCount = 0;
  readonly instance = randomUUID();
  loadedAt: Date | null = null;

  /** `workers` > 0: the entries are replicated in that many worker threads (config matchWorkers). */
  constructor(private readonly workers = 0, private readonly onFailure: (err: Error) => void = () => undefined) {
    this.match = workers > 0 ? new WorkerMatcher<EntryMeta>(workers, onFailure) : new LocalMatcher<EntryMeta>();
  }

  /** Entries held, as of the last load or change. */
  get size(): number {
    return this.entryCount;
  }

  /** (Re)builds from the database: lists, then entries in batches of decrypted identities. */
  async load(db: Executor, cipher: FieldCipher, batchSize = 5000): Promise<void> {
    const fresh = new ScreeningIndex(this.workers, this.onFailure);
    try {
      for (const l of await db.select().from(screeningWatchlists)) fresh.lists.set(l.id, listMeta(l));
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = await db
          .select({ id: screeningEntries.id, watchlistId: screeningEntries.watchlistId, identity: screeningEntries.identity, expiresOn: screeningEntries.expiresOn, caseId: screeningEntries.caseId })
          .from(screeningEntries)
          .where(and(eq(screeningEntries.active, true), gt(screeningEntries.id, after)))
          .orderBy(asc(screeningEntries.id))
          .limit(batchSize);
        fresh.putMany(rows, cipher);
        if (rows.length < batchSize) break;
        after = rows[rows.length - 1]!.id;
      }
      fresh.entryCount = await fresh.match.flush(); // searches start once every replica holds every entry
      await fresh.match.compact();
    } catch (err) {
      await fresh.match.close();
      throw err;
    }
    const old = this.match;
    this.match = fresh.match;
    this.lists = fresh.lists;
    this.entryCount = fresh.entryCount;
    this.loadedAt = new Date();
    await old.close();
  }

  /** Stops the matcher's worker threads (the index answers no more searches). */
  close(): Promise<void> {
    return this.match.close();
  }

  /** Adds or replaces entries read from the database (decrypted here, sent to the replicas in one batch). */
  private putMany(rows: EntryRow[], cipher: FieldCipher): void {
    if (!rows.length) return;
    this.match.add(
      rows.map((r) => {
        const identity = JSON.parse(cipher.decrypt(r.identity, ENTRY_IDENTITY(r.id))) as EntryIdentity;
        const names = identity.names.filter((n) => n.trim().length > 0);
        const cnic = identity.cnic ? cnicDigits(identity.cnic) : null;
        const keys = [...identity.documents.map(normaliseDocument).filter(Boolean).map((d) => DOCUMENT + d), ...(cnic ? [CNIC + cnic] : [])];
        return { id: r.id, match: names.length ? matchEntry(r.id, identity, names) : null, keys, meta: { listId: r.watchlistId, expiresOn: r.expiresOn, caseId: r.caseId } };
      }),
    );
  }

  /** Re-reads lists and entries from the database (after a change here or on another instance). */
  async refresh(db: Executor, cipher: FieldCipher, change: { listIds?: string[]; entryIds?: string[] }): Promise<void> {
    if (change.listIds?.length) for (const l of await db.select().from(screeningWatchlists).where(inArray(screeningWatchlists.id, change.listIds))) this.lists.set(l.id, listMeta(l));
    const ids = change.entryIds ?? [];
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      const rows = await db
        .select({ id: screeningEntries.id, watchlistId: screeningEntries.watchlistId, identity: screeningEntries.identity, expiresOn: screeningEntries.expiresOn, caseId: screeningEntries.caseId, active: screeningEntries.active })
        .from(screeningEntries)
        .where(inArray(screeningEntries.id, chunk));
      const live = rows.filter((r) => r.active);
      const keep = new Set(live.map((r) => r.id));
      const gone = chunk.filter((id) => !keep.has(id));
      if (gone.length) this.match.remove(gone);
      this.putMany(live, cipher);
    }
    if (ids.length) this.entryCount = await this.match.flush();
  }

  private list(meta: EntryMeta, today: string): ListMeta | null {
    if (meta.expiresOn && meta.expiresOn < today) return null;
    const list = this.lists.get(meta.listId);
    if (!list || !list.active || (list.expiresOn && list.expiresOn < today)) return null;
    return list;
  }

  /**
   * Screens one traveller. Exact document-number and CNIC hits come first (score 1), then name
   * hits at or above the alert threshold, one per entry; expired lists and entries are skipped.
   */
  async screen(q: ScreenQuery, today = new Date().toISOString().slice(0, 10), opts: { minScore?: number; candidates?: number } = {}): Promise<IndexHit[]> {
    const [hits] = await this.screenMany([q], today, opts);
    return hits ?? [];
  }

  /**
   * Screens many travellers in slices, results in the order of the queries. In the `bulk` lane (a
   * manifest) the slices are spread over every matcher worker; otherwise they go one after another.
   */
  async screenMany(qs: ScreenQuery[], today = new Date().toISOString().slice(0, 10), opts: { minScore?: number; candidates?: number; slice?: number; lane?: Lane } = {}): Promise<IndexHit[][]> {
    const lane = opts.lane ?? 'interactive';
    const minScore = opts.minScore ?? ALERT_THRESHOLD;
    const options = { top: 20, minScore, ...(opts.candidates ? { candidates: opts.candidates } : {}) };
    const queries = qs.map(replicaQuery);
    const found: Array<ReplicaResult<EntryMeta>> = [];
    const slice = Math.max(1, opts.slice ?? qs.length);
    const starts: number[] = [];
    for (let k = 0; k < qs.length; k += slice) starts.push(k);
    // keep every worker busy, no more: a counter's check waits behind at most one slice
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(lane === 'bulk' ? this.match.parallelism : 1, starts.length) }, async () => {
        while (next < starts.length) {
          const from = starts[next++]!;
          const res = await this.match.search(queries.slice(from, from + slice), options, lane);
          res.forEach((r, k) => (found[from + k] = r));
        }
      }),
    );
    return qs.map((_, i) => {
      const hits: IndexHit[] = [];
      const seen = new Set<string>();
      for (const e of found[i]?.exact ?? []) {
        const list = seen.has(e.id) ? null : this.list(e.meta, today);
        if (!list) continue;
        seen.add(e.id);
        const by = e.key.startsWith(CNIC) ? 'cnic' : 'document';
        hits.push({ entryId: e.id, list, caseId: e.meta.caseId, score: 1, alert: true, matchedBy: by, explanation: { matched: by, value: e.key.slice(by === 'cnic' ? CNIC.length : DOCUMENT.length) } });
      }
      for (const { hit: h, meta } of found[i]?.hits ?? []) {
        const list = seen.has(h.id) ? null : this.list(meta, today);
        if (!list) continue;
        seen.add(h.id);
        hits.push({ entryId: h.id, list, caseId: meta.caseId, score: h.score, alert: h.alert, matchedBy: 'name', explanation: h.explanation });
      }
      return hits;
    });
  }
}

/** A traveller as the replicas are asked: the name query (if a name is known) and the exact keys. */
function replicaQuery(q: ScreenQuery): ReplicaQuery {
  const doc = q.documentNumber ? normaliseDocument(q.documentNumber) : '';
  const cnic = q.cnic ? cnicDigits(q.cnic) : null;
  return { match: nameQuery(q), keys: [...(doc ? [DOCUMENT + doc] : []), ...(cnic ? [CNIC + cnic] : [])] };
}

/** The matcher's query for a traveller with a name; null without one. */
function nameQuery(q: ScreenQuery): MatchQuery | null {
  if (!q.name || !q.name.trim()) return null;
  const doc = q.documentNumber ? normaliseDocument(q.documentNumber) : '';
  return {
    name: q.name,
    ...(q.dob ? { dob: q.dob } : {}),
    ...(q.nationality ? { nationality: q.nationality } : {}),
    ...(q.sex ? { sex: q.sex } : {}),
    ...(doc ? { passport: doc } : {}),
    ...(q.cnic ? { cnic: q.cnic } : {}),
  };
}

function listMeta(l: typeof screeningWatchlists.$inferSelect): ListMeta {
  return { id: l.id, name: l.name, kind: l.kind, instruction: l.instruction, expiresOn: l.expiresOn, active: l.active };
}

function matchEntry(id: string, identity: EntryIdentity, names: string[]): WatchlistEntry {
  return {
    id,
    names,
    ...(identity.dob ? { dob: [identity.dob] } : {}),
    ...(identity.nationality ? { nationality: [identity.nationality] } : {}),
    ...(identity.sex ? { sex: identity.sex } : {}),
    ...(identity.cnic ? { cnic: identity.cnic } : {}),
    ...(identity.documents.length ? { passports: identity.documents } : {}),
    ...(identity.fatherName ? { fatherName: identity.fatherName } : {}),
  };
}

// ---- one index per database (per process), kept live -------------------------------------------

const indexes = new WeakMap<object, Promise<ScreeningIndex>>();
const loaded = new WeakMap<object, ScreeningIndex>();

/** The index when it has finished loading; null while it loads. */
export function loadedScreeningIndex(deps: Pick<Deps, 'db'>): ScreeningIndex | null {
  return loaded.get(deps.db) ?? null;
}

/**
 * The screening index of this database, loaded on first use and subscribed to watchlist
 * changes from every app instance.
 */
export function screeningIndex(deps: Pick<Deps, 'db' | 'dbKind' | 'cipher' | 'config'>): Promise<ScreeningIndex> {
  let p = indexes.get(deps.db);
  if (!p) {
    p = (async () => {
      // a matcher worker that dies fails every search (never a false "clear") until the index is rebuilt
      const index: ScreeningIndex = new ScreeningIndex(deps.config.matchWorkers, () => {
        loaded.delete(deps.db);
        void index.load(deps.db, deps.cipher).then(
          () => loaded.set(deps.db, index),
          () => undefined,
        );
      });
      await index.load(deps.db, deps.cipher);
      await liveEvents(deps).start();
      liveEvents(deps).subscribe(CHANNEL, (event) => {
        if (event.from === index.instance) return;
        const change = { listIds: (event.listIds as string[] | undefined) ?? [], entryIds: (event.entryIds as string[] | undefined) ?? [] };
        void index.refresh(deps.db, deps.cipher, change).catch(() => undefined);
      });
      loaded.set(deps.db, index);
      return index;
    })();
    p.catch(() => indexes.delete(deps.db));
    indexes.set(deps.db, p);
  }
  return p;
}

/** Stops the index's matcher workers (when the app closes). */
export async function closeScreeningIndex(deps: Pick<Deps, 'db'>): Promise<void> {
  const p = indexes.get(deps.db);
  indexes.delete(deps.db);
  loaded.delete(deps.db);
  if (p) await (await p.catch(() => null))?.close();
}

/**
 * After a committed change: refresh this instance's index now, then tell the others. Only ids
 * travel on the bus, never identity.
 */
export async function announceChange(deps: Pick<Deps, 'db' | 'dbKind' | 'cipher' | 'config'>, change: { listIds?: string[]; entryIds?: string[] }): Promise<void> {
  const index = await screeningIndex(deps);
  await index.refresh(deps.db, deps.cipher, change);
  // NOTIFY payloads are limited to 8000 bytes: large changes go in chunks of ids.
  const entryIds = change.entryIds ?? [];
  const listIds = change.listIds ?? [];
  if (entryIds.length === 0) liveEvents(deps).publish(CHANNEL, { type: 'watchlist-change', from: index.instance, listIds });
  for (let i = 0; i < entryIds.length; i += 150) {
    liveEvents(deps).publish(CHANNEL, { type: 'watchlist-change', from: index.instance, listIds: i === 0 ? listIds : [], entryIds: entryIds.slice(i, i + 150) });
  }
}
