// The referral mechanism: a directory of service providers (shelters, hospitals and clinics,
// psychosocial support, legal aid, translators, NGOs, repatriation partners — units in the tree
// plus their details) and referrals of a person to one of them, from any module, with the
// person's recorded informed consent (what is shared, with whom, for what, until when) or a
// justified lawful exception (a minor, immediate danger), which is audited. The receiving
// organisation sees only a snapshot of the fields that were shared, decrypted for it alone.
import crypto, { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { notifications, referralConsents, referralProviders, referrals, units, users } from '../../db/schema.js';
import { writeAudit, type Origin } from '../../platform/audit.js';
import type { Executor, Tx } from '../../platform/db.js';
import { conflict, notFound, staleVersion, unprocessable } from '../../platform/errors.js';
import type { Deps } from '../../platform/http.js';
import { assertCan, can, type ReferralRef, type UserActor } from '../../platform/policy.js';
import { getPersonsForCase, personScopeOf } from '../persons/service.js';

export const SERVICES = ['shelter', 'medical', 'psychosocial', 'legal-aid', 'translation', 'ngo-support', 'repatriation'] as const;
export const PROVIDER_KINDS = ['shelter', 'ngo', 'hospital'] as const;
/** The parts of a person that a consent can name. */
export const SHAREABLE_FIELDS = ['name', 'nameUrdu', 'aliases', 'fatherName', 'dob', 'age', 'sex', 'nationality', 'cnic', 'passports', 'phones', 'addresses'] as const;
export const SOURCE_MODULES = ['cases', 'helpline', 'protection', 'screening', 'persons'] as const;
export const EXCEPTIONS = ['minor', 'immediate-danger'] as const;
export const URGENCIES = ['immediate', 'routine'] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

/** Hours a provider has to accept or decline before the referral is flagged overdue. */
export const RESPOND_HOURS = { immediate: 4, routine: 48 } as const;

const ADDRESS_FIELD = (unitId: string) => ({ table: 'referral_providers', column: 'address', id: unitId });
const SHARED_FIELD = (id: string) => ({ table: 'referrals', column: 'shared', id });
const REF_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const today = () => new Date().toISOString().slice(0, 10);

// ---- the directory -----------------------------------------------------------------------------

const providerColumns = {
  unitId: units.id,
  code: units.code,
  kind: units.kind,
  name: units.name,
  nameUr: units.nameUr,
  district: units.district,
  province: units.province,
  path: units.path,
  services: referralProviders.services,
  languages: referralProviders.languages,
  districts: referralProviders.districts,
  hours: referralProviders.hours,
  capacity: referralProviders.capacity,
  available: referralProviders.available,
  address: referralProviders.address,
  phone: referralProviders.phone,
  version: referralProviders.version,
  updatedAt: referralProviders.updatedAt,
};
type ProviderRow = { [K in keyof typeof providerColumns]: (typeof providerColumns)[K]['_']['data'] | null } & { unitId: string; code: string; kind: string; name: string; path: string };

function presentProvider(p: ProviderRow) {
  return {
    unitId: p.unitId,
    code: p.code,
    kind: p.kind,
    name: p.name,
    nameUr: p.nameUr,
    district: p.district,
    province: p.province,
    services: p.services ?? [],
    languages: p.languages ?? [],
    districts: p.districts ?? [],
    hours: p.hours,
    capacity: p.capacity,
    available: p.available,
    phone: p.phone,
    version: p.version ?? 0,
    updatedAt: p.updatedAt,
  };
}

export async function listProviders(deps: Deps, actor: UserActor, q: { service?: string | undefined; district?: string | undefined; language?: string | undefined }) {
  assertCan(actor, 'referral.directory', null);
  const rows = (await deps.db
    .select(providerColumns)
    .from(units)
    .leftJoin(referralProviders, eq(referralProviders.unitId, units.id))
    .where(
      and(
        inArray(units.kind, [...PROVIDER_KINDS]),
        eq(units.active, true),
        q.service ? sql`${q.service} = ANY(${referralProviders.services})` : undefined,
        q.language ? sql`${q.language} = ANY(${referralProviders.languages})` : undefined,
        q.district ? sql`(${q.district} = ANY(${referralProviders.districts}) OR lower(${units.district}) = lower(${q.district}))` : undefined,
      ),
    )
    .orderBy(asc(units.kind), asc(units.name))) as ProviderRow[];
  // Never an address in a list: a shelter's location is protected.
  return { items: rows.map(presentProvider) };
}

async function providerRow(db: Executor, unitId: string): Promise<ProviderRow> {
  const [row] = (await db
    .select(providerColumns)
    .from(units)
    .leftJoin(referralProviders, eq(referralProviders.unitId, units.id))
    .where(and(eq(units.id, unitId), inArray(units.kind, [...PROVIDER_KINDS])))) as ProviderRow[];
  if (!row) throw notFound('service provider');
  return row;
}

export async function getProvider(deps: Deps, actor: UserActor, unitId: string, origin: Origin) {
  assertCan(actor, 'referral.directory', null);
  const row = await providerRow(deps.db, unitId);
  const mayReadAddress = can(actor, 'referral.readProviderAddress', { id: row.unitId, path: row.path });
  const address = mayReadAddress && row.address ? deps.cipher.decrypt(row.address, ADDRESS_FIELD(row.unitId)) : null;
  if (address) await deps.db.transaction((tx) => writeAudit(tx, actor, origin, { action: 'referral.readProviderAddress', recordType: 'referral_provider', recordId: unitId, fields: ['address'] }));
  return { ...presentProvider(row), address, abilities: { update: can(actor, 'referral.updateProvider', { id: row.unitId, path: row.path }) } };
}

export interface ProviderInput {
  version?: number | undefined;
  services: string[];
  languages: string[];
  districts: string[];
  hours?: string | undefined;
  capacity?: number | undefined;
  available?: number | undefined;
  address?: string | undefined;
  phone?: string | undefined;
}

/** A provider keeps its own details and current capacity; an administrator in scope may too. */
export async function updateProvider(deps: Deps, actor: UserActor | { kind: 'system'; name: 'seed' | 'cli' }, unitId: string, input: ProviderInput, origin: Origin) {
  const row = await providerRow(deps.db, unitId);
  if (actor.kind === 'user') assertCan(actor, 'referral.updateProvider', { id: row.unitId, path: row.path }, { type: 'referral_provider', id: unitId });
  if (input.available !== undefined && input.capacity !== undefined && input.available > input.capacity) throw unprocessable('Places available cannot exceed the capacity.', { field: 'available' });
  await deps.db.transaction(async (tx) => {
    const values = {
      services: [...new Set(input.services)],
      languages: [...new Set(input.languages)],
      districts: [...new Set(input.districts)],
      hours: input.hours ?? null,
      capacity: input.capacity ?? null,
      available: input.available ?? null,
      address: input.address ? deps.cipher.encrypt(input.address, ADDRESS_FIELD(unitId)) : null,
      phone: input.phone ?? null,
      updatedAt: new Date(),
    };
    if (row.version === null) {
      await tx.insert(referralProviders).values({ unitId, ...values });
    } else {
      if (input.version !== undefined && input.version !== row.version) throw staleVersion('provider', row.version);
      await tx
        .update(referralProviders)
        .set({ ...values, ...(input.address === undefined ? { address: row.address } : {}), version: row.version + 1 })
        .where(eq(referralProviders.unitId, unitId));
    }
    await writeAudit(tx, actor, origin, { action: 'referral.updateProvider', recordType: 'referral_provider', recordId: unitId, fields: Object.keys(input) });
  });
  return providerRow(deps.db, unitId).then(presentProvider);
}

// ---- persons as the referral mechanism sees them ------------------------------------------------



// ---- consents ----------------------------------------------------------------------------------

export interface ConsentInput {
  personId: string;
  providerUnitId: string;
  fields: ShareableField[];
  purpose: string;
  validUntil: string;
  form: 'verbal' | 'written' | 'thumbprint';
}

type ConsentRow = typeof referralConsents.$inferSelect;
const presentConsent = (c: ConsentRow) => ({
  id: c.id,
  personId: c.personId,
  providerUnitId: c.providerUnitId,
  fields: c.fields,
  purpose: c.purpose,
  validUntil: c.validUntil,
  form: c.form,
  recordedAt: c.createdAt,
  withdrawnAt: c.withdrawnAt,
  active: !c.withdrawnAt && c.validUntil >= today(),
});

export async function recordConsent(deps: Deps, actor: UserActor, input: ConsentInput, origin: Origin) {
  const ref = await personScopeOf(deps.db, input.personId);
  assertCan(actor, 'referral.consent', ref, { type: 'person', id: input.personId });
  await providerRow(deps.db, input.providerUnitId);
  if (input.validUntil < today()) throw unprocessable('A consent must run until today or later.', { field: 'validUntil' });
  if (input.fields.length === 0) throw unprocessable('Name at least one thing the person agrees to share.', { field: 'fields' });
  const row = await deps.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(referralConsents)
      .values({ ...input, fields: [...new Set(input.fields)], recordedBy: actor.userId, recordedUnitId: actor.unitId })
      .returning();
    await writeAudit(tx, actor, origin, { action: 'referral.consent.record', recordType: 'person', recordId: input.personId, fields: input.fields, details: { consentId: c!.id, provider: input.providerUnitId, validUntil: input.validUntil } });
    return c!;
  });
  return presentConsent(row);
}

export async function listConsents(deps: Deps, actor: UserActor, personId: string) {
  const ref = await personScopeOf(deps.db, personId);
  assertCan(actor, 'referral.consent', ref, { type: 'person', id: personId });
  const rows = await deps.db.select().from(referralConsents).where(eq(referralConsents.personId, personId)).orderBy(desc(referralConsents.createdAt));
  return { items: rows.map(presentConsent) };
}

export async function withdrawConsent(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  const [c] = await deps.db.select().from(referralConsents).where(eq(referralConsents.id, id));
  if (!c) throw notFound('consent');
  const ref = await personScopeOf(deps.db, c.personId);
  assertCan(actor, 'referral.consent', ref, { type: 'consent', id });
  if (c.withdrawnAt) throw conflict('This consent was already withdrawn.');
  const row = await deps.db.transaction(async (tx) => {
    const [r] = await tx.update(referralConsents).set({ withdrawnAt: new Date(), withdrawnBy: actor.userId }).where(eq(referralConsents.id, id)).returning();
    await writeAudit(tx, actor, origin, { action: 'referral.consent.withdraw', recordType: 'person', recordId: c.personId, details: { consentId: id } });
    return r!;
  });
  return presentConsent(row);
}

// ---- referrals ---------------------------------------------------------------------------------

export interface ReferralInput {
  personId: string;
  providerUnitId: string;
  service: string;
  purpose: string;
  urgency: 'immediate' | 'routine';
  sourceModule: (typeof SOURCE_MODULES)[number];
  sourceId?: string | undefined;
  fields: ShareableField[];
  /** What the provider needs to know beyond the person's details (always shared with them). */
  note?: string | undefined;
  consentId?: string | undefined;
  exception?: (typeof EXCEPTIONS)[number] | undefined;
  justification?: string | undefined;
}

export type SharedSnapshot = Partial<Record<ShareableField, unknown>> & { note?: string };

const provider = alias(units, 'provider');
const sender = alias(units, 'sender');
const referralColumns = { r: referrals, providerName: provider.name, providerPath: provider.path, senderName: sender.name, senderPath: sender.path };
type Loaded = { r: typeof referrals.$inferSelect; providerName: string; providerPath: string; senderName: string; senderPath: string };
const refOf = (l: Loaded): ReferralRef => ({ id: l.r.id, unitPath: l.senderPath, providerPath: l.providerPath });
const isOverdue = (r: typeof referrals.$inferSelect) => r.status === 'sent' && r.respondBy.getTime() < Date.now();

/** What either side sees of a referral; the person's record id only on the sending side. */
function presentReferral(actor: UserActor, l: Loaded) {
  const r = l.r;
  const senderSide = can(actor, 'referral.withdraw', refOf(l));
  return {
    id: r.id,
    ref: r.ref,
    personId: senderSide ? r.personId : null,
    from: { id: r.fromUnitId, name: l.senderName },
    provider: { id: r.providerUnitId, name: l.providerName },
    sourceModule: r.sourceModule,
    sourceId: senderSide ? r.sourceId : null,
    service: r.service,
    purpose: r.purpose,
    urgency: r.urgency,
    basis: r.consentId ? ('consent' as const) : ('exception' as const),
    exception: r.exception,
    fields: r.fields,
    status: r.status,
    declineReason: r.declineReason,
    feedback: r.feedback,
    respondBy: r.respondBy,
    overdue: isOverdue(r),
    respondedAt: r.respondedAt,
    completedAt: r.completedAt,
    version: r.version,
    createdAt: r.createdAt,
    abilities: { respond: can(actor, 'referral.respond', refOf(l)), withdraw: can(actor, 'referral.withdraw', refOf(l)) },
  };
}

function pick(identity: Record<string, unknown>, person: { sex: string | null; nationality: string | null; birthYear: number | null }, fields: readonly ShareableField[]): SharedSnapshot {
  const out: SharedSnapshot = {};
  for (const f of fields) {
    if (f === 'sex') out.sex = person.sex;
    else if (f === 'nationality') out.nationality = person.nationality;
    else if (f === 'age') out.age = person.birthYear ? new Date().getFullYear() - person.birthYear : null;
    else if (identity[f] !== undefined) out[f] = identity[f];
  }
  return out;
}

async function notifyUnit(tx: Tx, unitId: string, n: { kind: string; recordId: string; message: string }) {
  const rows = await tx.select({ id: users.id }).from(users).where(and(eq(users.unitId, unitId), eq(users.active, true)));
  if (rows.length) await tx.insert(notifications).values(rows.map((u) => ({ userId: u.id, kind: n.kind, recordType: 'referral', recordId: n.recordId, message: n.message })));
}

/**
 * Sends a referral. With a consent: it must be this person's, for this provider, in force, and
 * cover every field shared. Without: refused unless a lawful exception is chosen and justified;
 * the override is audited as its own event.
 */
export async function sendReferral(deps: Deps, actor: UserActor, input: ReferralInput, origin: Origin) {
  const pref = await personScopeOf(deps.db, input.personId);
  assertCan(actor, 'referral.send', pref, { type: 'person', id: input.personId });
  const prov = await providerRow(deps.db, input.providerUnitId);
  if (prov.services && prov.services.length && !prov.services.includes(input.service)) {
    throw unprocessable(`${prov.name} does not offer ${input.service}; it offers ${prov.services.join(', ')}.`, { field: 'service' });
  }
  const fields = [...new Set(input.fields)];
  let consentId: string | null = null;
  if (input.consentId) {
    const [c] = await deps.db.select().from(referralConsents).where(eq(referralConsents.id, input.consentId));
    if (!c || c.personId !== input.personId) throw unprocessable('That consent is not this person\'s.', { field: 'consentId' });
    if (c.providerUnitId !== input.providerUnitId) throw unprocessable('The person consented to share with another provider, not this one.', { field: 'consentId' });
    if (c.withdrawnAt) throw unprocessable('The person has withdrawn this consent.', { field: 'consentId' });
    if (c.validUntil < today()) throw unprocessable(`This consent ran until ${c.validUntil}; record a new one.`, { field: 'consentId' });
    const beyond = fields.filter((f) => !c.fields.includes(f));
    if (beyond.length) throw unprocessable(`The person did not agree to share ${beyond.join(', ')}.`, { field: 'fields', notConsented: beyond });
    consentId = c.id;
  } else if (input.exception) {
    if (!input.justification || input.justification.trim().length < 20) {
      throw unprocessable('Explain why the lawful exception applies (at least a sentence); it is recorded and audited.', { field: 'justification' });
    }
    if (input.exception === 'minor' && pref.birthYear && new Date().getFullYear() - pref.birthYear > 18) {
      throw unprocessable("The person's recorded year of birth shows an adult; the exception for a minor does not apply.", { field: 'exception' });
    }
  } else {
    throw unprocessable("Record the person's informed consent to this referral first, or choose a lawful exception (a minor, immediate danger) and justify it.", { field: 'consentId' });
  }
  const [person] = await getPersonsForCase(deps, [input.personId], true);
  const snapshot: SharedSnapshot = { ...pick((person?.identity ?? {}) as Record<string, unknown>, { sex: person?.sex ?? null, nationality: person?.nationality ?? null, birthYear: person?.birthYear ?? null }, fields), ...(input.note ? { note: input.note } : {}) };
  const id = randomUUID();
  const ref = `RF-${new Date().getFullYear()}-${[...crypto.randomBytes(8)].map((b) => REF_ALPHABET[b % 32]).join('')}`;
  const respondBy = new Date(Date.now() + RESPOND_HOURS[input.urgency] * 3600_000);
  await deps.db.transaction(async (tx) => {
    await tx.insert(referrals).values({
      id,
      ref,
      personId: input.personId,
      fromUnitId: actor.unitId,
      providerUnitId: input.providerUnitId,
      sourceModule: input.sourceModule,
      sourceId: input.sourceId ?? null,
      service: input.service,
      purpose: input.purpose,
      urgency: input.urgency,
      consentId,
      exception: consentId ? null : (input.exception ?? null),
      exceptionJustification: consentId ? null : (input.justification ?? null),
      fields,
      shared: deps.cipher.encrypt(JSON.stringify(snapshot), SHARED_FIELD(id)),
      status: 'sent',
      respondBy,
      createdBy: actor.userId,
    });
    await writeAudit(tx, actor, origin, { action: 'referral.send', recordType: 'referral', recordId: id, fields, details: { personId: input.personId, provider: prov.code, consentId, exception: consentId ? null : input.exception } });
    if (!consentId) {
      await writeAudit(tx, actor, origin, {
        action: 'referral.consentOverride',
        recordType: 'referral',
        recordId: id,
        fields,
        details: { personId: input.personId, exception: input.exception, justification: input.justification },
      });
    }
    await notifyUnit(tx, input.providerUnitId, { kind: 'referral.received', recordId: id, message: `New referral ${ref} (${input.service}, ${input.urgency}). Accept or decline by ${respondBy.toISOString()}.` });
  });
  return getReferral(deps, actor, id, origin);
}

async function loadReferral(db: Executor, actor: UserActor, id: string): Promise<Loaded> {
  const [row] = await db
    .select(referralColumns)
    .from(referrals)
    .innerJoin(provider, eq(provider.id, referrals.providerUnitId))
    .innerJoin(sender, eq(sender.id, referrals.fromUnitId))
    .where(eq(referrals.id, id));
  if (!row) throw notFound('referral');
  assertCan(actor, 'referral.read', refOf(row), { type: 'referral', id });
  return row;
}

/** A referral with the shared snapshot (audited: it holds a person's details). */
export async function getReferral(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  const l = await loadReferral(deps.db, actor, id);
  const shared = JSON.parse(deps.cipher.decrypt(l.r.shared, SHARED_FIELD(id))) as SharedSnapshot;
  await deps.db.transaction((tx) => writeAudit(tx, actor, origin, { action: 'referral.readShared', recordType: 'referral', recordId: id, fields: Object.keys(shared) }));
  return { ...presentReferral(actor, l), shared };
}

export async function listReferrals(deps: Deps, actor: UserActor, q: { box: 'sent' | 'received'; status?: string | undefined; page: number; pageSize: number }) {
  const path = q.box === 'sent' ? sender.path : provider.path;
  const where = and(sql`starts_with(${path}, ${actor.unitPath})`, q.status ? eq(referrals.status, q.status) : undefined);
  const rows = await deps.db
    .select(referralColumns)
    .from(referrals)
    .innerJoin(provider, eq(provider.id, referrals.providerUnitId))
    .innerJoin(sender, eq(sender.id, referrals.fromUnitId))
    .where(where)
    .orderBy(desc(referrals.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  // The SQL narrows to the box; the rule decides row by row (the role must fit the side too).
  const allowed = rows.filter((l) => (q.box === 'sent' ? can(actor, 'referral.withdraw', refOf(l)) : can(actor, 'referral.respond', refOf(l))));
  return { items: allowed.map((l) => presentReferral(actor, l)), page: q.page, pageSize: q.pageSize };
}

const NEXT: Record<string, { from: string[]; to: string }> = {
  accept: { from: ['sent'], to: 'accepted' },
  decline: { from: ['sent'], to: 'declined' },
  start: { from: ['accepted'], to: 'in-progress' },
  complete: { from: ['accepted', 'in-progress'], to: 'completed' },
  withdraw: { from: ['sent', 'accepted'], to: 'withdrawn' },
};

/** The workflow: sent → accepted / declined (reason) → in progress → completed (feedback); the sender may withdraw. */
export async function moveReferral(deps: Deps, actor: UserActor, id: string, step: keyof typeof NEXT, input: { version: number; reason?: string | undefined; feedback?: string | undefined }, origin: Origin) {
  const move = NEXT[step]!;
  await deps.db.transaction(async (tx) => {
    const l = await loadReferral(tx, actor, id);
    const action = step === 'withdraw' ? 'referral.withdraw' : 'referral.respond';
    assertCan(actor, action, refOf(l), { type: 'referral', id }, { status: 403, message: step === 'withdraw' ? 'Only the sending side can withdraw a referral.' : 'Only the receiving organisation can do this.' });
    if (l.r.version !== input.version) throw staleVersion('referral', l.r.version);
    if (!move.from.includes(l.r.status)) throw conflict(`A referral that is ${l.r.status} cannot be ${move.to}.`);
    if (step === 'decline' && !input.reason) throw unprocessable('Say why you decline, so the sender can refer elsewhere.', { field: 'reason' });
    if (step === 'complete' && !input.feedback) throw unprocessable('Give feedback on the service provided.', { field: 'feedback' });
    const now = new Date();
    await tx
      .update(referrals)
      .set({
        status: move.to,
        version: l.r.version + 1,
        updatedAt: now,
        ...(step === 'accept' || step === 'decline' ? { respondedAt: now } : {}),
        ...(step === 'decline' ? { declineReason: input.reason ?? null } : {}),
        ...(step === 'complete' ? { completedAt: now, feedback: input.feedback ?? null } : {}),
      })
      .where(eq(referrals.id, id));
    await writeAudit(tx, actor, origin, { action: `referral.${step}`, recordType: 'referral', recordId: id, details: { from: l.r.status, to: move.to } });
    const tell = step === 'withdraw' ? l.r.providerUnitId : l.r.fromUnitId;
    await notifyUnit(tx, tell, { kind: `referral.${move.to}`, recordId: id, message: `Referral ${l.r.ref} to ${l.providerName} is now ${move.to}${input.reason ? `: ${input.reason}` : ''}.` });
  });
  const l = await loadReferral(deps.db, actor, id);
  return presentReferral(actor, l);
}
