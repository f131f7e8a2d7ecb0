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
import { ALERT_THRESHOLD, MatchIndex, type Explanation, type WatchlistEntry } from '../../../matching/index.js';
import { screeningEntries, screeningWatchlists } from '../../db/schema.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Executor } from '../../platform/db.js';
import { liveEvents } from '../../platform/events.js';
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

interface EntryMeta {
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
  private match = new MatchIndex();
  private entries = new Map<string, EntryMeta>();
  private lists = new Map<string, ListMeta>();
  private byDocument = new Map<string, Set<string>>();
  private byCnic = new Map<string, Set<string>>();
  readonly instance = randomUUID();
  loadedAt: Date | null = null;

  get size(): number {
    return this.entries.size;
  }

  /** (Re)builds from the database: lists, then entries in batches of decrypted identities. */
  async load(db: Executor, cipher: FieldCipher, batchSize = 5000): Promise<void> {
    const fresh = new ScreeningIndex();
    for (const l of await db.select().from(screeningWatchlists)) fresh.lists.set(l.id, listMeta(l));
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await db
        .select({ id: screeningEntries.id, watchlistId: screeningEntries.watchlistId, identity: screeningEntries.identity, expiresOn: screeningEntries.expiresOn, caseId: screeningEntries.caseId })
        .from(screeningEntries)
        .where(and(eq(screeningEntries.active, true), gt(screeningEntries.id, after)))
        .orderBy(asc(screeningEntries.id))
        .limit(batchSize);
      for (const r of rows) fresh.put(r.id, r.watchlistId, r.expiresOn, r.caseId, JSON.parse(cipher.decrypt(r.identity, ENTRY_IDENTITY(r.id))) as EntryIdentity);
      if (rows.length < batchSize) break;
      after = rows[rows.length - 1]!.id;
    }
    this.match = fresh.match;
    this.entries = fresh.entries;
    this.lists = fresh.lists;
    this.byDocument = fresh.byDocument;
    this.byCnic = fresh.byCnic;
    this.loadedAt = new Date();
  }

  /** Adds or replaces one entry (an identity already decrypted). */
  put(id: string, listId: string, expiresOn: string | null, caseId: string | null, identity: EntryIdentity): void {
    this.drop(id);
    const documents = identity.documents.map(normaliseDocument).filter(Boolean);
    const cnic = identity.cnic ? cnicDigits(identity.cnic) : null;
    this.entries.set(id, { listId, expiresOn, caseId, documents, cnic });
    for (const d of documents) addTo(this.byDocument, d, id);
    if (cnic) addTo(this.byCnic, cnic, id);
    const names = identity.names.filter((n) => n.trim().length > 0);
    if (names.length) this.match.add(matchEntry(id, identity, names));
  }

  drop(id: string): void {
    const old = this.entries.get(id);
    if (!old) return;
    for (const d of old.documents) this.byDocument.get(d)?.delete(id);
    if (old.cnic) this.byCnic.get(old.cnic)?.delete(id);
    this.entries.delete(id);
    if (this.match.has(id)) this.match.remove(id);
  }

  setList(meta: ListMeta): void {
    this.lists.set(meta.id, meta);
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
      const seen = new Set<string>();
      for (const r of rows) {
        seen.add(r.id);
        if (!r.active) this.drop(r.id);
        else this.put(r.id, r.watchlistId, r.expiresOn, r.caseId, JSON.parse(cipher.decrypt(r.identity, ENTRY_IDENTITY(r.id))) as EntryIdentity);
      }
      for (const id of chunk) if (!seen.has(id)) this.drop(id);
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
  screen(q: ScreenQuery, today = new Date().toISOString().slice(0, 10), opts: { minScore?: number; candidates?: number } = {}): IndexHit[] {
    const minScore = opts.minScore ?? ALERT_THRESHOLD;
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
    if (q.name && q.name.trim()) {
      const found = this.match.search(
        {
          name: q.name,
          ...(q.dob ? { dob: q.dob } : {}),
          ...(q.nationality ? { nationality: q.nationality } : {}),
          ...(q.sex ? { sex: q.sex } : {}),
          ...(doc ? { passport: doc } : {}),
          ...(q.cnic ? { cnic: q.cnic } : {}),
        },
        { top: 20, minScore, ...(opts.candidates ? { candidates: opts.candidates } : {}) },
      );
      for (const h of found) {
        if (seen.has(h.id)) continue;
        const l = this.live(h.id, today);
        if (!l) continue;
        seen.add(h.id);
        hits.push({ entryId: h.id, list: l.list, caseId: l.meta.caseId, score: h.score, alert: h.alert, matchedBy: 'name', explanation: h.explanation });
      }
    }
    return hits;
  }
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
export function screeningIndex(deps: Pick<Deps, 'db' | 'dbKind' | 'cipher'>): Promise<ScreeningIndex> {
  let p = indexes.get(deps.db);
  if (!p) {
    p = (async () => {
      const index = new ScreeningIndex();
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

/**
 * After a committed change: refresh this instance's index now, then tell the others. Only ids
 * travel on the bus, never identity.
 */
export async function announceChange(deps: Pick<Deps, 'db' | 'dbKind' | 'cipher'>, change: { listIds?: string[]; entryIds?: string[] }): Promise<void> {
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
