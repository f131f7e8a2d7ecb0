// The person registry: one person across every agency. Identity is encrypted at rest; look-ups
// go through blind indexes (identifiers) and the in-memory name index (names in any spelling or
// script). Likely duplicates are shown before saving and queued for review; merges are
// reversible and kept; "not the same person" judgements are remembered.
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { cnicSexWarning, parseCnic } from '../../../domain/cnic.js';
import { normalizeNationality, type Explanation, type Hit, type MatchQuery } from '../../../matching/index.js';
import { ALERT_THRESHOLD } from '../../../matching/index.js';
import { personDuplicates, personIdentifiers, personMerges, persons, units } from '../../db/schema.js';
import { auditedTransaction, writeAudit, type Origin } from '../../platform/audit.js';
import { valuesOf, type Executor, type Tx } from '../../platform/db.js';
import type { Deps } from '../../platform/http.js';
import { conflict, notFound, staleVersion, unprocessable } from '../../platform/errors.js';
import { assertCan, can, personScope, type PersonRef, type UserActor } from '../../platform/policy.js';
import { IDENTITY_FIELD, identifierKindOf, identifiersOf, normalisePassport, normalisePhone, type PersonIdentity } from './identity.js';

/** A registry match at or above this score is shown as a likely duplicate and queued for review (0.85: below it, on the demo data, pairs were mostly different people whose names share a consonant skeleton, e.g. Mehmood/Muhammad). */
export const DUPLICATE_THRESHOLD = 0.85;

export interface PersonInput {
  identity: PersonIdentity;
  sex?: 'M' | 'F' | 'X' | undefined;
  nationality?: string | undefined;
  protected?: boolean | undefined;
}

interface PersonRow {
  id: string;
  ref: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  protected: boolean;
  sex: string | null;
  birthYear: number | null;
  nationality: string | null;
  identity: string;
  mergedInto: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const personColumns = {
  id: persons.id,
  ref: persons.ref,
  unitId: persons.unitId,
  unitName: units.name,
  unitPath: units.path,
  protected: persons.protected,
  sex: persons.sex,
  birthYear: persons.birthYear,
  nationality: persons.nationality,
  identity: persons.identity,
  mergedInto: persons.mergedInto,
  version: persons.version,
  createdAt: persons.createdAt,
  updatedAt: persons.updatedAt,
};

const refOf = (row: { id: string; unitPath: string; protected: boolean }): PersonRef => ({ id: row.id, unitPath: row.unitPath, protected: row.protected });

async function findRow(db: Executor, id: string): Promise<PersonRow | null> {
  const [row] = await db.select(personColumns).from(persons).innerJoin(units, eq(units.id, persons.unitId)).where(eq(persons.id, id));
  return row ?? null;
}

async function findRows(db: Executor, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db.select(personColumns).from(persons).innerJoin(units, eq(units.id, persons.unitId)).where(inArray(persons.id, ids));
}

/** Loads a person the actor may read, or 404 (existence must not leak). */
async function readable(db: Executor, actor: UserActor, id: string): Promise<PersonRow> {
  const row = await findRow(db, id);
  if (!row) throw notFound('person');
  assertCan(actor, 'person.read', refOf(row), { type: 'person', id });
  return row;
}

function decrypt(deps: Deps, row: { id: string; identity: string }): PersonIdentity {
  return JSON.parse(deps.cipher.decrypt(row.identity, IDENTITY_FIELD(row.id))) as PersonIdentity;
}

/** What leaves the server: identity only when the actor may see it; a pseudonym otherwise. */
function present(deps: Deps, actor: UserActor, row: PersonRow) {
  const ref = refOf(row);
  const identityVisible = can(actor, 'person.readIdentity', ref);
  return {
    id: row.id,
    ref: row.ref,
    unit: { id: row.unitId, name: row.unitName },
    protected: row.protected,
    sex: row.sex,
    birthYear: row.birthYear,
    nationality: row.nationality,
    mergedInto: row.mergedInto,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    identityVisible,
    identity: identityVisible ? decrypt(deps, row) : null,
    abilities: { update: can(actor, 'person.update', ref), merge: can(actor, 'person.merge', ref) },
  };
}

export type PersonView = ReturnType<typeof present>;

// ---- validation ------------------------------------------------------------------------------

/** Checks and normalises an identity; returns warnings a person should see (never silently fixed). */
function normalise(input: PersonInput): { identity: PersonIdentity; warnings: string[]; birthYear: number | null; nationality: string | null } {
  const warnings: string[] = [];
  const identity: PersonIdentity = {
    ...input.identity,
    aliases: [...new Set(input.identity.aliases.map((a) => a.trim()).filter(Boolean))],
    passports: input.identity.passports.map((p) => ({ ...p, number: normalisePassport(p.number) })),
    phones: input.identity.phones.map((p) => p.trim()),
  };
  if (identity.cnic) {
    const c = parseCnic(identity.cnic);
    if (!c.ok) throw unprocessable(c.error, { field: 'identity.cnic' });
    identity.cnic = c.cnic;
    const w = input.sex === 'M' || input.sex === 'F' ? cnicSexWarning(c.cnic, input.sex) : undefined;
    if (w) warnings.push(w);
  }
  for (const p of identity.phones) {
    if (normalisePhone(p).length < 10) throw unprocessable(`The phone number "${p}" is too short.`, { field: 'identity.phones' });
  }
  if (identity.dob) {
    const d = identity.dob;
    const valid = /^\d{4}$/.test(d) || (/^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d));
    if (!valid) throw unprocessable(`The date of birth "${d}" is not a date (YYYY-MM-DD) or a year (YYYY).`, { field: 'identity.dob' });
    if (Number(d.slice(0, 4)) < 1900 || new Date(`${d.length === 4 ? `${d}-01-01` : d}T00:00:00Z`).getTime() > Date.now()) {
      throw unprocessable(`The date of birth ${d} is in the future or before 1900.`, { field: 'identity.dob' });
    }
  }
  const nationality = input.nationality ? (normalizeNationality(input.nationality) ?? input.nationality.trim().toUpperCase()) : null;
  return { identity, warnings, birthYear: identity.dob ? Number(identity.dob.slice(0, 4)) : null, nationality };
}

function identifierRows(deps: Deps, personId: string, identity: PersonIdentity) {
  return identifiersOf(identity).map((i) => ({ personId, kind: i.kind, hash: deps.cipher.blindIndex(i.kind, i.value) }));
}

/** Replaces a saved person's identifiers (a new person's are written with it, see newPersonsWrites). */
async function writeIdentifiers(deps: Deps, tx: Tx, personId: string, identity: PersonIdentity): Promise<void> {
  await tx.delete(personIdentifiers).where(eq(personIdentifiers.personId, personId));
  const rows = identifierRows(deps, personId, identity);
  if (rows.length) await tx.insert(personIdentifiers).values(rows);
}

function matchQueryOf(identity: PersonIdentity, sex: string | undefined | null, nationality: string | null): MatchQuery {
  return {
    name: identity.name,
    ...(identity.dob ? { dob: identity.dob } : {}),
    ...(sex === 'M' || sex === 'F' ? { sex } : {}),
    ...(nationality ? { nationality } : {}),
    ...(identity.cnic ? { cnic: identity.cnic } : {}),
    ...(identity.passports[0] ? { passport: identity.passports[0].number } : {}),
    ...(identity.fatherName ? { fatherName: identity.fatherName } : {}),
  };
}

/**
 * Registry hits for an identity, also under its Urdu name and aliases; best score per person.
 * With `minScore` only hits at or above it, and the search is pruned to them.
 */
function registryHits(deps: Deps, identity: PersonIdentity, sex: string | undefined | null, nationality: string | null, top: number, minScore?: number): Hit[] {
  const base = matchQueryOf(identity, sex, nationality);
  const best = new Map<string, Hit>();
  for (const name of [identity.name, identity.nameUrdu, ...identity.aliases]) {
    if (!name) continue;
    for (const hit of deps.registry.search({ ...base, name }, top, minScore)) {
      const prev = best.get(hit.id);
      if (!prev || hit.score > prev.score) best.set(hit.id, hit);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

export interface DuplicateView {
  person: PersonView;
  score: number;
  explanation: Explanation;
}

/** Likely duplicates the actor may see, best first (before saving, or for a saved person). */
async function likelyDuplicates(deps: Deps, actor: UserActor, hits: Hit[], excludeId?: string): Promise<DuplicateView[]> {
  const strong = hits.filter((h) => h.score >= DUPLICATE_THRESHOLD && h.id !== excludeId);
  const rows = new Map((await findRows(deps.db, strong.map((h) => h.id))).map((r) => [r.id, r]));
  return strong.flatMap((h) => {
    const row = rows.get(h.id);
    if (!row || row.mergedInto || !can(actor, 'person.read', refOf(row))) return [];
    const person = present(deps, actor, row);
    // Without identity, the explanation would reveal the other person's names.
    return [{ person, score: h.score, explanation: person.identityVisible ? h.explanation : maskExplanation(h.explanation) }];
  });
}

function maskExplanation(e: Explanation): Explanation {
  return {
    ...e,
    matchedName: '—',
    parts: e.parts.map((p) => ({ ...p, candidate: '—' })),
    unmatchedCandidate: e.unmatchedCandidate.map(() => '—'),
    attributes: e.attributes.map((a) => ({ ...a, detail: a.outcome })),
  };
}

// ---- create, read, update --------------------------------------------------------------------

/** Likely duplicates for an identity not yet saved (the warning shown before saving). */
export async function checkDuplicates(deps: Deps, actor: UserActor, input: PersonInput) {
  assertCan(actor, 'person.create', { id: actor.unitId, path: actor.unitPath });
  const n = normalise(input);
  return { warnings: n.warnings, duplicates: await likelyDuplicates(deps, actor, registryHits(deps, n.identity, input.sex, n.nationality, 10, DUPLICATE_THRESHOLD)) };
}

const REF_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
function newRef(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `P-${[...bytes].map((b) => REF_ALPHABET[b % 32]).join('')}`;
}

/** A new person checked and screened against the registry, not yet saved (see newPersonsWrites). */
export interface NewPerson {
  id: string;
  input: PersonInput;
  identity: PersonIdentity;
  birthYear: number | null;
  nationality: string | null;
  /** Likely duplicates (at or above DUPLICATE_THRESHOLD), best first. */
  hits: Hit[];
  warnings: string[];
}

/** Checks a new person's details and screens them against the registry; writes nothing. */
export function screenNewPerson(deps: Deps, actor: UserActor, input: PersonInput): NewPerson {
  assertCan(actor, 'person.create', { id: actor.unitId, path: actor.unitPath });
  const n = normalise(input);
  const hits = registryHits(deps, n.identity, input.sex, n.nationality, 10, DUPLICATE_THRESHOLD);
  return { id: randomUUID(), input, identity: n.identity, birthYear: n.birthYear, nationality: n.nationality, hits, warnings: n.warnings };
}

/**
 * What saving screened new persons writes — the persons, the blind indexes of their identifiers
 * and their likely duplicates for review — as data-modifying CTEs (new_persons, new_identifiers,
 * new_duplicates) for the caller to run in one statement with its own rows: one round trip, and
 * foreign keys are checked at the statement's end. Written as SQL: the query builder spends
 * far more Node time on these rows (every column of the table, every value wrapped). Then, in
 * the same transaction, auditNewPersons; once it has committed, the function indexNewPersons returns.
 */
export function newPersonsWrites(deps: Deps, actor: UserActor, people: NewPerson[], source: string): SQL[] {
  if (people.length === 0) return [];
  const rows = people.map((p) => [p.id, newRef(), actor.unitId, p.input.protected ?? true, p.input.sex ?? null, p.birthYear, p.nationality, deps.cipher.encrypt(JSON.stringify(p.identity), IDENTITY_FIELD(p.id)), actor.userId]);
  const identifiers = people.flatMap((p) => identifierRows(deps, p.id, p.identity));
  // Every likely duplicate goes to the review queue, in scope or not: a supervisor above both decides.
  const duplicates = people.flatMap((p) => p.hits.map((h) => duplicateRow(p.id, h, source)));
  return [
    sql`new_persons AS (INSERT INTO persons (id, ref, unit_id, protected, sex, birth_year, nationality, identity, created_by) VALUES ${valuesOf(rows)})`,
    ...(identifiers.length ? [sql`new_identifiers AS (INSERT INTO person_identifiers (person_id, kind, hash) VALUES ${valuesOf(identifiers.map((i) => [i.personId, i.kind, i.hash]))})`] : []),
    // a remembered judgement ("not the same person") is never reopened
    ...(duplicates.length
      ? [sql`new_duplicates AS (INSERT INTO person_duplicates (person_a, person_b, score_permille, explanation, source)
          VALUES ${valuesOf(duplicates.map((d) => [d.personA, d.personB, d.score, JSON.stringify(d.explanation), d.source]))} ON CONFLICT DO NOTHING)`]
      : []),
  ];
}

/** One person.create event per new person, in the transaction that saved them. */
export async function auditNewPersons(tx: Tx, actor: UserActor, origin: Origin, people: NewPerson[], source: string): Promise<void> {
  for (const p of people) {
    await writeAudit(tx, actor, origin, { action: 'person.create', recordType: 'person', recordId: p.id, fields: identityFields(p.identity), details: { suspectedDuplicates: p.hits.length, source } });
  }
}

/** Puts new persons in the registry's index; call once their transaction has committed. */
export function indexNewPersons(deps: Deps, people: NewPerson[]): () => Promise<void> {
  return async () => {
    // Nothing can have been merged into a record that did not exist: index the identity in hand.
    for (const p of people) deps.registry.addNew(p.id, p.identity, { sex: p.input.sex ?? null, nationality: p.nationality });
  };
}

/**
 * Registers a person inside the caller's transaction. Call `after()` once the transaction has
 * committed.
 */
export async function createPersonInTx(deps: Deps, tx: Tx, actor: UserActor, input: PersonInput, origin: Origin, source = 'persons') {
  const person = screenNewPerson(deps, actor, input);
  await tx.execute(sql`WITH ${sql.join(newPersonsWrites(deps, actor, [person], source), sql`, `)} SELECT 1`);
  await auditNewPersons(tx, actor, origin, [person], source);
  return { id: person.id, hits: person.hits, warnings: person.warnings, after: indexNewPersons(deps, [person]) };
}

export async function createPerson(deps: Deps, actor: UserActor, input: PersonInput, origin: Origin, source = 'persons') {
  const created = await auditedTransaction(deps.db, (tx) => createPersonInTx(deps, tx, actor, input, origin, source));
  await created.after();
  const row = (await findRow(deps.db, created.id))!;
  return { person: present(deps, actor, row), warnings: created.warnings, duplicates: await likelyDuplicates(deps, actor, created.hits, created.id) };
}

function duplicateRow(personId: string, hit: Hit, source: string) {
  const [a, b] = personId < hit.id ? [personId, hit.id] : [hit.id, personId];
  return { personA: a, personB: b, score: Math.round(hit.score * 1000), explanation: hit.explanation as unknown as Record<string, unknown>, source };
}

function identityFields(identity: PersonIdentity): string[] {
  return Object.entries(identity)
    .filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
    .map(([k]) => `identity.${k}`);
}

/** A person's scope for the policy (where registered, whether protected) and birth year, or 404. Other modules ask here, not the table. */
export async function personScopeOf(db: Executor, personId: string): Promise<PersonRef & { birthYear: number | null }> {
  const [row] = await db
    .select({ id: persons.id, unitPath: units.path, protected: persons.protected, birthYear: persons.birthYear })
    .from(persons)
    .innerJoin(units, eq(units.id, persons.unitId))
    .where(eq(persons.id, personId));
  if (!row) throw notFound('person');
  return row;
}

/**
 * Persons as a case (or another module) shows them: identity when that record's own rule allows
 * (`withIdentity`) or the person is not protected (an accused); a pseudonym otherwise.
 */
export async function getPersonsForCase(deps: Deps, ids: string[], withIdentity: boolean) {
  const rows = await findRows(deps.db, [...new Set(ids)]);
  return rows.map((r) => ({
    id: r.id,
    ref: r.ref,
    protected: r.protected,
    sex: r.sex,
    birthYear: r.birthYear,
    nationality: r.nationality,
    mergedInto: r.mergedInto,
    identity: withIdentity || !r.protected ? decrypt(deps, r) : null,
  }));
}

export async function getPerson(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  const row = await readable(deps.db, actor, id);
  const view = present(deps, actor, row);
  const merges = await deps.db
    .select()
    .from(personMerges)
    .where(or(eq(personMerges.sourceId, id), eq(personMerges.targetId, id)))
    .orderBy(desc(personMerges.mergedAt));
  if (view.identityVisible && view.identity) {
    await deps.db.transaction((tx) => writeAudit(tx, actor, origin, { action: 'person.readIdentity', recordType: 'person', recordId: id, fields: identityFields(view.identity!) }));
  }
  return { ...view, merges };
}

export interface PersonPatch extends PersonInput {
  version: number;
}

export async function updatePerson(deps: Deps, actor: UserActor, id: string, patch: PersonPatch, origin: Origin) {
  const row = await readable(deps.db, actor, id);
  assertCan(actor, 'person.update', refOf(row), { type: 'person', id }, { status: 403, message: 'You may see this person but not change their record.' });
  if (row.mergedInto) throw conflict('This record was merged into another; change the surviving record instead.', { mergedInto: row.mergedInto });
  const n = normalise(patch);
  const before = decrypt(deps, row);
  const changed = Object.keys({ ...before, ...n.identity }).filter((k) => JSON.stringify(before[k as keyof PersonIdentity]) !== JSON.stringify(n.identity[k as keyof PersonIdentity]));
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(persons)
      .set({
        sex: patch.sex ?? null,
        nationality: n.nationality,
        birthYear: n.birthYear,
        protected: patch.protected ?? row.protected,
        identity: deps.cipher.encrypt(JSON.stringify(n.identity), IDENTITY_FIELD(id)),
        version: sql`${persons.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(persons.id, id), eq(persons.version, patch.version)))
      .returning({ id: persons.id });
    if (updated.length === 0) throw staleVersion('person', row.version);
    await writeIdentifiers(deps, tx, id, n.identity);
    await writeAudit(tx, actor, origin, { action: 'person.update', recordType: 'person', recordId: id, fields: changed.map((k) => `identity.${k}`) });
  });
  await deps.registry.refresh(deps.db, deps.cipher, id);
  const hits = registryHits(deps, n.identity, patch.sex, n.nationality, 10, DUPLICATE_THRESHOLD);
  return { person: present(deps, actor, (await findRow(deps.db, id))!), warnings: n.warnings, duplicates: await likelyDuplicates(deps, actor, hits, id) };
}

// ---- search and match ------------------------------------------------------------------------

export interface SearchResult {
  person: PersonView;
  score: number | null;
  matchedBy: 'cnic' | 'passport' | 'phone' | 'name';
  explanation: Explanation | null;
}

/**
 * SQL for the record a person id now stands for (itself, or the record it was merged into), so
 * other modules can group by person without reading this module's table.
 */
export function survivingPersonSql(personIdColumn: AnyPgColumn | SQL): SQL<string> {
  return sql<string>`(SELECT coalesce(sp.merged_into, sp.id) FROM persons sp WHERE sp.id = ${personIdColumn})`;
}

/** Follows merges to the surviving record. Other modules link persons through this. */
export async function resolvePersonId(db: Executor, id: string): Promise<string> {
  let cur = id;
  for (let i = 0; i < 100; i++) {
    const [row] = await db.select({ mergedInto: persons.mergedInto }).from(persons).where(eq(persons.id, cur));
    if (!row?.mergedInto) return cur;
    cur = row.mergedInto;
  }
  return cur;
}

/** Rows the actor may read among ids (SQL scope, the same rule as person.read). */
async function scopedRows(deps: Deps, actor: UserActor, ids: string[]): Promise<Map<string, PersonRow>> {
  if (ids.length === 0) return new Map();
  const rows = await deps.db
    .select(personColumns)
    .from(persons)
    .innerJoin(units, eq(units.id, persons.unitId))
    .where(and(inArray(persons.id, ids), personScope(actor, units.path)));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Search by any name spelling (either script), CNIC, passport number or phone, within the
 * actor's scope. The query text is audited as a blind index, never in clear.
 */
export async function searchPersons(deps: Deps, actor: UserActor, q: string, limit: number, origin: Origin): Promise<SearchResult[]> {
  const ident = identifierKindOf(q);
  let results: SearchResult[];
  if (ident) {
    const matches = await deps.db
      .selectDistinct({ personId: personIdentifiers.personId })
      .from(personIdentifiers)
      .where(and(eq(personIdentifiers.kind, ident.kind), eq(personIdentifiers.hash, deps.cipher.blindIndex(ident.kind, ident.value))));
    const ids = [...new Set(await Promise.all(matches.map((m) => resolvePersonId(deps.db, m.personId))))];
    const rows = await scopedRows(deps, actor, ids);
    results = ids.flatMap((id) => {
      const row = rows.get(id);
      return row ? [{ person: present(deps, actor, row), score: null, matchedBy: ident.kind, explanation: null }] : [];
    });
  } else {
    const hits = deps.registry.search({ name: q }, Math.max(limit * 4, 50));
    results = await hitsInScope(deps, actor, hits, limit);
  }
  results = results.slice(0, limit);
  await deps.db.transaction((tx) =>
    writeAudit(tx, actor, origin, {
      action: 'person.search',
      recordType: 'person',
      details: { queryKind: ident?.kind ?? 'name', queryIndex: deps.cipher.blindIndex('search', (ident?.value ?? q).trim().toLowerCase()), results: results.map((r) => r.person.id), identityShown: results.some((r) => r.person.identityVisible) },
    }),
  );
  return results;
}

async function hitsInScope(deps: Deps, actor: UserActor, hits: Hit[], limit: number): Promise<SearchResult[]> {
  const rows = await scopedRows(deps, actor, hits.map((h) => h.id));
  const out: SearchResult[] = [];
  for (const h of hits) {
    const row = rows.get(h.id);
    if (!row) continue;
    const person = present(deps, actor, row);
    out.push({ person, score: h.score, matchedBy: 'name', explanation: person.identityVisible ? h.explanation : maskExplanation(h.explanation) });
    if (out.length >= limit) break;
  }
  return out;
}

export interface MatchRequest {
  name: string;
  dob?: string | undefined;
  nationality?: string | undefined;
  sex?: 'M' | 'F' | undefined;
  cnic?: string | undefined;
  passport?: string | undefined;
  fatherName?: string | undefined;
  top: number;
}

/** One structured query against the registry: hits best first, with score, alert and explanation. */
export async function matchPerson(deps: Deps, actor: UserActor, req: MatchRequest, origin: Origin) {
  if (req.cnic) {
    const c = parseCnic(req.cnic);
    if (!c.ok) throw unprocessable(c.error, { field: 'cnic' });
  }
  const { top, ...query } = req;
  const hits = deps.registry.search(query as MatchQuery, Math.max(top * 4, 40));
  const results = await hitsInScope(deps, actor, hits, top);
  await deps.db.transaction((tx) =>
    writeAudit(tx, actor, origin, { action: 'person.match', recordType: 'person', details: { queryIndex: deps.cipher.blindIndex('search', req.name.trim().toLowerCase()), results: results.map((r) => r.person.id) } }),
  );
  return { threshold: ALERT_THRESHOLD, hits: results.map((r) => ({ ...r, alert: (r.score ?? 0) >= ALERT_THRESHOLD })) };
}

export async function listPersons(deps: Deps, actor: UserActor, page: number, pageSize: number) {
  const where = and(personScope(actor, units.path), isNull(persons.mergedInto));
  const [rows, [total]] = await Promise.all([
    deps.db.select(personColumns).from(persons).innerJoin(units, eq(units.id, persons.unitId)).where(where).orderBy(desc(persons.createdAt)).limit(pageSize).offset((page - 1) * pageSize),
    deps.db.select({ n: count() }).from(persons).innerJoin(units, eq(units.id, persons.unitId)).where(where),
  ]);
  return { items: rows.map((r) => present(deps, actor, r)), total: total?.n ?? 0, page, pageSize };
}

// ---- duplicates review, merge, un-merge ------------------------------------------------------

const unitsA = alias(units, 'units_a');
const unitsB = alias(units, 'units_b');
const personsA = alias(persons, 'persons_a');
const personsB = alias(persons, 'persons_b');

/** Open suspected duplicates where the reviewer may merge both records. */
export async function listDuplicates(deps: Deps, actor: UserActor, status: 'open' | 'merged' | 'distinct', page: number, pageSize: number) {
  assertCan(actor, 'person.reviewDuplicates', null);
  const where = and(eq(personDuplicates.status, status), personScope(actor, unitsA.path), personScope(actor, unitsB.path));
  const base = deps.db
    .select({ dup: personDuplicates })
    .from(personDuplicates)
    .innerJoin(personsA, eq(personsA.id, personDuplicates.personA))
    .innerJoin(unitsA, eq(unitsA.id, personsA.unitId))
    .innerJoin(personsB, eq(personsB.id, personDuplicates.personB))
    .innerJoin(unitsB, eq(unitsB.id, personsB.unitId))
    .where(where);
  const rows = await base.orderBy(desc(personDuplicates.score), desc(personDuplicates.createdAt)).limit(pageSize).offset((page - 1) * pageSize);
  const [total] = await deps.db
    .select({ n: count() })
    .from(personDuplicates)
    .innerJoin(personsA, eq(personsA.id, personDuplicates.personA))
    .innerJoin(unitsA, eq(unitsA.id, personsA.unitId))
    .innerJoin(personsB, eq(personsB.id, personDuplicates.personB))
    .innerJoin(unitsB, eq(unitsB.id, personsB.unitId))
    .where(where);
  const people = new Map((await findRows(deps.db, rows.flatMap((r) => [r.dup.personA, r.dup.personB]))).map((r) => [r.id, r]));
  const items = rows.map(({ dup }) => {
    const a = present(deps, actor, people.get(dup.personA)!);
    const b = present(deps, actor, people.get(dup.personB)!);
    const visible = a.identityVisible && b.identityVisible;
    return {
      id: dup.id,
      score: dup.score / 1000,
      status: dup.status,
      source: dup.source,
      reason: dup.reason,
      createdAt: dup.createdAt,
      decidedAt: dup.decidedAt,
      explanation: visible ? (dup.explanation as unknown as Explanation) : maskExplanation(dup.explanation as unknown as Explanation),
      a,
      b,
    };
  });
  return { items, total: total?.n ?? 0, page, pageSize };
}

async function duplicateInScope(deps: Deps, actor: UserActor, id: string) {
  assertCan(actor, 'person.reviewDuplicates', null);
  const [dup] = await deps.db.select().from(personDuplicates).where(eq(personDuplicates.id, id));
  if (!dup) throw notFound('suspected duplicate');
  for (const pid of [dup.personA, dup.personB]) {
    const row = await findRow(deps.db, pid);
    if (!row) throw notFound('suspected duplicate');
    assertCan(actor, 'person.merge', refOf(row), { type: 'person_duplicate', id });
  }
  return dup;
}

/** "Not the same person": remembered, so the pair is never raised again. */
export async function judgeDistinct(deps: Deps, actor: UserActor, duplicateId: string, reason: string, origin: Origin) {
  const dup = await duplicateInScope(deps, actor, duplicateId);
  if (dup.status !== 'open') throw conflict(`This pair was already decided (${dup.status}).`);
  await deps.db.transaction(async (tx) => {
    await tx.update(personDuplicates).set({ status: 'distinct', reason, decidedBy: actor.userId, decidedAt: new Date() }).where(eq(personDuplicates.id, duplicateId));
    await writeAudit(tx, actor, origin, { action: 'person.judgeDistinct', recordType: 'person_duplicate', recordId: duplicateId, details: { a: dup.personA, b: dup.personB } });
  });
}

/** Merges source into target: the source stays, marked merged, and every link follows it to the target. */
export async function mergePersons(deps: Deps, actor: UserActor, input: { sourceId: string; targetId: string; reason: string; duplicateId?: string | undefined }, origin: Origin) {
  if (input.sourceId === input.targetId) throw unprocessable('A person cannot be merged into themselves.');
  const source = await readable(deps.db, actor, input.sourceId);
  const target = await readable(deps.db, actor, input.targetId);
  for (const row of [source, target]) assertCan(actor, 'person.merge', refOf(row), { type: 'person', id: row.id }, { status: 403, message: 'You may see this person but not merge their record.' });
  if (source.mergedInto || target.mergedInto) throw conflict('One of these records was already merged into another. Reload and merge the surviving records.');
  const mergeId = randomUUID();
  await deps.db.transaction(async (tx) => {
    const moved = await tx
      .update(persons)
      .set({ mergedInto: target.id, version: sql`${persons.version} + 1`, updatedAt: new Date() })
      .where(and(eq(persons.id, source.id), isNull(persons.mergedInto)))
      .returning({ id: persons.id });
    if (moved.length === 0) throw conflict('Someone merged this record at the same moment. Reload.');
    await tx.insert(personMerges).values({ id: mergeId, sourceId: source.id, targetId: target.id, reason: input.reason, mergedBy: actor.userId });
    const [a, b] = source.id < target.id ? [source.id, target.id] : [target.id, source.id];
    await tx
      .insert(personDuplicates)
      .values({ personA: a, personB: b, score: 1000, explanation: {}, source: 'manual', status: 'merged', reason: input.reason, decidedBy: actor.userId, decidedAt: new Date() })
      .onConflictDoUpdate({ target: [personDuplicates.personA, personDuplicates.personB], set: { status: 'merged', reason: input.reason, decidedBy: actor.userId, decidedAt: new Date() } });
    await writeAudit(tx, actor, origin, { action: 'person.merge', recordType: 'person', recordId: target.id, details: { mergeId, source: source.id, target: target.id, reason: input.reason } });
  });
  await deps.registry.refresh(deps.db, deps.cipher, source.id);
  await deps.registry.refresh(deps.db, deps.cipher, target.id);
  return { mergeId, person: present(deps, actor, (await findRow(deps.db, target.id))!) };
}

/** Undoes a merge: the source stands on its own again; the history keeps both events. */
export async function undoMerge(deps: Deps, actor: UserActor, mergeId: string, reason: string, origin: Origin) {
  const [merge] = await deps.db.select().from(personMerges).where(eq(personMerges.id, mergeId));
  if (!merge) throw notFound('merge');
  const source = await readable(deps.db, actor, merge.sourceId);
  const target = await readable(deps.db, actor, merge.targetId);
  for (const row of [source, target]) assertCan(actor, 'person.merge', refOf(row), { type: 'person', id: row.id }, { status: 403 });
  if (merge.undoneAt) throw conflict('This merge was already undone.');
  await deps.db.transaction(async (tx) => {
    await tx.update(persons).set({ mergedInto: null, version: sql`${persons.version} + 1`, updatedAt: new Date() }).where(eq(persons.id, source.id));
    await tx.update(personMerges).set({ undoneAt: new Date(), undoneBy: actor.userId, undoReason: reason }).where(eq(personMerges.id, mergeId));
    const [a, b] = source.id < target.id ? [source.id, target.id] : [target.id, source.id];
    await tx.update(personDuplicates).set({ status: 'distinct', reason: `merge undone: ${reason}`, decidedBy: actor.userId, decidedAt: new Date() }).where(and(eq(personDuplicates.personA, a), eq(personDuplicates.personB, b)));
    await writeAudit(tx, actor, origin, { action: 'person.unmerge', recordType: 'person', recordId: source.id, details: { mergeId, target: target.id, reason } });
  });
  await deps.registry.refresh(deps.db, deps.cipher, source.id);
  await deps.registry.refresh(deps.db, deps.cipher, target.id);
  return { person: present(deps, actor, (await findRow(deps.db, source.id))!) };
}
