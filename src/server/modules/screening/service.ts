// The Immigration Monitoring System at the counter: watchlists and their entries, screening a
// traveller (machine readable zone or typed details) against every active list, the officer's
// decision on each hit, and referrals of confirmed hits to the responsible ATU. Off-loadees and
// deportees live in sop.ts, flight manifests in manifests.ts, dashboards in stats.ts.
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { parseCnic } from '../../../domain/cnic.js';
import { normalizeNationality } from '../../../matching/index.js';
import {
  notifications,
  screeningEncounters,
  screeningEntries,
  screeningEntryIdentifiers,
  screeningEntryVersions,
  screeningHits,
  screeningReferrals,
  screeningWatchlists,
  units,
  users,
} from '../../db/schema.js';
import { auditedTransaction, writeAudit, type Origin } from '../../platform/audit.js';
import { queryRows, type Executor, type Tx } from '../../platform/db.js';
import { conflict, notFound, staleVersion, unavailable, unprocessable } from '../../platform/errors.js';
import type { Deps } from '../../platform/http.js';
import { assertCan, can, type Actor, type SystemActor, type UnitRef, type UserActor } from '../../platform/policy.js';
import { findUnitByCode } from '../admin/service.js';
import { caseOwner, caseReference, screeningFeed } from '../cases/service.js';
import { routeToAtu, type AtuUnit } from '../../../domain/routing.js';
import { getPersonsForCase } from '../persons/service.js';
import { manualDocument, parseMrz, type ParsedDocument } from './mrz.js';
import { announceChange, cnicDigits, ENTRY_IDENTITY, loadedScreeningIndex, normaliseDocument, screeningIndex, type EntryIdentity, type IndexHit } from './watchlist-index.js';

export const LIST_KINDS = [
  'exit-control',
  'passport-control',
  'visa-control',
  'lost-stolen-documents',
  'interpol',
  'intelligence',
  'persons-at-risk',
  'proclaimed-offenders-and-accused',
] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const INSTRUCTIONS = ['stop', 'refer-to-atu', 'inform', 'allow'] as const;
export type Instruction = (typeof INSTRUCTIONS)[number];

export const today = (): string => new Date().toISOString().slice(0, 10);
const SCHEDULER: SystemActor = { kind: 'system', name: 'scheduler' };

// ---- units: posts, counters, the responsible ATU -----------------------------------------------

export interface PostRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  parentId: string | null;
  district: string | null;
  province: string | null;
}

const unitCols = { id: units.id, code: units.code, name: units.name, kind: units.kind, path: units.path, parentId: units.parentId, district: units.district, province: units.province };

/** Units change rarely (administrators edit the tree): posts and counters are kept a minute, so a check at the counter does not re-read them. */
const unitCache = new Map<string, { row: PostRow; at: number }>();
const UNIT_TTL_MS = 60_000;

async function unitRow(db: Executor, id: string): Promise<PostRow | null> {
  const hit = unitCache.get(id);
  if (hit && Date.now() - hit.at < UNIT_TTL_MS) return hit.row;
  const [row] = await db.select(unitCols).from(units).where(eq(units.id, id));
  if (row && (row.kind === 'counter' || row.kind === 'immigration-post')) unitCache.set(id, { row, at: Date.now() });
  return row ?? null;
}

/**
 * The post and counter a check is made at: the counter named (in the officer's part of the
 * tree), or the officer's own unit when it is a counter or a post.
 */
export async function resolvePost(db: Executor, actor: UserActor, counterId?: string): Promise<{ post: PostRow; counterId: string | null }> {
  const unit = await unitRow(db, counterId ?? actor.unitId);
  if (!unit) throw notFound('counter');
  if (counterId && !unit.path.startsWith(actor.unitPath)) throw notFound('counter');
  if (unit.kind === 'counter') {
    const post = unit.parentId ? await unitRow(db, unit.parentId) : null;
    if (!post) throw unprocessable('This counter is not under an immigration post.');
    return { post, counterId: unit.id };
  }
  if (unit.kind === 'immigration-post') return { post: unit, counterId: null };
  throw unprocessable('Choose the counter you work at (counterId): your unit is not an immigration post or counter.', { field: 'counterId' });
}

/** The ATU responsible for a post: the ATU of the zone serving the post's district (or province). */
export async function atuForPost(db: Executor, post: PostRow): Promise<AtuUnit | null> {
  const atus = await db.select({ id: units.id, code: units.code, name: units.name, path: units.path, district: units.district, province: units.province }).from(units).where(and(eq(units.kind, 'atu'), eq(units.active, true)));
  return routeToAtu(atus, post.district, post.province)?.atu ?? null;
}

/** Tells the staff of an ATU (investigators and supervisors) that something needs them. */
export async function notifyAtu(tx: Tx, atuId: string, n: { kind: string; recordType: string; recordId: string; message: string; messageUr?: string }): Promise<void> {
  const staff = await tx.select({ id: users.id }).from(users).where(and(eq(users.unitId, atuId), eq(users.active, true), sql`${users.roles} && ARRAY['atu-investigator','atu-supervisor']::text[]`));
  if (staff.length) await tx.insert(notifications).values(staff.map((s) => ({ userId: s.id, kind: n.kind, recordType: n.recordType, recordId: n.recordId, message: n.message, messageUr: n.messageUr ?? null })));
}

// ---- watchlists --------------------------------------------------------------------------------

export interface WatchlistInput {
  name: string;
  kind: ListKind;
  instruction: Instruction;
  legalBasis: string;
  expiresOn?: string | null | undefined;
  ownerUnitId?: string | undefined;
}

const listCols = {
  id: screeningWatchlists.id,
  name: screeningWatchlists.name,
  kind: screeningWatchlists.kind,
  instruction: screeningWatchlists.instruction,
  ownerUnitId: screeningWatchlists.ownerUnitId,
  ownerName: units.name,
  ownerPath: units.path,
  legalBasis: screeningWatchlists.legalBasis,
  expiresOn: screeningWatchlists.expiresOn,
  active: screeningWatchlists.active,
  automatic: screeningWatchlists.automatic,
  version: screeningWatchlists.version,
  createdAt: screeningWatchlists.createdAt,
  updatedAt: screeningWatchlists.updatedAt,
};
async function findList(db: Executor, id: string) {
  const [row] = await db.select(listCols).from(screeningWatchlists).innerJoin(units, eq(units.id, screeningWatchlists.ownerUnitId)).where(eq(screeningWatchlists.id, id));
  return row ?? null;
}
type ListRow = NonNullable<Awaited<ReturnType<typeof findList>>>;

const presentList = (actor: Actor, l: ListRow, entries?: number) => {
  const { ownerPath, ...rest } = l;
  return { ...rest, entries: entries ?? null, canManage: !l.automatic && can(actor, 'watchlist.manage', { id: l.ownerUnitId, path: ownerPath }) };
};

export async function listWatchlists(deps: Deps, actor: UserActor) {
  assertCan(actor, 'watchlist.read', null);
  const rows = await deps.db.select(listCols).from(screeningWatchlists).innerJoin(units, eq(units.id, screeningWatchlists.ownerUnitId)).orderBy(asc(screeningWatchlists.name));
  const counts = await deps.db.select({ id: screeningEntries.watchlistId, n: count() }).from(screeningEntries).where(eq(screeningEntries.active, true)).groupBy(screeningEntries.watchlistId);
  const byId = new Map(counts.map((c) => [c.id, c.n]));
  return rows.map((l) => presentList(actor, l, byId.get(l.id) ?? 0));
}

export async function getWatchlist(deps: Deps, actor: UserActor, id: string) {
  assertCan(actor, 'watchlist.read', null, { type: 'watchlist', id });
  const l = await findList(deps.db, id);
  if (!l) throw notFound('watchlist');
  const [c] = await deps.db.select({ n: count() }).from(screeningEntries).where(and(eq(screeningEntries.watchlistId, id), eq(screeningEntries.active, true)));
  return presentList(actor, l, c?.n ?? 0);
}

async function ownerRef(db: Executor, unitId: string): Promise<UnitRef> {
  const u = await unitRow(db, unitId);
  if (!u) throw unprocessable('The owner unit does not exist.', { field: 'ownerUnitId' });
  return { id: u.id, path: u.path };
}

export async function createWatchlist(deps: Deps, actor: UserActor, input: WatchlistInput, origin: Origin) {
  const owner = await ownerRef(deps.db, input.ownerUnitId ?? actor.unitId);
  assertCan(actor, 'watchlist.manage', owner);
  if (input.kind === 'proclaimed-offenders-and-accused') throw unprocessable('The list of proclaimed offenders and accused is fed automatically from the cases module; it cannot be created by hand.', { field: 'kind' });
  if (input.expiresOn && input.expiresOn < today()) throw unprocessable('The expiry date is in the past.', { field: 'expiresOn' });
  const id = await auditedTransaction(deps.db, async (tx) => {
    const [row] = await tx
      .insert(screeningWatchlists)
      .values({ name: input.name, kind: input.kind, instruction: input.instruction, legalBasis: input.legalBasis, expiresOn: input.expiresOn ?? null, ownerUnitId: owner.id, createdBy: actor.userId })
      .returning({ id: screeningWatchlists.id });
    await writeAudit(tx, actor, origin, { action: 'watchlist.create', recordType: 'watchlist', recordId: row!.id, fields: Object.keys(input), details: { kind: input.kind, instruction: input.instruction } });
    return row!.id;
  });
  await announceChange(deps, { listIds: [id] });
  return getWatchlist(deps, actor, id);
}

export interface WatchlistPatch extends Partial<Omit<WatchlistInput, 'kind' | 'ownerUnitId'>> {
  version: number;
  active?: boolean | undefined;
}

/** Loads a list the actor may manage (404 when unknown or outside their part of the tree). */
async function manageableList(db: Executor, actor: UserActor, id: string): Promise<ListRow> {
  const l = await findList(db, id);
  if (!l) throw notFound('watchlist');
  assertCan(actor, 'watchlist.read', null, { type: 'watchlist', id });
  assertCan(actor, 'watchlist.manage', { id: l.ownerUnitId, path: l.ownerPath }, { type: 'watchlist', id }, { status: 403, message: 'Only supervisors of the unit that owns this list may change it.' });
  if (l.automatic) throw unprocessable('This list is fed automatically from the cases module; change the case instead.');
  return l;
}

export async function updateWatchlist(deps: Deps, actor: UserActor, id: string, patch: WatchlistPatch, origin: Origin) {
  const l = await manageableList(deps.db, actor, id);
  if (patch.expiresOn && patch.expiresOn < today() && patch.expiresOn !== l.expiresOn) throw unprocessable('The expiry date is in the past.', { field: 'expiresOn' });
  await auditedTransaction(deps.db, async (tx) => {
    const { version, ...fields } = patch;
    const rows = await tx
      .update(screeningWatchlists)
      .set({ ...fields, version: sql`${screeningWatchlists.version} + 1`, updatedAt: new Date() })
      .where(and(eq(screeningWatchlists.id, id), eq(screeningWatchlists.version, version)))
      .returning({ id: screeningWatchlists.id });
    if (rows.length === 0) throw staleVersion('watchlist', l.version);
    await writeAudit(tx, actor, origin, { action: 'watchlist.update', recordType: 'watchlist', recordId: id, fields: Object.keys(fields) });
  });
  await announceChange(deps, { listIds: [id] });
  return getWatchlist(deps, actor, id);
}

// ---- entries -----------------------------------------------------------------------------------

export interface EntryInput {
  names: string[];
  fatherName?: string | undefined;
  dateOfBirth?: string | undefined;
  nationality?: string | undefined;
  sex?: 'M' | 'F' | undefined;
  documentNumbers?: string[] | undefined;
  cnic?: string | undefined;
  notes?: string | undefined;
  expiresOn?: string | null | undefined;
}

/** Checks an entry and brings it to its stored form; the error names the field. */
export function entryIdentity(input: EntryInput): EntryIdentity {
  const names = input.names.map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) throw unprocessable('An entry needs at least one name.', { field: 'names' });
  let cnic: string | undefined;
  if (input.cnic) {
    const c = parseCnic(input.cnic);
    if (!c.ok) throw unprocessable(c.error, { field: 'cnic' });
    cnic = c.cnic;
  }
  if (input.dateOfBirth && input.dateOfBirth > today()) throw unprocessable('The date of birth is in the future.', { field: 'dateOfBirth' });
  const documents = [...new Set((input.documentNumbers ?? []).map(normaliseDocument).filter(Boolean))];
  return {
    names,
    ...(input.fatherName ? { fatherName: input.fatherName } : {}),
    ...(input.dateOfBirth ? { dob: input.dateOfBirth } : {}),
    ...(input.nationality ? { nationality: normalizeNationality(input.nationality) } : {}),
    ...(input.sex ? { sex: input.sex } : {}),
    documents,
    ...(cnic ? { cnic } : {}),
    ...(input.notes ? { notes: input.notes } : {}),
  };
}

async function writeIdentifiers(deps: Deps, tx: Tx, entryId: string, identity: EntryIdentity, replace: boolean): Promise<void> {
  if (replace) await tx.delete(screeningEntryIdentifiers).where(eq(screeningEntryIdentifiers.entryId, entryId));
  const rows = identity.documents.map((d) => ({ entryId, kind: 'document', hash: deps.cipher.blindIndex('screening-document', d) }));
  const c = identity.cnic ? cnicDigits(identity.cnic) : null;
  if (c) rows.push({ entryId, kind: 'cnic', hash: deps.cipher.blindIndex('screening-cnic', c) });
  if (rows.length) await tx.insert(screeningEntryIdentifiers).values(rows);
}

/** Inserts an entry with its identifiers and first version (inside the caller's transaction). */
async function insertEntry(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  listId: string,
  identity: EntryIdentity,
  extra: { expiresOn?: string | null | undefined; source: string; sourceRef?: string | null; sourceFingerprint?: string | null; caseId?: string | null },
): Promise<string> {
  const id = randomUUID();
  const enc = deps.cipher.encrypt(JSON.stringify(identity), ENTRY_IDENTITY(id));
  const by = actor.kind === 'user' ? actor.userId : null;
  await tx.insert(screeningEntries).values({
    id,
    watchlistId: listId,
    identity: enc,
    expiresOn: extra.expiresOn ?? null,
    source: extra.source,
    sourceRef: extra.sourceRef ?? null,
    sourceFingerprint: extra.sourceFingerprint ?? null,
    caseId: extra.caseId ?? null,
    createdBy: by,
  });
  await writeIdentifiers(deps, tx, id, identity, false);
  await tx.insert(screeningEntryVersions).values({ entryId: id, version: 1, change: 'created', snapshot: deps.cipher.encrypt(JSON.stringify(identity), { table: 'screening_entry_versions', column: 'snapshot', id: `${id}:1` }), changedBy: by });
  return id;
}

const presentEntry = (deps: Deps, r: typeof screeningEntries.$inferSelect) => {
  const identity = JSON.parse(deps.cipher.decrypt(r.identity, ENTRY_IDENTITY(r.id))) as EntryIdentity;
  return {
    id: r.id,
    watchlistId: r.watchlistId,
    names: identity.names,
    fatherName: identity.fatherName ?? null,
    dateOfBirth: identity.dob ?? null,
    nationality: identity.nationality ?? null,
    sex: identity.sex ?? null,
    documentNumbers: identity.documents,
    cnic: identity.cnic ?? null,
    notes: identity.notes ?? null,
    expiresOn: r.expiresOn,
    active: r.active,
    source: r.source,
    caseId: r.caseId,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
};
export type EntryView = ReturnType<typeof presentEntry>;

/** Entries of a list, a page at a time. Identity is read: audited (a persons-at-risk list names victims). */
export async function listEntries(deps: Deps, actor: UserActor, listId: string, page: number, pageSize: number, origin: Origin) {
  assertCan(actor, 'watchlist.read', null, { type: 'watchlist', id: listId });
  const l = await findList(deps.db, listId);
  if (!l) throw notFound('watchlist');
  const where = and(eq(screeningEntries.watchlistId, listId), eq(screeningEntries.active, true));
  const [total] = await deps.db.select({ n: count() }).from(screeningEntries).where(where);
  const rows = await deps.db.select().from(screeningEntries).where(where).orderBy(asc(screeningEntries.createdAt), asc(screeningEntries.id)).limit(pageSize).offset((page - 1) * pageSize);
  await auditedTransaction(deps.db, (tx) => writeAudit(tx, actor, origin, { action: 'watchlist.readEntries', recordType: 'watchlist', recordId: listId, fields: ['identity'], details: { count: rows.length, page } }));
  return { items: rows.map((r) => presentEntry(deps, r)), total: total?.n ?? 0, page, pageSize };
}

export async function createEntry(deps: Deps, actor: UserActor, listId: string, input: EntryInput, origin: Origin) {
  await manageableList(deps.db, actor, listId);
  const identity = entryIdentity(input);
  const id = await auditedTransaction(deps.db, async (tx) => {
    const id = await insertEntry(deps, tx, actor, listId, identity, { expiresOn: input.expiresOn, source: 'manual' });
    await writeAudit(tx, actor, origin, { action: 'watchlist.addEntry', recordType: 'watchlist-entry', recordId: id, fields: Object.keys(input), details: { watchlistId: listId } });
    return id;
  });
  await announceChange(deps, { entryIds: [id] });
  return getEntry(deps, actor, id);
}

export async function getEntry(deps: Deps, actor: UserActor, id: string) {
  assertCan(actor, 'watchlist.read', null, { type: 'watchlist-entry', id });
  const [r] = await deps.db.select().from(screeningEntries).where(eq(screeningEntries.id, id));
  if (!r) throw notFound('watchlist entry');
  const versions = await deps.db
    .select({ version: screeningEntryVersions.version, change: screeningEntryVersions.change, changedBy: screeningEntryVersions.changedBy, changedAt: screeningEntryVersions.changedAt })
    .from(screeningEntryVersions)
    .where(eq(screeningEntryVersions.entryId, id))
    .orderBy(asc(screeningEntryVersions.version));
  return { ...presentEntry(deps, r), versions };
}

export interface EntryPatch extends Partial<EntryInput> {
  version: number;
  active?: boolean | undefined;
}

/** Edits (or deactivates) an entry: a new version, kept; live at every counter on commit. */
export async function updateEntry(deps: Deps, actor: UserActor, id: string, patch: EntryPatch, origin: Origin) {
  const [r] = await deps.db.select().from(screeningEntries).where(eq(screeningEntries.id, id));
  if (!r) throw notFound('watchlist entry');
  await manageableList(deps.db, actor, r.watchlistId);
  const current = JSON.parse(deps.cipher.decrypt(r.identity, ENTRY_IDENTITY(id))) as EntryIdentity;
  const merged: EntryInput = {
    names: patch.names ?? current.names,
    fatherName: patch.fatherName ?? current.fatherName,
    dateOfBirth: patch.dateOfBirth ?? current.dob,
    nationality: patch.nationality ?? current.nationality,
    sex: patch.sex ?? current.sex,
    documentNumbers: patch.documentNumbers ?? current.documents,
    cnic: patch.cnic ?? current.cnic,
    notes: patch.notes ?? current.notes,
  };
  const identity = entryIdentity(merged);
  const next = r.version + 1;
  const change = patch.active === false ? 'deactivated' : 'updated';
  await auditedTransaction(deps.db, async (tx) => {
    const rows = await tx
      .update(screeningEntries)
      .set({
        identity: deps.cipher.encrypt(JSON.stringify(identity), ENTRY_IDENTITY(id)),
        ...(patch.expiresOn !== undefined ? { expiresOn: patch.expiresOn } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        version: next,
        updatedAt: new Date(),
      })
      .where(and(eq(screeningEntries.id, id), eq(screeningEntries.version, patch.version)))
      .returning({ id: screeningEntries.id });
    if (rows.length === 0) throw staleVersion('watchlist entry', r.version);
    await writeIdentifiers(deps, tx, id, identity, true);
    await tx.insert(screeningEntryVersions).values({ entryId: id, version: next, change, snapshot: deps.cipher.encrypt(JSON.stringify(identity), { table: 'screening_entry_versions', column: 'snapshot', id: `${id}:${next}` }), changedBy: actor.userId });
    await writeAudit(tx, actor, origin, { action: change === 'deactivated' ? 'watchlist.deactivateEntry' : 'watchlist.updateEntry', recordType: 'watchlist-entry', recordId: id, fields: Object.keys(patch).filter((k) => k !== 'version') });
  });
  await announceChange(deps, { entryIds: [id] });
  return getEntry(deps, actor, id);
}

/** Entries on any list carrying this document number (blind index), for supervisors checking a duplicate. */
export async function entriesByDocument(db: Executor, deps: Deps, documentNumber: string): Promise<string[]> {
  const rows = await db
    .select({ id: screeningEntryIdentifiers.entryId })
    .from(screeningEntryIdentifiers)
    .where(and(eq(screeningEntryIdentifiers.kind, 'document'), eq(screeningEntryIdentifiers.hash, deps.cipher.blindIndex('screening-document', normaliseDocument(documentNumber)))));
  return rows.map((r) => r.id);
}

/** Bulk insert for imports (one transaction; the caller announces the ids afterwards). */
export async function insertEntriesInTx(deps: Deps, tx: Tx, actor: UserActor, listId: string, entries: Array<{ identity: EntryIdentity; expiresOn?: string | null | undefined }>): Promise<string[]> {
  const ids: string[] = [];
  for (const e of entries) ids.push(await insertEntry(deps, tx, actor, listId, e.identity, { expiresOn: e.expiresOn, source: 'import' }));
  return ids;
}
export { manageableList };

// ---- the check at the counter ------------------------------------------------------------------

export type CheckInput =
  | { mrz: string; counterId?: string | undefined }
  | { name: string; dateOfBirth?: string | undefined; nationality?: string | undefined; documentNumber?: string | undefined; sex?: 'M' | 'F' | undefined; cnic?: string | undefined; counterId?: string | undefined };

/** Parses the document part of a check; bad input is a 422 the officer can act on. */
export function documentOf(input: CheckInput): ParsedDocument {
  if ('mrz' in input) {
    const doc = parseMrz(input.mrz);
    if (!doc) throw unprocessable('This is not a machine readable zone this system can read: a passport has two lines of 44 characters (TD3), an identity card two lines of 36 (TD2) or three of 30 (TD1). Scan it again or type the details.', { field: 'mrz' });
    return doc;
  }
  return manualDocument(input);
}

export const MINOR_AGE = 18;

function riskFlags(doc: ParsedDocument): ParsedDocument {
  if (doc.ageYears !== null && doc.ageYears < MINOR_AGE) {
    doc.flags.push({ code: 'minor-traveller', message: `The traveller is ${doc.ageYears} years old: check that a parent or guardian travels with them or has consented.` });
  }
  return doc;
}

const ENCOUNTER_DOC = (id: string) => ({ table: 'screening_encounters', column: 'document', id });
const HIT_EXPLANATION = (id: string) => ({ table: 'screening_hits', column: 'explanation', id });

export interface CheckHit {
  id: string;
  entryId: string;
  list: { id: string; name: string; kind: string; instruction: string };
  score: number;
  alert: boolean;
  explanation: unknown;
  matchedBy: 'document' | 'cnic' | 'name';
}

/**
 * Screens one traveller against every active watchlist and records the encounter, its hits and
 * the audit event in one transaction. Any failure answers an error, never an empty "clear".
 */
export async function check(deps: Deps, actor: UserActor, input: CheckInput, origin: Origin) {
  const { post, counterId } = await resolvePost(deps.db, actor, input.counterId);
  assertCan(actor, 'screening.check', { id: counterId ?? post.id, path: post.path });
  const doc = riskFlags(documentOf(input));
  const index = await screeningIndex(deps);
  const found = await index.screen({ name: doc.name, dob: doc.dateOfBirth, nationality: doc.nationality, sex: doc.sex, documentNumber: doc.documentNumber, cnic: doc.cnic }).catch(() => {
    throw unavailable('The watchlist check could not be completed. Do not clear the traveller: check again in a few seconds, or follow the manual procedure.');
  });
  const encounterId = randomUUID();
  const hits: CheckHit[] = found.map((h) => ({ id: randomUUID(), entryId: h.entryId, list: { id: h.list.id, name: h.list.name, kind: h.list.kind, instruction: h.list.instruction }, score: round(h.score), alert: h.alert, explanation: h.explanation, matchedBy: h.matchedBy }));
  const result: 'clear' | 'flagged' | 'hit' = hits.length ? 'hit' : doc.flags.length ? 'flagged' : 'clear';
  await auditedTransaction(deps.db, async (tx) => {
    await tx.insert(screeningEncounters).values({
      id: encounterId,
      postId: post.id,
      counterId,
      officerId: actor.userId,
      mode: doc.source,
      document: deps.cipher.encrypt(JSON.stringify(doc), ENCOUNTER_DOC(encounterId)),
      documentValid: doc.valid,
      flags: doc.flags.map((f) => f.code),
      nationality: doc.nationality,
      hitCount: hits.length,
      result,
    });
    if (hits.length) {
      await tx.insert(screeningHits).values(
        hits.map((h) => ({
          id: h.id,
          encounterId,
          entryId: h.entryId,
          watchlistId: h.list.id,
          scorePermille: Math.round(h.score * 1000),
          alert: h.alert,
          matchedBy: h.matchedBy,
          explanation: deps.cipher.encrypt(JSON.stringify(h.explanation), HIT_EXPLANATION(h.id)),
        })),
      );
    }
    await writeAudit(tx, actor, origin, {
      action: 'screening.check',
      recordType: 'screening-encounter',
      recordId: encounterId,
      details: { postId: post.id, counterId, result, hits: hits.map((h) => ({ id: h.id, list: h.list.kind, matchedBy: h.matchedBy, score: h.score })), flags: doc.flags.map((f) => f.code) },
    });
  });
  return { document: doc, hits, encounterId, result, post: { id: post.id, name: post.name }, counterId, checkedAt: new Date().toISOString() };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

// ---- adjudication and referrals ----------------------------------------------------------------

export interface Decision {
  decision: 'false-match' | 'confirmed';
  reason: string;
}

/**
 * The officer's decision on a hit. A confirmed hit becomes a referral to the responsible ATU:
 * the case's ATU for an entry fed from a case, otherwise the ATU serving the post's district.
 */
export async function decideHit(deps: Deps, actor: UserActor, hitId: string, input: Decision, origin: Origin) {
  const [h] = await deps.db
    .select({ hit: screeningHits, postId: screeningEncounters.postId, postPath: units.path, caseId: screeningEntries.caseId, listName: screeningWatchlists.name, instruction: screeningWatchlists.instruction, kind: screeningWatchlists.kind })
    .from(screeningHits)
    .innerJoin(screeningEncounters, eq(screeningEncounters.id, screeningHits.encounterId))
    .innerJoin(units, eq(units.id, screeningEncounters.postId))
    .innerJoin(screeningEntries, eq(screeningEntries.id, screeningHits.entryId))
    .innerJoin(screeningWatchlists, eq(screeningWatchlists.id, screeningHits.watchlistId))
    .where(eq(screeningHits.id, hitId));
  if (!h) throw notFound('hit');
  assertCan(actor, 'screening.adjudicate', { id: h.postId, path: h.postPath }, { type: 'screening-hit', id: hitId });
  if (h.hit.decision !== 'pending') throw conflict(`This hit was already decided (${h.hit.decision}).`, { decision: h.hit.decision });
  const post = (await unitRow(deps.db, h.postId))!;
  let atu: { id: string; name: string } | null = null;
  let caseRef: string | null = null;
  if (input.decision === 'confirmed') {
    const owner = h.caseId ? await caseOwner(deps.db, h.caseId) : null;
    if (owner) {
      const u = await unitRow(deps.db, owner.unitId);
      atu = u ? { id: u.id, name: u.name } : null;
      caseRef = owner.ref;
    }
    if (!atu) {
      const a = await atuForPost(deps.db, post);
      atu = a ? { id: a.id, name: a.name } : null;
    }
    if (!atu) throw unprocessable(`No ATU is responsible for ${post.name} (district ${post.district ?? 'unknown'}); ask an administrator to set the post's district.`);
  }
  const referralId = await auditedTransaction(deps.db, async (tx) => {
    const rows = await tx
      .update(screeningHits)
      .set({ decision: input.decision, reason: input.reason, decidedBy: actor.userId, decidedAt: new Date() })
      .where(and(eq(screeningHits.id, hitId), eq(screeningHits.decision, 'pending')))
      .returning({ id: screeningHits.id });
    if (rows.length === 0) throw conflict('This hit was decided by someone else a moment ago. Reload it.');
    let refId: string | null = null;
    if (atu) {
      const summary = `${h.listName} (${h.kind}; instruction: ${h.instruction}) — confirmed at ${post.name} by ${actor.displayName}: ${input.reason}${caseRef ? ` [case ${caseRef}]` : ''}`;
      const [ref] = await tx
        .insert(screeningReferrals)
        .values({ atuId: atu.id, fromUnitId: post.id, source: 'hit', hitId, caseId: h.caseId, summary, createdBy: actor.userId })
        .returning({ id: screeningReferrals.id });
      refId = ref!.id;
      await notifyAtu(tx, atu.id, {
        kind: 'screening-referral',
        recordType: 'screening-referral',
        recordId: refId,
        message: `Immigration referral from ${post.name}: a confirmed watchlist hit (${h.listName}).`,
        messageUr: `${post.name} سے امیگریشن ریفرل: واچ لسٹ کی تصدیق شدہ مطابقت۔`,
      });
      await writeAudit(tx, actor, origin, { action: 'screening.refer', recordType: 'screening-referral', recordId: refId, details: { hitId, atuId: atu.id, caseId: h.caseId } });
    }
    await writeAudit(tx, actor, origin, { action: 'screening.decide', recordType: 'screening-hit', recordId: hitId, fields: ['decision', 'reason'], details: { decision: input.decision } });
    return refId;
  });
  return { id: hitId, decision: input.decision, reason: input.reason, referral: referralId && atu ? { id: referralId, atuId: atu.id, atuName: atu.name, caseRef } : null };
}

/** An encounter as the post (or headquarters) sees it: the document and the hits with their decisions. */
export async function getEncounter(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  const [e] = await deps.db.select({ e: screeningEncounters, postPath: units.path, postName: units.name }).from(screeningEncounters).innerJoin(units, eq(units.id, screeningEncounters.postId)).where(eq(screeningEncounters.id, id));
  if (!e) throw notFound('encounter');
  assertCan(actor, 'screening.readEncounter', { id: e.e.postId, path: e.postPath }, { type: 'screening-encounter', id });
  const hits = await deps.db
    .select({ h: screeningHits, listName: screeningWatchlists.name, kind: screeningWatchlists.kind, instruction: screeningWatchlists.instruction })
    .from(screeningHits)
    .innerJoin(screeningWatchlists, eq(screeningWatchlists.id, screeningHits.watchlistId))
    .where(eq(screeningHits.encounterId, id))
    .orderBy(desc(screeningHits.scorePermille));
  const withIdentity = actor.roles.some((r) => r === 'immigration-officer' || r === 'immigration-supervisor');
  await auditedTransaction(deps.db, (tx) => writeAudit(tx, actor, origin, { action: 'screening.readEncounter', recordType: 'screening-encounter', recordId: id, fields: withIdentity ? ['document'] : [] }));
  return {
    id,
    post: { id: e.e.postId, name: e.postName },
    counterId: e.e.counterId,
    officerId: e.e.officerId,
    at: e.e.at,
    result: e.e.result,
    documentValid: e.e.documentValid,
    flags: e.e.flags,
    document: withIdentity ? (JSON.parse(deps.cipher.decrypt(e.e.document, ENCOUNTER_DOC(id))) as ParsedDocument) : null,
    hits: hits.map((x) => ({
      id: x.h.id,
      entryId: x.h.entryId,
      list: { id: x.h.watchlistId, name: x.listName, kind: x.kind, instruction: x.instruction },
      score: x.h.scorePermille / 1000,
      alert: x.h.alert,
      matchedBy: x.h.matchedBy as 'document' | 'cnic' | 'name',
      explanation: withIdentity ? (JSON.parse(deps.cipher.decrypt(x.h.explanation, HIT_EXPLANATION(x.h.id))) as unknown) : null,
      decision: x.h.decision,
      reason: x.h.reason,
      decidedAt: x.h.decidedAt,
    })),
  };
}

const referralCols = {
  r: screeningReferrals,
  atuName: sql<string>`atu.name`,
  atuPath: sql<string>`atu.path`,
  fromName: sql<string>`post.name`,
  fromPath: sql<string>`post.path`,
};

function referralScope(actor: UserActor): SQL {
  return sql`(starts_with(atu.path, ${actor.unitPath}) OR starts_with(post.path, ${actor.unitPath}) OR starts_with(${actor.unitPath}, post.path))`;
}

async function referralRows(db: Executor, where: SQL, limit: number, offset: number) {
  return db
    .select(referralCols)
    .from(screeningReferrals)
    .innerJoin(sql`units atu`, sql`atu.id = ${screeningReferrals.atuId}`)
    .innerJoin(sql`units post`, sql`post.id = ${screeningReferrals.fromUnitId}`)
    .where(where)
    .orderBy(desc(screeningReferrals.createdAt))
    .limit(limit)
    .offset(offset);
}

/** What the ATU needs to act on a referral: the traveller's document as scanned, the list and the reason. */
async function presentReferral(deps: Deps, row: Awaited<ReturnType<typeof referralRows>>[number]) {
  const r = row.r;
  let traveller: Pick<ParsedDocument, 'name' | 'documentNumber' | 'dateOfBirth' | 'nationality' | 'sex' | 'cnic'> | null = null;
  let encounterId: string | null = null;
  if (r.hitId) {
    const [e] = await deps.db.select({ id: screeningEncounters.id, document: screeningEncounters.document }).from(screeningHits).innerJoin(screeningEncounters, eq(screeningEncounters.id, screeningHits.encounterId)).where(eq(screeningHits.id, r.hitId));
    if (e) {
      encounterId = e.id;
      const d = JSON.parse(deps.cipher.decrypt(e.document, ENCOUNTER_DOC(e.id))) as ParsedDocument;
      traveller = { name: d.name, documentNumber: d.documentNumber, dateOfBirth: d.dateOfBirth, nationality: d.nationality, sex: d.sex, cnic: d.cnic };
    }
  }
  return {
    id: r.id,
    status: r.status,
    source: r.source,
    atu: { id: r.atuId, name: row.atuName },
    from: { id: r.fromUnitId, name: row.fromName },
    hitId: r.hitId,
    deporteeId: r.deporteeId,
    encounterId,
    caseId: r.caseId,
    caseRef: r.caseId ? await caseReference(deps.db, r.caseId) : null,
    summary: r.summary,
    traveller,
    createdAt: r.createdAt,
    acknowledgedAt: r.acknowledgedAt,
    version: r.version,
  };
}

/** Referrals to the actor's ATU (and below), or sent by the actor's post. Identity read: audited. */
export async function listReferrals(deps: Deps, actor: UserActor, q: { status?: 'open' | 'acknowledged' | undefined; page: number; pageSize: number }, origin: Origin) {
  if (!actor.roles.some((r) => ['atu-investigator', 'atu-supervisor', 'immigration-officer', 'immigration-supervisor'].includes(r))) assertCan(actor, 'screening.readReferral', { id: '', atuPath: '\u0000', fromPath: '\u0000' });
  const where = and(referralScope(actor), q.status ? eq(screeningReferrals.status, q.status) : undefined)!;
  const rows = (await referralRows(deps.db, where, q.pageSize, (q.page - 1) * q.pageSize)).filter((row) => can(actor, 'screening.readReferral', { id: row.r.id, atuPath: row.atuPath, fromPath: row.fromPath }));
  const [total] = await queryRows<{ n: number }>(
    deps.db,
    sql`SELECT count(*)::int AS n FROM screening_referrals r JOIN units atu ON atu.id = r.atu_id JOIN units post ON post.id = r.from_unit_id
        WHERE (starts_with(atu.path, ${actor.unitPath}) OR starts_with(post.path, ${actor.unitPath}) OR starts_with(${actor.unitPath}, post.path)) ${q.status ? sql`AND r.status = ${q.status}` : sql``}`,
  );
  const items: Array<Awaited<ReturnType<typeof presentReferral>>> = [];
  for (const row of rows) items.push(await presentReferral(deps, row));
  if (items.length) await auditedTransaction(deps.db, (tx) => writeAudit(tx, actor, origin, { action: 'screening.readReferrals', recordType: 'screening-referral', fields: ['traveller'], details: { ids: items.map((i) => i.id) } }));
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function acknowledgeReferral(deps: Deps, actor: UserActor, id: string, version: number, origin: Origin) {
  const [row] = await referralRows(deps.db, eq(screeningReferrals.id, id), 1, 0);
  if (!row) throw notFound('referral');
  assertCan(actor, 'screening.readReferral', { id, atuPath: row.atuPath, fromPath: row.fromPath }, { type: 'screening-referral', id });
  assertCan(actor, 'screening.acknowledgeReferral', { id: row.r.atuId, path: row.atuPath }, { type: 'screening-referral', id }, { status: 403, message: 'Only the receiving ATU acknowledges a referral.' });
  if (row.r.status === 'acknowledged') throw conflict('This referral was already acknowledged.');
  await auditedTransaction(deps.db, async (tx) => {
    const rows = await tx
      .update(screeningReferrals)
      .set({ status: 'acknowledged', acknowledgedAt: new Date(), acknowledgedBy: actor.userId, version: sql`${screeningReferrals.version} + 1` })
      .where(and(eq(screeningReferrals.id, id), eq(screeningReferrals.version, version)))
      .returning({ id: screeningReferrals.id });
    if (rows.length === 0) throw staleVersion('referral', row.r.version);
    await writeAudit(tx, actor, origin, { action: 'screening.acknowledgeReferral', recordType: 'screening-referral', recordId: id });
  });
  const [fresh] = await referralRows(deps.db, eq(screeningReferrals.id, id), 1, 0);
  return presentReferral(deps, fresh!);
}

// ---- the automatic lists, fed from the cases module ---------------------------------------------

const AUTOMATIC: Record<'proclaimed-offenders-and-accused' | 'persons-at-risk', { name: string; instruction: Instruction; legalBasis: string }> = {
  'proclaimed-offenders-and-accused': {
    name: 'Proclaimed offenders and accused in open cases',
    instruction: 'stop',
    legalBasis: 'Proclamations under ss. 87–88 CrPC; accused in open cases under PCHTO 2002, PTPA 2018 and PSMA 2018 (fed from the ATU case database)',
  },
  'persons-at-risk': {
    name: 'Persons at risk: known victims (from cases)',
    instruction: 'refer-to-atu',
    legalBasis: 'Protection of victims, PTPA 2018 (fed from the ATU case database)',
  },
};

async function ensureAutomaticLists(tx: Tx): Promise<Record<keyof typeof AUTOMATIC, string>> {
  const owner = (await findUnitByCode(tx, 'FIA-AHTS')) ?? (await findUnitByCode(tx, 'FIA-HQ')) ?? (await findUnitByCode(tx, 'NATIONAL'));
  const out = {} as Record<keyof typeof AUTOMATIC, string>;
  for (const kind of Object.keys(AUTOMATIC) as Array<keyof typeof AUTOMATIC>) {
    const [existing] = await tx.select({ id: screeningWatchlists.id }).from(screeningWatchlists).where(and(eq(screeningWatchlists.kind, kind), eq(screeningWatchlists.automatic, true)));
    if (existing) {
      out[kind] = existing.id;
      continue;
    }
    if (!owner) throw new Error('the unit tree has no FIA headquarters to own the automatic lists');
    const [row] = await tx
      .insert(screeningWatchlists)
      .values({ ...AUTOMATIC[kind], kind, ownerUnitId: owner.id, automatic: true })
      .onConflictDoNothing()
      .returning({ id: screeningWatchlists.id });
    const id = row?.id ?? (await tx.select({ id: screeningWatchlists.id }).from(screeningWatchlists).where(and(eq(screeningWatchlists.kind, kind), eq(screeningWatchlists.automatic, true))))[0]!.id;
    out[kind] = id;
  }
  return out;
}

/**
 * Brings the automatic lists in line with the cases module: accused in open cases (proclaimed
 * offenders and absconders marked) onto one list, victims onto persons-at-risk; entries whose
 * case closed or whose party left are deactivated. Only changed parties are re-read (by a
 * fingerprint of versions), so a run with nothing new reads no identity. Runs on start and every
 * minute (main.ts); each run holds an advisory lock so one app instance does it at a time.
 */
export async function refreshCaseFeed(deps: Deps, actor: Actor = SCHEDULER): Promise<{ added: number; updated: number; removed: number }> {
  assertCan(actor, 'screening.feed', null);
  const feed = await screeningFeed(deps.db);
  const lists = await auditedTransaction(deps.db, (tx) => ensureAutomaticLists(tx));
  const listIds = [lists['proclaimed-offenders-and-accused'], lists['persons-at-risk']];
  const existing = await deps.db
    .select({ id: screeningEntries.id, watchlistId: screeningEntries.watchlistId, sourceRef: screeningEntries.sourceRef, fingerprint: screeningEntries.sourceFingerprint, active: screeningEntries.active })
    .from(screeningEntries)
    .where(and(inArray(screeningEntries.watchlistId, listIds), eq(screeningEntries.source, 'cases')));
  const key = (listId: string, ref: string | null) => `${listId}|${ref ?? ''}`;
  const have = new Map(existing.map((e) => [key(e.watchlistId, e.sourceRef), e]));
  const wanted = new Set<string>();
  const changed: Array<{ row: (typeof feed)[number]; listId: string; existingId: string | null }> = [];
  for (const row of feed) {
    const listId = row.role === 'accused' ? lists['proclaimed-offenders-and-accused'] : lists['persons-at-risk'];
    const k = key(listId, `case-party:${row.partyId}`);
    wanted.add(k);
    const e = have.get(k);
    if (!e || !e.active || e.fingerprint !== row.fingerprint) changed.push({ row, listId, existingId: e?.id ?? null });
  }
  const removed = existing.filter((e) => e.active && !wanted.has(key(e.watchlistId, e.sourceRef))).map((e) => e.id);
  if (changed.length === 0 && removed.length === 0) return { added: 0, updated: 0, removed: 0 };
  const people = new Map((await getPersonsForCase(deps, changed.map((c) => c.row.personId), true)).map((p) => [p.id, p]));
  const touched: string[] = [];
  let added = 0;
  let updated = 0;
  await auditedTransaction(deps.db, async (tx) => {
    const [lock] = await queryRows<{ ok: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(7301200) AS ok`);
    if (!lock?.ok) return;
    for (const c of changed) {
      const p = people.get(c.row.personId);
      if (!p?.identity) continue;
      const id = p.identity;
      const status = c.row.role === 'accused' ? ['accused', c.row.proclaimedOffender ? 'proclaimed offender' : null, c.row.absconding ? 'absconding' : null].filter(Boolean).join(', ') : 'victim';
      const identity: EntryIdentity = {
        names: [id.name, ...(id.nameUrdu ? [id.nameUrdu] : []), ...id.aliases],
        ...(id.fatherName ? { fatherName: id.fatherName } : {}),
        ...(id.dob ? { dob: id.dob } : {}),
        ...(p.nationality ? { nationality: normalizeNationality(p.nationality) } : {}),
        ...(p.sex === 'M' || p.sex === 'F' ? { sex: p.sex } : {}),
        documents: id.passports.map((x) => normaliseDocument(x.number)).filter(Boolean),
        ...(id.cnic ? { cnic: id.cnic } : {}),
        notes: `${status} in case ${c.row.caseRef}`,
      };
      if (c.existingId) {
        await tx
          .update(screeningEntries)
          .set({ identity: deps.cipher.encrypt(JSON.stringify(identity), ENTRY_IDENTITY(c.existingId)), active: true, sourceFingerprint: c.row.fingerprint, caseId: c.row.caseId, version: sql`${screeningEntries.version} + 1`, updatedAt: new Date() })
          .where(eq(screeningEntries.id, c.existingId));
        await writeIdentifiers(deps, tx, c.existingId, identity, true);
        touched.push(c.existingId);
        updated += 1;
      } else {
        touched.push(await insertEntry(deps, tx, actor, c.listId, identity, { source: 'cases', sourceRef: `case-party:${c.row.partyId}`, sourceFingerprint: c.row.fingerprint, caseId: c.row.caseId }));
        added += 1;
      }
    }
    if (removed.length) await tx.update(screeningEntries).set({ active: false, updatedAt: new Date(), version: sql`${screeningEntries.version} + 1` }).where(inArray(screeningEntries.id, removed));
    touched.push(...removed);
    await writeAudit(tx, actor, {}, {
      action: 'screening.feed',
      recordType: 'watchlist',
      fields: ['identity'],
      details: { added, updated, removed: removed.length, victimsRead: changed.filter((c) => c.row.role === 'victim').length },
    });
  });
  if (touched.length) await announceChange(deps, { listIds, entryIds: touched });
  return { added, updated, removed: removed.length };
}

/** The scheduler's job: runs the feed outside the job's own transaction (it opens its own). */
export function scheduleCaseFeed(deps: Deps, log: (msg: string, err?: unknown) => void = () => undefined): Promise<void> {
  setImmediate(() => void refreshCaseFeed(deps).catch((err: unknown) => log('screening case feed failed', err)));
  return Promise.resolve();
}

/** For the heartbeat: is the index loaded, how big, and does the database answer. */
export async function heartbeat(deps: Deps) {
  await deps.db.execute(sql`select 1`);
  const index = loadedScreeningIndex(deps);
  return { status: index ? ('ok' as const) : ('starting' as const), entries: index?.size ?? 0, indexLoadedAt: index?.loadedAt?.toISOString() ?? null, serverTime: new Date().toISOString() };
}

export type { IndexHit };
