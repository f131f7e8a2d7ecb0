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
import { ALERT_THRESHOLD, type Explanation, type Hit, type MatchQuery, type WatchlistEntry } from '../../../matching/index.js';
import { screeningEntries, screeningWatchlists } from '../../db/schema.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Executor } from '../../platform/db.js';
import { liveEvents } from '../../platform/events.js';
import { LocalMatcher, WorkerMatcher, type Matcher } from '../../platform/match-workers.js';
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

interface EntryMeta {
  /** Whether the entry has names in the matcher (an entry may be listed by document only). */
  named: boolean;
  listId: string;
  expiresOn: string | null;
  caseId: string | null;
  documents: string[];
  cnic: string | null;
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

export class ScreeningIndex {
  private match: Matcher;
  private entries = new Map<string, EntryMeta>();
  private lists = new Map<string, ListMeta>();
  private byDocument = new Map<string, Set<string>>();
  private byCnic = new Map<string, Set<string>>();
  readonly instance = randomUUID();
  loadedAt: Date | null = null;

  /** `workers` > 0: the name index is replicated in that many worker threads (config matchWorkers). */
  constructor(private readonly workers = 0, private readonly onFailure: (err: Error) => void = () => undefined) {
    this.match = workers > 0 ? new WorkerMatcher(workers, onFailure) : new LocalMatcher();
  }

  get size(): number {
    return this.entries.size;
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
      await fresh.match.flush(); // searches start once every replica holds every entry
    } catch (err) {
      await fresh.match.close();
      throw err;
    }
    const old = this.match;
    this.match = fresh.match;
    this.entries = fresh.entries;
    this.lists = fresh.lists;
    this.byDocument = fresh.byDocument;
    this.byCnic = fresh.byCnic;
    this.loadedAt = new Date();
    await old.close();
  }

  /** Stops the matcher's worker threads (the index answers no more searches). */
  close(): Promise<void> {
    return this.match.close();
  }

  /** Adds or replaces entries read from the database; their names go to the matcher in one batch. */
  private putMany(rows: EntryRow[], cipher: FieldCipher): void {
    const items = rows.map((r) => ({ id: r.id, listId: r.watchlistId, expiresOn: r.expiresOn, caseId: r.caseId, identity: JSON.parse(cipher.decrypt(r.identity, ENTRY_IDENTITY(r.id))) as EntryIdentity }));
    const named: WatchlistEntry[] = [];
    this.dropMany(items.map((i) => i.id).filter((id) => this.entries.has(id)));
    for (const { id, listId, expiresOn, caseId, identity } of items) {
      const documents = identity.documents.map(normaliseDocument).filter(Boolean);
      const cnic = identity.cnic ? cnicDigits(identity.cnic) : null;
      const names = identity.names.filter((n) => n.trim().length > 0);
      this.entries.set(id, { named: names.length > 0, listId, expiresOn, caseId, documents, cnic });
      for (const d of documents) addTo(this.byDocument, d, id);
      if (cnic) addTo(this.byCnic, cnic, id);
      if (names.length) named.push(matchEntry(id, identity, names));
    }
    if (named.length) this.match.add(named);
  }

  private dropMany(ids: string[]): void {
    const named: string[] = [];
    for (const id of ids) {
      const old = this.entries.get(id);
      if (!old) continue;
      for (const d of old.documents) this.byDocument.get(d)?.delete(id);
      if (old.cnic) this.byCnic.get(old.cnic)?.delete(id);
      this.entries.delete(id);
      if (old.named) named.push(id);
    }
    if (named.length) this.match.remove(named);
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
      this.dropMany(chunk.filter((id) => !keep.has(id)));
      this.putMany(live, cipher);
    }
  }

  private live(id: string, today: string): { meta: EntryMeta; list: ListMeta } | null {
    const meta = this.entries.get(id);
    if (!meta || (meta.expiresOn && meta.expiresOn < today)) return null;
    const list = this.lists.get(meta.listId);
    if (!list || !list.active || (list.expiresOn && list.expiresOn < today)) return null;
    return { meta, list };
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
   * Screens many travellers (a manifest) in slices spread over the matcher's workers; results in
   * the order of the queries.
   */
  async screenMany(qs: ScreenQuery[], today = new Date().toISOString().slice(0, 10), opts: { minScore?: number; candidates?: number; slice?: number } = {}): Promise<IndexHit[][]> {
    const minScore = opts.minScore ?? ALERT_THRESHOLD;
    const options = { top: 20, minScore, ...(opts.candidates ? { candidates: opts.candidates } : {}) };
    const named = qs.map((q, i) => ({ i, query: nameQuery(q) })).filter((x): x is { i: number; query: MatchQuery } => x.query !== null);
    const found: Hit[][] = [];
    const slice = Math.max(1, opts.slice ?? named.length);
    const slices: Array<typeof named> = [];
    for (let k = 0; k < named.length; k += slice) slices.push(named.slice(k, k + slice));
    // keep every worker busy, no more: a counter's check waits behind at most one slice
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(this.match.parallelism, slices.length) }, async () => {
        while (next < slices.length) {
          const mine = slices[next++]!;
          const res = await this.match.search(mine.map((x) => x.query), options);
          mine.forEach((x, k) => (found[x.i] = res[k] ?? []));
        }
      }),
    );
    return qs.map((q, i) => {
      const hits: IndexHit[] = [];
      const seen = new Set<string>();
      const exact = (ids: Set<string> | undefined, by: 'document' | 'cnic', value: string) => {
        for (const id of ids ?? []) {
          if (seen.has(id)) continue;
          const l = this.live(id, today);
          if (!l) continue;
          seen.add(id);
          hits.push({ entryId: id, list: l.list, caseId: l.meta.caseId, score: 1, alert: true, matchedBy: by, explanation: { matched: by, value } });
        }
      };
      const doc = q.documentNumber ? normaliseDocument(q.documentNumber) : '';
      if (doc) exact(this.byDocument.get(doc), 'document', doc);
      const cnic = q.cnic ? cnicDigits(q.cnic) : null;
      if (cnic) exact(this.byCnic.get(cnic), 'cnic', cnic);
      for (const h of found[i] ?? []) {
        if (seen.has(h.id)) continue;
        const l = this.live(h.id, today);
        if (!l) continue;
        seen.add(h.id);
        hits.push({ entryId: h.id, list: l.list, caseId: l.meta.caseId, score: h.score, alert: h.alert, matchedBy: 'name', explanation: h.explanation });
      }
      return hits;
    });
  }
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

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  const s = map.get(key);
  if (s) s.add(id);
  else map.set(key, new Set([id]));
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
