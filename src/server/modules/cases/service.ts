// The ATU investigation database: a case from first information to final judgment. This file
// holds the core (registration, stages, people, charges, deadlines, the register); court,
// evidence, diary and monitoring live beside it and load cases through `caseInScope`.
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { OFFENCES, STATUTES } from '../../../domain/law.js';
import { computeDeadlines, isMinor, ageOn, type CaseFacts, type Deadline } from '../../../domain/procedure.js';
import { isLawfulTransition, type CaseStage } from '../../../domain/taxonomies.js';
import {
  caseCharges,
  caseDeadlines,
  caseEntities,
  caseParties,
  caseRefCounters,
  caseShares,
  caseStageEvents,
  cases,
  caseTasks,
  hearings,
  notifications,
  offences,
  statutes,
  units,
  users,
} from '../../db/schema.js';
import { auditedTransaction, writeAudit, type Origin } from '../../platform/audit.js';
import { queryRows, valuesOf, type Executor, type Tx } from '../../platform/db.js';
import type { Deps } from '../../platform/http.js';
import { conflict, notFound, staleVersion, unprocessable } from '../../platform/errors.js';
import { assertCan, can, caseScope, type Actor, type CaseRef, type UserActor } from '../../platform/policy.js';
import { auditNewPersons, createPersonInTx, getPersonsForCase, indexNewPersons, newPersonsWrites, screenNewPerson, type NewPerson, type PersonInput } from '../persons/service.js';

export const today = (): string => new Date().toISOString().slice(0, 10);

// ---- law catalogue ---------------------------------------------------------------------------

/** Loads the shipped catalogue into the database the first time; administrators edit it there. */
export async function ensureLawCatalogue(db: Executor): Promise<void> {
  const [row] = await db.select({ n: count() }).from(statutes);
  if ((row?.n ?? 0) > 0) return;
  await db.insert(statutes).values(STATUTES.map((s) => ({ ...s, repealedOn: s.repealedOn ?? null, repealedBy: s.repealedBy ?? null, note: s.note ?? null })));
  await db.insert(offences).values(
    OFFENCES.map((o) => ({ ...o, effectiveTo: o.effectiveTo ?? null, investigatingAgency: o.investigatingAgency ?? null, note: o.note ?? null })),
  );
}

export async function listLaw(deps: Deps) {
  const [s, o] = await Promise.all([deps.db.select().from(statutes).orderBy(asc(statutes.year)), deps.db.select().from(offences).orderBy(asc(offences.statute), asc(offences.section))]);
  return { statutes: s, offences: o };
}

// ---- loading and scope -----------------------------------------------------------------------

export interface CaseRow {
  id: string;
  ref: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  title: string;
  narrative: string;
  stage: string;
  stageSince: string;
  closureReason: string | null;
  statute: string;
  category: string;
  source: string;
  receivedOn: string;
  firNumber: string | null;
  firDate: string | null;
  policeStation: string | null;
  challanDate: string | null;
  court: string | null;
  officerId: string | null;
  prosecutorId: string | null;
  nextHearing: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const caseColumns = {
  id: cases.id,
  ref: cases.ref,
  unitId: cases.unitId,
  unitName: units.name,
  unitPath: units.path,
  title: cases.title,
  narrative: cases.narrative,
  stage: cases.stage,
  stageSince: cases.stageSince,
  closureReason: cases.closureReason,
  statute: cases.statute,
  category: cases.category,
  source: cases.source,
  receivedOn: cases.receivedOn,
  firNumber: cases.firNumber,
  firDate: cases.firDate,
  policeStation: cases.policeStation,
  challanDate: cases.challanDate,
  court: cases.court,
  officerId: cases.officerId,
  prosecutorId: cases.prosecutorId,
  nextHearing: cases.nextHearing,
  version: cases.version,
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
};

export async function caseRefOf(db: Executor, row: { id: string; unitPath: string }): Promise<CaseRef> {
  const shares = await db
    .select({ path: units.path })
    .from(caseShares)
    .innerJoin(units, eq(units.id, caseShares.unitId))
    .where(and(eq(caseShares.caseId, row.id), isNull(caseShares.revokedAt)));
  return { id: row.id, unitPath: row.unitPath, sharedWith: shares.map((s) => s.path) };
}

/**
 * Loads a case the actor may read (404 otherwise: its existence must not leak) and checks the
 * action asked for (403 when the case is visible but the action is not allowed).
 */
export async function caseInScope(db: Executor, actor: UserActor, id: string, action: 'case.read' | 'case.update' | 'case.recordCourt' | 'case.transfer' = 'case.read') {
  const [row] = await db.select(caseColumns).from(cases).innerJoin(units, eq(units.id, cases.unitId)).where(eq(cases.id, id));
  if (!row) throw notFound('case');
  const ref = await caseRefOf(db, row);
  assertCan(actor, 'case.read', ref, { type: 'case', id });
  if (action !== 'case.read') assertCan(actor, action, ref, { type: 'case', id }, { status: 403, message: 'You may see this case but not do this to it.' });
  return { row, ref };
}

/** A case's reference (ATU/YEAR/NNNNNN), for modules that link to a case they opened. */
export async function caseReference(db: Executor, id: string): Promise<string | null> {
  const [row] = await db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, id));
  return row?.ref ?? null;
}

/** Bumps the case version (optimistic concurrency) and its updated time. */
export async function touchCase(tx: Tx, id: string, expectedVersion: number | undefined, current: number): Promise<void> {
  const where = expectedVersion === undefined ? eq(cases.id, id) : and(eq(cases.id, id), eq(cases.version, expectedVersion));
  const rows = await tx.update(cases).set({ version: sql`${cases.version} + 1`, updatedAt: new Date() }).where(where).returning({ id: cases.id });
  if (rows.length === 0) throw staleVersion('case', current);
}

// ---- deadlines -------------------------------------------------------------------------------

/** Recomputes the case's deadlines from its facts; an alert already sent for an unchanged deadline is kept. */
export async function recomputeDeadlines(tx: Executor, caseId: string, on = today()): Promise<void> {
  const [c] = await tx.select({ stage: cases.stage, firDate: cases.firDate, challanDate: cases.challanDate }).from(cases).where(eq(cases.id, caseId));
  if (!c) return;
  const accused = await tx
    .select({ id: caseParties.id, remandUntil: caseParties.remandUntil, proclamationPublishedOn: caseParties.proclamationPublishedOn, proclamationPeriodDays: caseParties.proclamationPeriodDays, arrestedOn: caseParties.arrestedOn })
    .from(caseParties)
    .where(and(eq(caseParties.caseId, caseId), eq(caseParties.role, 'accused')));
  const hs = await tx.select({ date: hearings.on, nextDate: hearings.nextDate }).from(hearings).where(eq(hearings.caseId, caseId)).orderBy(asc(hearings.on));
  const computed = computeDeadlines(
    {
      stage: c.stage as CaseStage,
      ...(c.firDate ? { firDate: c.firDate } : {}),
      ...(c.challanDate ? { challanDate: c.challanDate } : {}),
      accused: accused.map(accusedFacts),
      hearings: hs.map((h) => ({ date: h.date, ...(h.nextDate ? { nextDate: h.nextDate } : {}) })),
    },
    on,
  );
  const existing = await tx.select().from(caseDeadlines).where(eq(caseDeadlines.caseId, caseId));
  const key = (d: { kind: string; partyKey?: string | null; due: string }) => `${d.kind}|${d.partyKey ?? ''}|${d.due}`;
  const keep = new Map(existing.map((e) => [key(e), e]));
  const want = new Set(computed.map(key));
  const stale = existing.filter((e) => !want.has(key(e))).map((e) => e.id);
  if (stale.length) await tx.delete(caseDeadlines).where(inArray(caseDeadlines.id, stale));
  const fresh = computed.filter((d) => !keep.has(key(d)));
  if (fresh.length) await tx.insert(caseDeadlines).values(deadlineRows(caseId, fresh));
  const next = hs.length ? (hs[hs.length - 1]!.nextDate ?? null) : null;
  await tx.update(cases).set({ nextHearing: next }).where(eq(cases.id, caseId));
}

interface AccusedDeadlineFacts {
  id: string;
  remandUntil?: string | null | undefined;
  proclamationPublishedOn?: string | null | undefined;
  proclamationPeriodDays?: number | null | undefined;
  arrestedOn?: string | null | undefined;
}

function accusedFacts(a: AccusedDeadlineFacts): CaseFacts['accused'][number] {
  return {
    key: a.id,
    ...(a.remandUntil ? { remandUntil: a.remandUntil } : {}),
    ...(a.proclamationPublishedOn ? { proclamationPublishedOn: a.proclamationPublishedOn } : {}),
    ...(a.proclamationPeriodDays ? { proclamationPeriodDays: a.proclamationPeriodDays } : {}),
    ...(a.arrestedOn ? { arrestedOn: a.arrestedOn } : {}),
  };
}

function deadlineRows(caseId: string, ds: Deadline[]) {
  return ds.map((d) => ({ caseId, kind: d.kind, partyKey: d.partyKey ?? null, due: d.due, basis: d.basis, basisUr: d.basisUr }));
}

// ---- registration ----------------------------------------------------------------------------

export interface VictimFacts {
  ageYears?: number | undefined;
  districtOfOrigin?: string | undefined;
  exploitation?: string[] | undefined;
  meansOfControl?: string[] | undefined;
  recruiterRelation?: string | undefined;
  route?: Array<{ country: string; city?: string | undefined; leg: 'origin' | 'transit' | 'destination' }> | undefined;
  identifiedOn?: string | undefined;
}

export interface AccusedFacts {
  accusedRoles?: string[] | undefined;
  arrestedOn?: string | undefined;
  remandUntil?: string | undefined;
  bailStatus?: string | undefined;
  proclaimedOffender?: boolean | undefined;
  proclamationPublishedOn?: string | undefined;
  proclamationPeriodDays?: number | undefined;
  absconding?: boolean | undefined;
}

export interface PartyInput extends VictimFacts, AccusedFacts {
  role: string;
  /** An existing person in the registry, or a new one registered with the case. */
  personId?: string | undefined;
  person?: PersonInput | undefined;
  charges?: string[] | undefined;
}

export interface EntityInput {
  kind: 'phone' | 'agency' | 'bank-account' | 'vehicle';
  value: string;
  label?: string | undefined;
}

export interface CaseInput {
  title: string;
  narrative?: string | undefined;
  statute: string;
  source: string;
  receivedOn: string;
  stage?: 'complaint' | 'inquiry' | 'fir' | undefined;
  firNumber?: string | undefined;
  firDate?: string | undefined;
  policeStation?: string | undefined;
  officerId?: string | undefined;
  parties: PartyInput[];
  entities?: EntityInput[] | undefined;
}

const VICTIM_ROLES = new Set(['victim', 'suspected-victim']);

export function normaliseEntity(kind: string, value: string): string {
  if (kind === 'phone') {
    let d = value.replace(/\D/g, '');
    if (d.startsWith('00')) d = d.slice(2);
    else if (d.startsWith('0')) d = `92${d.slice(1)}`;
    return d;
  }
  return value.toUpperCase().replace(/[^A-Z0-9\u0600-\u06FF]+/g, ' ').trim();
}

/** A case's category from the categories of its charges (or, uncharged, of its statute's offences). */
function categoryFrom(cats: Set<string>): string {
  if (cats.has('trafficking') && cats.has('smuggling')) return 'both';
  if (cats.has('trafficking')) return 'trafficking';
  if (cats.has('smuggling')) return 'smuggling';
  return 'other';
}

async function categoryOf(db: Executor, offenceCodes: string[], statute: string): Promise<string> {
  const codes = offenceCodes.length ? offenceCodes : [];
  const cats = new Set<string>();
  if (codes.length) for (const o of await db.select({ c: offences.category }).from(offences).where(inArray(offences.code, codes))) cats.add(o.c);
  if (cats.size === 0) {
    for (const o of await db.select({ c: offences.category }).from(offences).where(eq(offences.statute, statute))) cats.add(o.c);
  }
  return categoryFrom(cats);
}

function assertKnownOffences(codes: string[], known: Set<string>): void {
  const missing = codes.filter((c) => !known.has(c));
  if (missing.length) throw unprocessable(`Unknown offence ${missing.join(', ')}; choose from the law catalogue.`, { field: 'charges', missing });
}

async function checkOffences(db: Executor, codes: string[]): Promise<void> {
  if (codes.length === 0) return;
  assertKnownOffences(codes, new Set((await db.select({ code: offences.code }).from(offences).where(inArray(offences.code, codes))).map((o) => o.code)));
}

/**
 * What registration needs from the law catalogue, in one query: the statute (undefined when
 * unknown), and the offences charged and the statute's own offences (for the category).
 */
async function lawForRegistration(db: Executor, statuteCode: string, charged: string[]) {
  const rows = await queryRows<{ short_title: string; repealed_on: string | null; code: string | null; category: string | null; statute: string | null }>(
    db,
    sql`SELECT s.short_title, s.repealed_on, o.code, o.category, o.statute
        FROM ${statutes} s LEFT JOIN ${offences} o ON o.statute = s.code ${charged.length ? sql`OR o.code IN ${charged}` : sql``}
        WHERE s.code = ${statuteCode}`,
  );
  const statute = rows[0] && { shortTitle: rows[0].short_title, repealedOn: rows[0].repealed_on };
  const found = rows.flatMap((r) => (r.code === null || r.category === null ? [] : [{ code: r.code, category: r.category, statute: r.statute }]));
  return { statute, offences: found };
}

/**
 * The next case number in the ATU's series for the year (ATU/YEAR/NNNNNN), as an INSERT … RETURNING
 * ref. The counter row stays locked until the transaction ends, so numbers are gap-free.
 */
function nextRefSql(unitId: string, year: string): SQL {
  const n = sql`${caseRefCounters.last}::text`;
  return sql`(INSERT INTO ${caseRefCounters} (unit_id, year, last) VALUES (${unitId}, ${year}, 1)
    ON CONFLICT (unit_id, year) DO UPDATE SET last = ${caseRefCounters.last} + 1
    RETURNING (SELECT code FROM ${units} WHERE id = ${unitId}) || '/' || ${year} || '/' || lpad(${n}, greatest(6, length(${n})), '0') AS ref)`;
}

// Victims, witnesses, complainants and informants are protected; an accused is not, unless said so.
const newPersonOf = (p: PartyInput & { person: PersonInput }): PersonInput => ({ ...p.person, protected: p.person.protected ?? p.role !== 'accused' });

const needsPerson = () => unprocessable('Each person in the case needs a person from the registry or the details of a new one.', { field: 'parties' });
const onlyAccusedCharged = () => unprocessable('Only an accused can be charged.', { field: 'charges' });

/** The case_parties row for a person in the case: the facts of their role, the rest left empty. */
function partyValues(id: string, caseId: string, personId: string, p: PartyInput, on: string) {
  const victim = VICTIM_ROLES.has(p.role);
  const accused = p.role === 'accused';
  let minor: boolean | null = null;
  let age = p.ageYears ?? null;
  if (victim) {
    const dob = p.person?.identity.dob;
    if (age === null && dob) age = ageOn(dob, on);
    minor = dob ? isMinor(dob, on) : age !== null ? age < 18 : null;
  }
  return {
    id,
    caseId,
    personId,
    role: p.role,
    ...(victim
      ? {
          ageYears: age,
          minor,
          districtOfOrigin: p.districtOfOrigin ?? null,
          exploitation: p.exploitation ?? [],
          meansOfControl: p.meansOfControl ?? [],
          recruiterRelation: p.recruiterRelation ?? null,
          route: p.route ?? [],
          identifiedOn: p.identifiedOn ?? null,
        }
      : {}),
    ...(accused
      ? {
          accusedRoles: p.accusedRoles ?? [],
          arrestedOn: p.arrestedOn ?? null,
          remandUntil: p.remandUntil ?? null,
          bailStatus: p.bailStatus ?? null,
          proclaimedOffender: p.proclaimedOffender ?? false,
          proclamationPublishedOn: p.proclamationPublishedOn ?? null,
          proclamationPeriodDays: p.proclamationPeriodDays ?? null,
          absconding: p.absconding ?? false,
        }
      : {}),
  };
}

type PartyValues = ReturnType<typeof partyValues>;

const PARTY_COLUMNS = sql.raw(
  'id, case_id, person_id, role, age_years, minor, district_of_origin, exploitation, means_of_control, recruiter_relation, route, identified_on, ' +
    'accused_roles, arrested_on, remand_until, bail_status, proclaimed_offender, proclamation_published_on, proclamation_period_days, absconding',
);

/** partyValues in PARTY_COLUMNS order; what a role does not have stays empty (the flags false, as their defaults). */
function partyRow(v: PartyValues): unknown[] {
  const encoded = <T>(value: T | undefined, column: { mapToDriverValue(value: T): unknown }) => (value === undefined ? null : column.mapToDriverValue(value));
  return [
    v.id,
    v.caseId,
    v.personId,
    v.role,
    v.ageYears ?? null,
    v.minor ?? null,
    v.districtOfOrigin ?? null,
    encoded(v.exploitation, caseParties.exploitation),
    encoded(v.meansOfControl, caseParties.meansOfControl),
    v.recruiterRelation ?? null,
    encoded(v.route, caseParties.route),
    v.identifiedOn ?? null,
    encoded(v.accusedRoles, caseParties.accusedRoles),
    v.arrestedOn ?? null,
    v.remandUntil ?? null,
    v.bailStatus ?? null,
    v.proclaimedOffender ?? false,
    v.proclamationPublishedOn ?? null,
    v.proclamationPeriodDays ?? null,
    v.absconding ?? false,
  ];
}

async function insertParty(deps: Deps, tx: Tx, actor: UserActor, caseId: string, p: PartyInput, origin: Origin, after: Array<() => Promise<void>>, on: string) {
  let personId = p.personId;
  if (!personId && p.person) {
    const created = await createPersonInTx(deps, tx, actor, newPersonOf({ ...p, person: p.person }), origin, 'cases');
    after.push(created.after);
    personId = created.id;
  }
  if (!personId) throw needsPerson();
  const id = randomUUID();
  await tx.insert(caseParties).values(partyValues(id, caseId, personId, p, on));
  if (p.charges?.length) {
    if (p.role !== 'accused') throw onlyAccusedCharged();
    await checkOffences(tx, p.charges);
    await tx.insert(caseCharges).values(p.charges.map((offence) => ({ caseId, partyId: id, offence })));
  }
  return id;
}

/** Quick registration in one step: the case, its people (new or from the registry), charges and links. */
export async function registerCase(deps: Deps, actor: UserActor, input: CaseInput, origin: Origin) {
  const { id, ref, after } = await auditedTransaction(deps.db, (tx) => registerCaseInTx(deps, tx, actor, input, origin));
  await after();
  return { id, ref };
}

/**
 * Registers a case inside the caller's transaction (the import registers many cases in one);
 * `after` puts its new people in the registry's index once the transaction has committed.
 * Normally the case belongs to the actor's ATU; `owner` opens it in another ATU (the helpline's
 * hand-off opens an inquiry in the ATU responsible for the district), which the policy allows
 * only to the roles that hand off.
 */
export async function registerCaseInTx(deps: Deps, tx: Tx, actor: UserActor, input: CaseInput, origin: Origin, owner?: { id: string; path: string }) {
  if (owner) assertCan(actor, 'case.openInquiry', owner);
  else assertCan(actor, 'case.create', { id: actor.unitId, path: actor.unitPath });
  const unitId = owner?.id ?? actor.unitId;
  const allCharges = input.parties.flatMap((p) => p.charges ?? []);
  const law = await lawForRegistration(tx, input.statute, allCharges);
  const statute = law.statute;
  if (!statute) throw unprocessable(`Unknown statute ${input.statute}; choose from the law catalogue.`, { field: 'statute' });
  if (statute.repealedOn && input.receivedOn > statute.repealedOn) {
    throw unprocessable(`${statute.shortTitle} was repealed on ${statute.repealedOn}; a new case cannot be registered under it.`, { field: 'statute' });
  }
  const stage = input.stage ?? 'complaint';
  if (stage === 'fir' && (!input.firNumber || !input.firDate)) throw unprocessable('An FIR needs its number and date.', { field: 'firNumber' });
  if (input.receivedOn > today()) throw unprocessable('The information cannot be received in the future.', { field: 'receivedOn' });
  const charged = new Set(allCharges);
  assertKnownOffences(allCharges, new Set(law.offences.filter((o) => charged.has(o.code)).map((o) => o.code)));
  const chargedCategories = new Set(law.offences.filter((o) => charged.has(o.code)).map((o) => o.category));
  const category = categoryFrom(chargedCategories.size ? chargedCategories : new Set(law.offences.filter((o) => o.statute === input.statute).map((o) => o.category)));

  // The people, checked in order and new ones screened against the registry, before anything is written.
  const id = randomUUID();
  const newPeople: NewPerson[] = [];
  const parties: Array<{ input: PartyInput; values: PartyValues }> = [];
  for (const p of input.parties) {
    let personId = p.personId;
    if (!personId && p.person) {
      const person = screenNewPerson(deps, actor, newPersonOf({ ...p, person: p.person }));
      newPeople.push(person);
      personId = person.id;
    }
    if (!personId) throw needsPerson();
    if (p.charges?.length && p.role !== 'accused') throw onlyAccusedCharged();
    parties.push({ input: p, values: partyValues(randomUUID(), id, personId, p, input.receivedOn) });
  }
  const stageSince = stage === 'fir' ? input.firDate! : input.receivedOn;
  const charges = parties.flatMap((p) => (p.input.charges ?? []).map((offence) => ({ partyId: p.values.id, offence })));
  const entities = (input.entities ?? []).map((e) => ({ kind: e.kind, value: normaliseEntity(e.kind, e.value), label: e.label ?? e.value }));
  // A new case has no hearings and no deadlines yet: computed from what is written here (see recomputeDeadlines).
  const deadlines = computeDeadlines(
    {
      stage,
      ...(input.firDate ? { firDate: input.firDate } : {}),
      accused: parties.filter((p) => p.values.role === 'accused').map((p) => accusedFacts(p.values)),
      hearings: [],
    },
    today(),
  );
  // The case, its new people and everything registered with it in one statement, numbered in
  // it: the ATU's counter row stays locked from here to commit (and holds up the ATU's other
  // registrations), and is always taken before the audit chain's lock, whichever way the
  // caller's transaction appends its audit events. Written as SQL, not with the query builder,
  // which emits every column of these wide tables for every row and wraps every value:
  // building it took about a quarter of a millisecond of Node time per registration (~7%).
  // Foreign keys are checked at the end of the statement.
  const year = input.receivedOn.slice(0, 4);
  const officerId = input.officerId ?? (owner ? null : actor.userId);
  const personWrites = newPersonsWrites(deps, actor, newPeople, 'cases');
  const [written] = await queryRows<{ ref: string }>(
    tx,
    sql`WITH ${personWrites.length ? sql`${sql.join(personWrites, sql`, `)},` : sql``}
      numbered AS ${nextRefSql(unitId, year)},
      new_case AS (
        INSERT INTO cases (id, ref, unit_id, title, narrative, stage, stage_since, statute, category, source, received_on, fir_number, fir_date, police_station, officer_id, created_by)
        VALUES (${id}, (SELECT ref FROM numbered), ${unitId}, ${input.title}, ${input.narrative ?? ''}, ${stage}, ${stageSince}, ${input.statute}, ${category}, ${input.source},
                ${input.receivedOn}, ${input.firNumber ?? null}, ${input.firDate ?? null}, ${input.policeStation ?? null}, ${officerId}, ${actor.userId})
        RETURNING ref),
      stage_event AS (
        INSERT INTO case_stage_events (case_id, from_stage, to_stage, on_date, note, recorded_by) VALUES (${id}, NULL, ${stage}, ${stageSince}, 'registered', ${actor.userId}))
      ${parties.length ? sql`, parties AS (INSERT INTO case_parties (${PARTY_COLUMNS}) VALUES ${valuesOf(parties.map((p) => partyRow(p.values)))})` : sql``}
      ${charges.length ? sql`, charges AS (INSERT INTO case_charges (case_id, party_id, offence) VALUES ${valuesOf(charges.map((c) => [id, c.partyId, c.offence]))})` : sql``}
      ${entities.length ? sql`, entities AS (INSERT INTO case_entities (case_id, kind, value, label) VALUES ${valuesOf(entities.map((e) => [id, e.kind, e.value, e.label]))})` : sql``}
      ${deadlines.length ? sql`, deadlines AS (INSERT INTO case_deadlines (case_id, kind, party_key, due, basis, basis_ur) VALUES ${valuesOf(deadlineRows(id, deadlines).map((d) => [id, d.kind, d.partyKey, d.due, d.basis, d.basisUr]))})` : sql``}
    SELECT ref FROM new_case`,
  );
  const ref = written!.ref;
  await auditNewPersons(tx, actor, origin, newPeople, 'cases');
  await writeAudit(tx, actor, origin, { action: 'case.create', recordType: 'case', recordId: id, fields: Object.keys(input), details: { ref, parties: input.parties.length } });
  return { id, ref, after: indexNewPersons(deps, newPeople) };
}

// ---- stage changes ---------------------------------------------------------------------------

export interface StageChange {
  version: number;
  to: CaseStage;
  on: string;
  note?: string | undefined;
  firNumber?: string | undefined;
  policeStation?: string | undefined;
  court?: string | undefined;
  closureReason?: string | undefined;
  transferToUnitId?: string | undefined;
}

export async function changeStage(deps: Deps, actor: UserActor, id: string, input: StageChange, origin: Origin) {
  const { row } = await caseInScope(deps.db, actor, id, input.to === 'transferred' ? 'case.transfer' : 'case.update');
  if (!isLawfulTransition(row.stage as CaseStage, input.to)) {
    throw unprocessable(`A case at ${row.stage} cannot move to ${input.to}.`, { field: 'to', from: row.stage });
  }
  if (input.on > today()) throw unprocessable('A stage cannot be reached in the future.', { field: 'on' });
  if (input.on < row.stageSince) throw unprocessable(`The date is before the current stage began (${row.stageSince}).`, { field: 'on' });
  const set: Partial<typeof cases.$inferInsert> = { stage: input.to, stageSince: input.on };
  if (input.to === 'fir') {
    if (!input.firNumber) throw unprocessable('Give the FIR number.', { field: 'firNumber' });
    Object.assign(set, { firNumber: input.firNumber, firDate: input.on, policeStation: input.policeStation ?? row.policeStation });
  }
  if (input.to === 'challan') set.challanDate = input.on;
  if (input.to === 'trial' && input.court) set.court = input.court;
  if (input.to === 'closed') {
    if (!input.closureReason) throw unprocessable('Say why the case is closed.', { field: 'closureReason' });
    if (input.closureReason === 'compromise') await assertCompromiseLawful(deps.db, id);
    set.closureReason = input.closureReason;
  }
  let transferTo: { id: string; path: string } | undefined;
  if (input.to === 'transferred') {
    if (!input.transferToUnitId) throw unprocessable('Choose the ATU the case goes to.', { field: 'transferToUnitId' });
    const [unit] = await deps.db.select({ id: units.id, path: units.path, kind: units.kind }).from(units).where(eq(units.id, input.transferToUnitId));
    if (!unit || !['atu', 'circle'].includes(unit.kind)) throw unprocessable('A case can be transferred only to an ATU or an anti-trafficking circle.', { field: 'transferToUnitId' });
    transferTo = unit;
  }
  await auditedTransaction(deps.db, async (tx) => {
    await touchCase(tx, id, input.version, row.version);
    if (transferTo) {
      // The receiving ATU owns the case and continues it from the stage it was at.
      Object.assign(set, { unitId: transferTo.id, stage: row.stage, stageSince: row.stageSince });
    }
    await tx.update(cases).set(set).where(eq(cases.id, id));
    await tx.insert(caseStageEvents).values({
      caseId: id,
      fromStage: row.stage,
      toStage: input.to,
      on: input.on,
      note: input.note ?? null,
      details: { ...(input.firNumber ? { firNumber: input.firNumber } : {}), ...(input.closureReason ? { closureReason: input.closureReason } : {}), ...(transferTo ? { from: row.unitId, to: transferTo.id } : {}) },
      recordedBy: actor.userId,
    });
    await recomputeDeadlines(tx, id);
    await writeAudit(tx, actor, origin, { action: 'case.stage', recordType: 'case', recordId: id, details: { from: row.stage, to: input.to, on: input.on } });
  });
}

async function assertCompromiseLawful(db: Executor, caseId: string): Promise<void> {
  const rows = await db
    .select({ code: offences.code, compoundable: offences.compoundable, title: offences.title })
    .from(caseCharges)
    .innerJoin(offences, eq(offences.code, caseCharges.offence))
    .where(eq(caseCharges.caseId, caseId));
  const bad = rows.filter((r) => !r.compoundable);
  if (bad.length) throw unprocessable(`A compromise is not lawful: ${bad.map((b) => b.title).join('; ')} cannot be compounded.`, { field: 'closureReason' });
}

// ---- people and charges ----------------------------------------------------------------------

export async function addParty(deps: Deps, actor: UserActor, caseId: string, input: PartyInput & { version: number }, origin: Origin) {
  const { row } = await caseInScope(deps.db, actor, caseId, 'case.update');
  const after: Array<() => Promise<void>> = [];
  const partyId = await auditedTransaction(deps.db, async (tx) => {
    await touchCase(tx, caseId, input.version, row.version);
    const pid = await insertParty(deps, tx, actor, caseId, input, origin, after, today());
    if (input.charges?.length) await tx.update(cases).set({ category: await categoryOf(tx, await chargeCodes(tx, caseId), row.statute) }).where(eq(cases.id, caseId));
    await recomputeDeadlines(tx, caseId);
    await writeAudit(tx, actor, origin, { action: 'case.party.add', recordType: 'case', recordId: caseId, details: { partyId: pid, role: input.role } });
    return pid;
  });
  for (const a of after) await a();
  return { partyId };
}

async function chargeCodes(db: Executor, caseId: string): Promise<string[]> {
  return (await db.select({ o: caseCharges.offence }).from(caseCharges).where(eq(caseCharges.caseId, caseId))).map((r) => r.o);
}

export interface PartyPatch extends VictimFacts, AccusedFacts {
  version: number;
  charges?: string[] | undefined;
}

export async function updateParty(deps: Deps, actor: UserActor, caseId: string, partyId: string, patch: PartyPatch, origin: Origin) {
  const { row } = await caseInScope(deps.db, actor, caseId, 'case.update');
  const [party] = await deps.db.select().from(caseParties).where(and(eq(caseParties.id, partyId), eq(caseParties.caseId, caseId)));
  if (!party) throw notFound('person in this case');
  const { version, charges, ...facts } = patch;
  if (charges && party.role !== 'accused') throw unprocessable('Only an accused can be charged.', { field: 'charges' });
  if (charges) await checkOffences(deps.db, charges);
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(caseParties)
      .set({ ...facts, version: sql`${caseParties.version} + 1` })
      .where(and(eq(caseParties.id, partyId), eq(caseParties.version, version)))
      .returning({ id: caseParties.id });
    if (updated.length === 0) throw staleVersion('person in the case', party.version);
    if (charges) {
      const have = await tx.select().from(caseCharges).where(eq(caseCharges.partyId, partyId));
      const drop = have.filter((c) => !charges.includes(c.offence));
      if (drop.length) {
        const judged = await tx.execute(sql`SELECT 1 FROM judgments WHERE charge_id IN (${sql.join(drop.map((d) => sql`${d.id}`), sql`, `)}) LIMIT 1`);
        if ((judged as unknown as { rows: unknown[] }).rows.length) throw conflict('A charge with a judgment recorded against it cannot be removed.');
        await tx.delete(caseCharges).where(inArray(caseCharges.id, drop.map((d) => d.id)));
      }
      const add = charges.filter((c) => !have.some((h) => h.offence === c));
      if (add.length) await tx.insert(caseCharges).values(add.map((offence) => ({ caseId, partyId, offence })));
      await tx.update(cases).set({ category: await categoryOf(tx, await chargeCodes(tx, caseId), row.statute) }).where(eq(cases.id, caseId));
    }
    await tx.update(cases).set({ version: sql`${cases.version} + 1`, updatedAt: new Date() }).where(eq(cases.id, caseId));
    await recomputeDeadlines(tx, caseId);
    await writeAudit(tx, actor, origin, { action: 'case.party.update', recordType: 'case', recordId: caseId, fields: Object.keys(patch).filter((k) => k !== 'version'), details: { partyId } });
  });
}

// ---- the case page ---------------------------------------------------------------------------

export async function getCase(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  const { row, ref } = await caseInScope(deps.db, actor, id);
  const identity = can(actor, 'case.readIdentity', ref);
  const [parties, charges, stageEvents, deadlines, tasks, shares, entities, officer] = await Promise.all([
    deps.db.select().from(caseParties).where(eq(caseParties.caseId, id)).orderBy(asc(caseParties.createdAt)),
    deps.db.select({ id: caseCharges.id, partyId: caseCharges.partyId, offence: caseCharges.offence, title: offences.title, titleUr: offences.titleUr, category: offences.category }).from(caseCharges).innerJoin(offences, eq(offences.code, caseCharges.offence)).where(eq(caseCharges.caseId, id)),
    deps.db.select().from(caseStageEvents).where(eq(caseStageEvents.caseId, id)).orderBy(asc(caseStageEvents.recordedAt)),
    deps.db.select().from(caseDeadlines).where(eq(caseDeadlines.caseId, id)).orderBy(asc(caseDeadlines.due)),
    deps.db.select().from(caseTasks).where(eq(caseTasks.caseId, id)).orderBy(asc(caseTasks.due)),
    deps.db.select({ id: caseShares.id, unitId: caseShares.unitId, unitName: units.name, purpose: caseShares.purpose, sharedAt: caseShares.sharedAt }).from(caseShares).innerJoin(units, eq(units.id, caseShares.unitId)).where(and(eq(caseShares.caseId, id), isNull(caseShares.revokedAt))),
    deps.db.select().from(caseEntities).where(eq(caseEntities.caseId, id)),
    row.officerId ? deps.db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, row.officerId)) : Promise.resolve([]),
  ]);
  const people = await getPersonsForCase(deps, parties.map((p) => p.personId), identity);
  const on = today();
  if (identity && people.some((p) => p.identity)) {
    await deps.db.transaction((tx) =>
      writeAudit(tx, actor, origin, { action: 'case.readIdentity', recordType: 'case', recordId: id, details: { persons: people.filter((p) => p.identity).map((p) => p.id) } }),
    );
  }
  return {
    ...row,
    officer: officer[0] ?? null,
    identityVisible: identity,
    parties: parties.map((p) => ({ ...p, person: people.find((x) => x.id === p.personId)!, charges: charges.filter((c) => c.partyId === p.id) })),
    stageHistory: stageEvents,
    deadlines: deadlines.map((d) => ({ ...d, overdue: d.due < on })),
    tasks,
    shares,
    entities,
    abilities: {
      update: can(actor, 'case.update', ref),
      recordCourt: can(actor, 'case.recordCourt', ref),
      transfer: can(actor, 'case.transfer', ref),
    },
  };
}

// ---- the register ----------------------------------------------------------------------------

export interface RegisterQuery {
  unitId?: string | undefined;
  stage?: string | undefined;
  statute?: string | undefined;
  offence?: string | undefined;
  category?: string | undefined;
  minAgeDays?: number | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  mine?: boolean | undefined;
  sort?: 'received' | 'updated' | 'stage-age' | undefined;
  page: number;
  pageSize: number;
}

export function registerConditions(actor: UserActor, q: Omit<RegisterQuery, 'page' | 'pageSize' | 'sort'>): SQL[] {
  const c: SQL[] = [caseScope(actor, cases.unitId, cases.id)];
  if (q.unitId) c.push(sql`${cases.unitId} = ANY(ARRAY(SELECT u.id FROM units u WHERE starts_with(u.path, (SELECT path FROM units WHERE id = ${q.unitId}))))`);
  if (q.stage) c.push(eq(cases.stage, q.stage));
  if (q.statute) c.push(eq(cases.statute, q.statute));
  if (q.category) c.push(eq(cases.category, q.category));
  if (q.offence) c.push(sql`EXISTS (SELECT 1 FROM case_charges cc WHERE cc.case_id = ${cases.id} AND cc.offence = ${q.offence})`);
  if (q.minAgeDays) c.push(lt(cases.receivedOn, sql`to_char(current_date - ${q.minAgeDays}::int, 'YYYY-MM-DD')`));
  if (q.overdue) c.push(sql`EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = ${cases.id} AND d.due < to_char(current_date, 'YYYY-MM-DD'))`);
  if (q.mine) c.push(eq(cases.officerId, actor.userId));
  if (q.q) {
    // One row's own columns (the stored search vector covers title, narrative and diary notes):
    // a rare word is a BitmapOr of the GIN and trigram indexes, a common one is met within a page
    // of the register's order.
    c.push(sql`(${cases.search} @@ plainto_tsquery('simple', ${q.q}) OR ${cases.ref} ILIKE ${`%${q.q.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`})`);
  }
  return c;
}

export async function listCases(deps: Deps, actor: UserActor, q: RegisterQuery) {
  const where = and(...registerConditions(actor, q));
  const order = q.sort === 'updated' ? desc(cases.updatedAt) : q.sort === 'stage-age' ? asc(cases.stageSince) : desc(cases.receivedOn);
  // Counting a whole national register on every page costs more than the page: count up to a
  // cap. The CTE is planned as for all its rows (a LIMIT beside the filters made the planner walk
  // an index in order, hoping for early matches, and a narrow filter then scanned much of the
  // table) and run only as far as the LIMIT reads it.
  const counted = queryRows<{ n: number }>(
    deps.db,
    sql`WITH matching AS MATERIALIZED (SELECT 1 FROM ${cases} JOIN ${units} ON ${units.id} = ${cases.unitId} WHERE ${where})
        SELECT count(*)::int AS n FROM (SELECT 1 FROM matching LIMIT ${REGISTER_COUNT_CAP + 1}) capped`,
  ).then(([row]) => row?.n ?? 0);
  // The planner takes a word it has no statistics for to be in 0.5% of cases, and so walks the
  // register in order hoping to meet a page of them: for a rare word that is the whole register.
  // A search counted within the cap reads its page from exactly the cases it matches instead.
  const few = Boolean(q.q) && (await counted) <= REGISTER_COUNT_CAP;
  const [rows, n] = await Promise.all([
    deps.db
      .select({
        id: cases.id,
        ref: cases.ref,
        title: cases.title,
        unitId: cases.unitId,
        unitName: units.name,
        stage: cases.stage,
        stageSince: cases.stageSince,
        statute: cases.statute,
        category: cases.category,
        receivedOn: cases.receivedOn,
        firNumber: cases.firNumber,
        nextHearing: cases.nextHearing,
        updatedAt: cases.updatedAt,
      })
      .from(cases)
      .innerJoin(units, eq(units.id, cases.unitId))
      .where(few ? and(where, sql`${cases.id} = ANY(ARRAY(SELECT ${cases.id} FROM ${cases} WHERE ${where}))`) : where)
      .orderBy(order, desc(cases.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    counted,
  ]);
  // Which of the page's cases are overdue, asked of those cases only: as a column of the page
  // query the planner sometimes costed it for the whole register and hashed every overdue
  // deadline in the country first (70 ms a page at 1,000,000 cases).
  const late = new Set(
    rows.length
      ? (
          await deps.db
            .selectDistinct({ id: caseDeadlines.caseId })
            .from(caseDeadlines)
            .where(and(inArray(caseDeadlines.caseId, rows.map((r) => r.id)), lt(caseDeadlines.due, sql`to_char(current_date, 'YYYY-MM-DD')`)))
        ).map((r) => r.id)
      : [],
  );
  return { items: rows.map((r) => ({ ...r, overdue: late.has(r.id) })), total: Math.min(n, REGISTER_COUNT_CAP), totalCapped: n > REGISTER_COUNT_CAP, page: q.page, pageSize: q.pageSize };
}

/**
 * The register counts matching cases up to this many; beyond it says "more than" (refine the
 * filters; the Cell's dashboard has the national counts). At 1,000,000 cases counting to 10,000
 * took 60-280 ms a page whatever the filter; to 1,000 a tenth of that.
 */
export const REGISTER_COUNT_CAP = 1_000;

// ---- overdue alerts (the scheduler) ----------------------------------------------------------

/**
 * Finds deadlines that have passed without an alert and notifies the case officer and the
 * supervisors of the owning ATU. Runs as the scheduler, on a timer, not on a page refresh.
 */
export async function alertOverdueDeadlines(tx: Tx, on = today(), actor: Actor = { kind: 'system', name: 'scheduler' }): Promise<number> {
  assertCan(actor, 'cases.alertDeadlines', null);
  const due = await tx
    .select({ id: caseDeadlines.id, caseId: caseDeadlines.caseId, kind: caseDeadlines.kind, due: caseDeadlines.due, basis: caseDeadlines.basis, basisUr: caseDeadlines.basisUr, ref: cases.ref, officerId: cases.officerId, unitId: cases.unitId })
    .from(caseDeadlines)
    .innerJoin(cases, eq(cases.id, caseDeadlines.caseId))
    .where(and(lt(caseDeadlines.due, on), isNull(caseDeadlines.alertedAt)))
    .limit(1000);
  if (due.length === 0) return 0;
  {
    for (const d of due) {
      const supervisors = await tx.select({ id: users.id }).from(users).where(and(eq(users.unitId, d.unitId), eq(users.active, true), sql`'atu-supervisor' = ANY(${users.roles})`));
      const recipients = new Set([...(d.officerId ? [d.officerId] : []), ...supervisors.map((s) => s.id)]);
      for (const userId of recipients) {
        await tx.insert(notifications).values({
          userId,
          kind: 'deadline-overdue',
          recordType: 'case',
          recordId: d.caseId,
          message: `${d.ref}: overdue since ${d.due} — ${d.basis}`,
          messageUr: `${d.ref}: ${d.due} سے واجب — ${d.basisUr}`,
        });
      }
      await tx.update(caseDeadlines).set({ alertedAt: new Date() }).where(eq(caseDeadlines.id, d.id));
    }
    await writeAudit(tx, actor, {}, { action: 'case.deadlines.alert', details: { deadlines: due.length } });
  }
  return due.length;
}

// ---- for the screening module -------------------------------------------------------------------

export interface ScreeningFeedRow {
  partyId: string;
  caseId: string;
  caseRef: string;
  caseUnitId: string;
  personId: string;
  role: 'accused' | 'victim';
  proclaimedOffender: boolean;
  absconding: boolean;
  /** Changes whenever the party, the person or the case stage changes. */
  fingerprint: string;
}

/**
 * Whom immigration counters watch for, as the cases module knows them: accused in open cases
 * (proclaimed offenders and absconders among them) and victims and suspected victims (persons
 * at risk if they travel again). Closed and transferred cases drop out.
 */
export async function screeningFeed(db: Executor): Promise<ScreeningFeedRow[]> {
  const rows = await queryRows<{ party_id: string; case_id: string; ref: string; unit_id: string; person_id: string; role: string; po: boolean; absconding: boolean; pv: number; personv: number; stage: string }>(
    db,
    sql`SELECT p.id::text AS party_id, c.id::text AS case_id, c.ref, c.unit_id::text AS unit_id, p.person_id::text AS person_id, p.role,
          p.proclaimed_offender AS po, p.absconding, p.version AS pv, pe.version AS personv, c.stage
        FROM case_parties p JOIN cases c ON c.id = p.case_id JOIN persons pe ON pe.id = p.person_id
        WHERE c.stage NOT IN ('closed', 'transferred') AND p.role IN ('accused', 'victim', 'suspected-victim')`,
  );
  return rows.map((r) => ({
    partyId: r.party_id,
    caseId: r.case_id,
    caseRef: r.ref,
    caseUnitId: r.unit_id,
    personId: r.person_id,
    role: r.role === 'accused' ? 'accused' : 'victim',
    proclaimedOffender: r.po,
    absconding: r.absconding,
    fingerprint: `${r.pv}.${r.personv}.${r.stage}.${r.po ? 1 : 0}${r.absconding ? 1 : 0}.${r.unit_id}`,
  }));
}

/** The ATU that owns a case (a confirmed screening hit on a case-fed entry is referred there). */
export async function caseOwner(db: Executor, id: string): Promise<{ unitId: string; ref: string } | null> {
  const [row] = await db.select({ unitId: cases.unitId, ref: cases.ref }).from(cases).where(eq(cases.id, id));
  return row ?? null;
}
