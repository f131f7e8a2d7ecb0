// The helpline: the public report page and complaints (no sign-in), the operators' live queue of
// contacts (web reports, calls from the telephone system, SMS/WhatsApp, contacts logged by
// hand), callbacks that respect the caller's safety, the hand-off to the ATU responsible for the
// district with its acknowledgement clock, and statistics. What callers and reporters say, their
// phone numbers and code words are field-encrypted with the record's identity as context.
import crypto, { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import {
  helplineCallbacks,
  helplineContacts,
  helplineHandoffs,
  helplineReportMessages,
  helplineReports,
  notifications,
  telephonyEvents,
  units,
  users,
} from '../../db/schema.js';
import { auditedTransaction, writeAudit, type Origin } from '../../platform/audit.js';
import { loadUser } from '../../platform/auth.js';
import { safeEqual, sha256 } from '../../platform/crypto.js';
import { queryRows, type Executor, type Tx } from '../../platform/db.js';
import { conflict, notFound, staleVersion, unprocessable } from '../../platform/errors.js';
import { liveEvents, type LiveEvent } from '../../platform/events.js';
import type { Deps } from '../../platform/http.js';
import { assertCan, can, type Actor, type UserActor } from '../../platform/policy.js';
import { findUserIdByUsername } from '../admin/service.js';
import { caseReference, registerCaseInTx } from '../cases/service.js';
import { normalisePhone } from '../persons/identity.js';
import { createPersonInTx, type PersonInput } from '../persons/service.js';
import { countSubmission, spendChallenge } from './pow.js';
import { provinceOf, routeToAtu, type AtuUnit } from '../../../domain/routing.js';

// ---- vocabularies ------------------------------------------------------------------------------

export const CHANNELS = ['phone', 'sms', 'whatsapp', 'web', 'walk-in', 'email'] as const;
export const CALLER_TYPES = ['victim', 'family', 'witness', 'community', 'other-agency', 'anonymous'] as const;
export const CLASSIFICATIONS = [
  'forced-labour',
  'bonded-labour', // incl. brick kilns and agriculture
  'domestic-servitude',
  'sexual-exploitation',
  'child-labour-begging',
  'forced-child-marriage',
  'organ-removal',
  'migrant-smuggling',
  'fraudulent-recruitment',
  'other',
] as const;
export const URGENCIES = ['immediate', 'within-24h', 'routine'] as const;
export const DISPOSITIONS = ['handed-off', 'referred-to-service', 'information-given', 'callback-needed', 'no-further-action', 'prank-or-abusive', 'silent-call', 'wrong-number', 'duplicate'] as const;
export const LEGAL_BASES = ['consent', 'minor', 'immediate-danger', 'legal-duty', 'none'] as const;
export const CONTACT_STATUSES = ['queued', 'active', 'ended', 'handed-off', 'closed'] as const;

export type Channel = (typeof CHANNELS)[number];
export type Urgency = (typeof URGENCIES)[number];

/** How the hand-off's clasification maps onto the cases module's forms of exploitation. */
const EXPLOITATION_OF: Record<string, string> = {
  'forced-labour': 'forced-labour',
  'bonded-labour': 'bonded-labour',
  'domestic-servitude': 'domestic-servitude',
  'sexual-exploitation': 'sexual-exploitation',
  'child-labour-begging': 'child-begging',
  'forced-child-marriage': 'forced-marriage',
  'organ-removal': 'organ-removal',
};

/** Minutes an ATU has to acknowledge a hand-off. Immediate danger escalates at once as well. */
export const ACK_MINUTES: Record<Urgency, number> = { immediate: 30, 'within-24h': 60, routine: 240 };

const LIVE = 'helpline';
const PK_OFFSET_MS = 5 * 3600_000; // Pakistan Standard Time, UTC+5, no daylight saving

const CONTACT_FIELD = (id: string, column: string) => ({ table: 'helpline_contacts', column, id });
const REPORT_FIELD = (id: string) => ({ table: 'helpline_reports', column: 'content', id });
const MESSAGE_FIELD = (id: string) => ({ table: 'helpline_report_messages', column: 'body', id });

const REF_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const randomRef = (n: number) => [...crypto.randomBytes(n)].map((b) => REF_ALPHABET[b % 32]).join('');

/** 0300-*****67: enough to tell two callers apart, not enough to call them. */
export function maskPhone(phone: string): string {
  let d = normalisePhone(phone);
  if (d.startsWith('92')) d = `0${d.slice(2)}`;
  if (d.length < 7) return '*'.repeat(d.length);
  return `${d.slice(0, 4)}-${'*'.repeat(d.length - 6)}${d.slice(-2)}`;
}

const WORK = (actor: UserActor) => assertCan(actor, 'helpline.work', null);

// ---- live queue events -------------------------------------------------------------------------

type ContactRow = typeof helplineContacts.$inferSelect;

/** What the queue's browsers are told: no identity, no words of the caller. */
function queueEvent(type: string, c: ContactRow): LiveEvent {
  return {
    type,
    contactId: c.id,
    ref: c.ref,
    channel: c.channel,
    status: c.status,
    urgency: c.urgency,
    assignedTo: c.assignedTo,
    abandoned: c.abandoned,
    at: new Date().toISOString(),
  };
}
const publish = (deps: Deps, type: string, c: ContactRow) => liveEvents(deps).publish(LIVE, queueEvent(type, c));

export function subscribeQueue(deps: Deps, actor: UserActor, listener: (e: LiveEvent) => void): () => void {
  WORK(actor);
  return liveEvents(deps).subscribe(LIVE, listener);
}

// ---- the public side: reports and complaints ---------------------------------------------------

export interface ReporterContact {
  method: 'none' | 'phone' | 'sms' | 'whatsapp' | 'email';
  value?: string | undefined;
  /** When it is safe to call, e.g. 14:00–16:00. */
  safeFrom?: string | undefined;
  safeTo?: string | undefined;
  codeWord?: string | undefined;
}

export interface ReportInput {
  whatHappened: string;
  where: { district?: string | undefined; province?: string | undefined; place?: string | undefined };
  when?: string | undefined;
  whoIsAtRisk?: string | undefined;
  reporterIs?: (typeof CALLER_TYPES)[number] | undefined;
  immediateDanger?: boolean | undefined;
  contact: ReporterContact;
  language: 'en' | 'ur' | 'other';
}

export interface ComplaintInput {
  agency: string;
  whatHappened: string;
  when?: string | undefined;
  district?: string | undefined;
  contact?: ReporterContact | undefined;
  language: 'en' | 'ur' | 'other';
}

export interface ProofOfWork {
  challenge: string;
  nonce: string;
}

const NO_ORIGIN: Origin = {}; // anonymous submissions: no IP address, no device identifier

function newSecret() {
  const secret = crypto.randomBytes(24).toString('base64url');
  return { secret, hash: sha256(secret) };
}

/**
 * An anonymous report: stored without any address or device identifier, and put on the
 * operators' live queue as a web contact at once.
 */
export async function submitReport(deps: Deps, input: ReportInput, pow: ProofOfWork | undefined) {
  const id = randomUUID();
  const contactId = randomUUID();
  const reference = `R-${randomRef(10)}`;
  const { secret, hash } = newSecret();
  const province = input.where.province ?? provinceOf(input.where.district) ?? null;
  const contact = await deps.db.transaction(async (tx) => {
    await spendChallenge(tx, deps.cipher, pow);
    await tx.insert(helplineReports).values({
      id,
      kind: 'report',
      reference,
      secretHash: hash,
      status: 'received',
      content: deps.cipher.encrypt(JSON.stringify(input), REPORT_FIELD(id)),
      language: input.language,
      district: input.where.district ?? null,
      province,
      contactId,
    });
    const c = input.contact;
    const phone = c.method !== 'none' && c.method !== 'email' && c.value ? c.value : null;
    const summary = [
      input.whatHappened,
      input.where.place ? `Where: ${input.where.place}` : null,
      input.when ? `When: ${input.when}` : null,
      input.whoIsAtRisk ? `Who is at risk: ${input.whoIsAtRisk}` : null,
      c.method === 'email' && c.value ? `Reach by e-mail: ${c.value}` : null,
    ]
      .filter(Boolean)
      .join('\n');
    const [row] = await tx
      .insert(helplineContacts)
      .values({
        id: contactId,
        ref: `HL-${new Date().getFullYear()}-${randomRef(8)}`,
        channel: 'web',
        status: 'queued',
        receivedAt: new Date(),
        language: input.language,
        callerType: input.reporterIs ?? 'anonymous',
        summary: deps.cipher.encrypt(summary, CONTACT_FIELD(contactId, 'summary')),
        urgency: input.immediateDanger ? 'immediate' : 'routine',
        district: input.where.district ?? null,
        province,
        safeToCall: c.method === 'none' ? false : phone ? (c.safeFrom && c.safeTo ? true : null) : null,
        safeFrom: c.safeFrom ?? null,
        safeTo: c.safeTo ?? null,
        codeWord: c.codeWord ? deps.cipher.encrypt(c.codeWord, CONTACT_FIELD(contactId, 'code_word')) : null,
        callerPhone: phone ? deps.cipher.encrypt(phone, CONTACT_FIELD(contactId, 'caller_phone')) : null,
        callerPhoneHash: phone ? deps.cipher.blindIndex('phone', normalisePhone(phone)) : null,
        reportId: id,
      })
      .returning();
    await writeAudit(tx, null, NO_ORIGIN, { action: 'helpline.report.submit', recordType: 'helpline_report', recordId: id, details: { contactId } });
    return row!;
  });
  countSubmission();
  publish(deps, 'contact.queued', contact);
  return { reference, secret };
}

/** A complaint about how an agency treated someone: tracked until staff answer it. */
export async function submitComplaint(deps: Deps, input: ComplaintInput, pow: ProofOfWork | undefined) {
  const id = randomUUID();
  const reference = `C-${randomRef(10)}`;
  const { secret, hash } = newSecret();
  await deps.db.transaction(async (tx) => {
    await spendChallenge(tx, deps.cipher, pow);
    await tx.insert(helplineReports).values({
      id,
      kind: 'complaint',
      reference,
      secretHash: hash,
      status: 'received',
      content: deps.cipher.encrypt(JSON.stringify(input), REPORT_FIELD(id)),
      language: input.language,
      district: input.district ?? null,
      province: provinceOf(input.district) ?? null,
      agency: input.agency,
    });
    await writeAudit(tx, null, NO_ORIGIN, { action: 'helpline.complaint.submit', recordType: 'helpline_report', recordId: id, details: { agency: input.agency } });
  });
  countSubmission();
  return { reference, secret };
}

export const PUBLIC_STATUS: Record<string, { en: string; ur: string }> = {
  received: { en: 'Received. A helpline operator will read it.', ur: 'موصول ہو گئی۔ ہیلپ لائن کا نمائندہ اسے پڑھے گا۔' },
  'in-review': { en: 'A helpline operator is working on it.', ur: 'ہیلپ لائن کا نمائندہ اس پر کام کر رہا ہے۔' },
  referred: { en: 'Referred to the FIA Anti Trafficking Unit.', ur: 'ایف آئی اے کے انسدادِ انسانی اسمگلنگ یونٹ کو بھیج دی گئی۔' },
  answered: { en: 'Answered. Read the reply below.', ur: 'جواب دے دیا گیا۔ نیچے جواب پڑھیں۔' },
  closed: { en: 'Closed.', ur: 'بند کر دی گئی۔' },
};

/** Loads a submission by reference and secret; a wrong secret answers exactly like an unknown reference. */
async function bySecret(db: Executor, reference: string, secret: string | undefined) {
  const [row] = await db.select().from(helplineReports).where(eq(helplineReports.reference, reference));
  // Compare anyway so that timing does not tell whether the reference exists.
  const ok = safeEqual(sha256(secret ?? ''), row?.secretHash ?? sha256(`no such report ${reference}`));
  if (!row || !ok || !secret) throw notFound('report with this reference and secret');
  return row;
}

export async function publicStatus(deps: Deps, reference: string, secret: string | undefined) {
  const row = await bySecret(deps.db, reference, secret);
  const messages = await deps.db.select().from(helplineReportMessages).where(eq(helplineReportMessages.reportId, row.id)).orderBy(asc(helplineReportMessages.createdAt));
  return {
    reference: row.reference,
    kind: row.kind as 'report' | 'complaint',
    status: row.status,
    statusText: PUBLIC_STATUS[row.status] ?? PUBLIC_STATUS.received!,
    submittedAt: row.createdAt,
    updatedAt: row.updatedAt,
    messages: messages.map((m) => ({ from: m.author as 'reporter' | 'staff', at: m.createdAt, body: deps.cipher.decrypt(m.body, MESSAGE_FIELD(m.id)) })),
  };
}

/** The reporter adds information; a report's contact goes back on the queue if it had ended. */
export async function addPublicUpdate(deps: Deps, reference: string, secret: string | undefined, body: string, pow: ProofOfWork | undefined) {
  const contact = await deps.db.transaction(async (tx) => {
    const row = await bySecret(tx, reference, secret);
    await spendChallenge(tx, deps.cipher, pow);
    const id = randomUUID();
    await tx.insert(helplineReportMessages).values({ id, reportId: row.id, author: 'reporter', body: deps.cipher.encrypt(body, MESSAGE_FIELD(id)) });
    await tx.update(helplineReports).set({ updatedAt: new Date(), version: sql`${helplineReports.version} + 1` }).where(eq(helplineReports.id, row.id));
    await writeAudit(tx, null, NO_ORIGIN, { action: 'helpline.report.update', recordType: 'helpline_report', recordId: row.id });
    if (!row.contactId) return null;
    const [c] = await tx
      .update(helplineContacts)
      .set({ status: sql`CASE WHEN ${helplineContacts.status} = 'ended' THEN 'queued' ELSE ${helplineContacts.status} END`, updatedAt: new Date() })
      .where(eq(helplineContacts.id, row.contactId))
      .returning();
    return c ?? null;
  });
  countSubmission();
  if (contact) publish(deps, 'contact.updated', contact);
  return { ok: true as const };
}

// ---- staff side of submissions (complaints answered, public replies) ---------------------------

export async function listSubmissions(deps: Deps, actor: UserActor, q: { kind?: 'report' | 'complaint' | undefined; status?: string | undefined; page: number; pageSize: number }) {
  WORK(actor);
  const where = and(q.kind ? eq(helplineReports.kind, q.kind) : undefined, q.status ? eq(helplineReports.status, q.status) : undefined);
  const rows = await deps.db
    .select()
    .from(helplineReports)
    .where(where)
    .orderBy(desc(helplineReports.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await queryRows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM helpline_reports WHERE ${where ?? sql`true`}`);
  return { items: rows.map((r) => presentSubmission(deps, r)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

function presentSubmission(deps: Deps, r: typeof helplineReports.$inferSelect) {
  const content = JSON.parse(deps.cipher.decrypt(r.content, REPORT_FIELD(r.id))) as { whatHappened: string; contact?: ReporterContact };
  return {
    id: r.id,
    kind: r.kind as 'report' | 'complaint',
    reference: r.reference,
    status: r.status,
    agency: r.agency,
    district: r.district,
    province: r.province,
    language: r.language,
    contactId: r.contactId,
    whatHappened: content.whatHappened,
    wantsContact: (content.contact?.method ?? 'none') !== 'none',
    createdAt: r.createdAt,
    answeredAt: r.answeredAt,
    version: r.version,
  };
}

export async function getSubmission(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  WORK(actor);
  const [r] = await deps.db.select().from(helplineReports).where(eq(helplineReports.id, id));
  if (!r) throw notFound('report or complaint');
  const content = JSON.parse(deps.cipher.decrypt(r.content, REPORT_FIELD(r.id))) as Record<string, unknown>;
  const messages = await deps.db.select().from(helplineReportMessages).where(eq(helplineReportMessages.reportId, id)).orderBy(asc(helplineReportMessages.createdAt));
  await deps.db.transaction((tx) => writeAudit(tx, actor, origin, { action: 'helpline.submission.read', recordType: 'helpline_report', recordId: id, fields: ['content'] }));
  return {
    ...presentSubmission(deps, r),
    content,
    messages: messages.map((m) => ({ from: m.author as 'reporter' | 'staff', at: m.createdAt, body: deps.cipher.decrypt(m.body, MESSAGE_FIELD(m.id)) })),
  };
}

/** A reply the reporter or complainant reads with their secret; `status` moves the submission on. */
export async function replyToSubmission(deps: Deps, actor: UserActor, id: string, input: { body: string; status?: 'in-review' | 'answered' | 'closed' | undefined; version: number }, origin: Origin) {
  WORK(actor);
  await deps.db.transaction(async (tx) => {
    const [r] = await tx.select().from(helplineReports).where(eq(helplineReports.id, id));
    if (!r) throw notFound('report or complaint');
    if (r.version !== input.version) throw staleVersion(r.kind, r.version);
    const mid = randomUUID();
    await tx.insert(helplineReportMessages).values({ id: mid, reportId: id, author: 'staff', authorId: actor.userId, body: deps.cipher.encrypt(input.body, MESSAGE_FIELD(mid)) });
    const status = input.status ?? (r.status === 'received' ? 'in-review' : r.status);
    await tx
      .update(helplineReports)
      .set({ status, version: r.version + 1, updatedAt: new Date(), ...(status === 'answered' && !r.answeredAt ? { answeredAt: new Date() } : {}) })
      .where(eq(helplineReports.id, id));
    await writeAudit(tx, actor, origin, { action: 'helpline.submission.reply', recordType: 'helpline_report', recordId: id, details: { status } });
  });
  return getSubmission(deps, actor, id, origin);
}

// ---- contacts ----------------------------------------------------------------------------------

export interface ContactInput {
  channel: Channel;
  receivedAt?: string | undefined;
  language?: string | undefined;
  callerType?: string | undefined;
  summary?: string | undefined;
  classification?: string[] | undefined;
  urgency?: Urgency | undefined;
  province?: string | undefined;
  district?: string | undefined;
  safeToCall?: boolean | null | undefined;
  safeFrom?: string | undefined;
  safeTo?: string | undefined;
  codeWord?: string | undefined;
  callerPhone?: string | undefined;
  disposition?: string | undefined;
  legalBasis?: string | undefined;
  legalBasisNote?: string | undefined;
}

export type ContactPatch = Omit<ContactInput, 'channel' | 'receivedAt'> & { version: number };

async function userNames(db: Executor, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A contact as the console shows it; phone and code word in clear only with `withIdentity`. */
function presentContact(deps: Deps, actor: UserActor, c: ContactRow, names: Map<string, string>, withIdentity: boolean) {
  const phone = c.callerPhone ? deps.cipher.decrypt(c.callerPhone, CONTACT_FIELD(c.id, 'caller_phone')) : null;
  const showIdentity = withIdentity && can(actor, 'helpline.readCallerIdentity', null);
  const summary = c.summary ? deps.cipher.decrypt(c.summary, CONTACT_FIELD(c.id, 'summary')) : '';
  return {
    id: c.id,
    ref: c.ref,
    channel: c.channel,
    status: c.status,
    receivedAt: c.receivedAt,
    answeredAt: c.answeredAt,
    endedAt: c.endedAt,
    language: c.language,
    callerType: c.callerType,
    summary: withIdentity ? summary : summary.slice(0, 160),
    classification: c.classification,
    urgency: c.urgency,
    province: c.province,
    district: c.district,
    safeToCall: c.safeToCall,
    safeFrom: c.safeFrom,
    safeTo: c.safeTo,
    hasCodeWord: c.codeWord !== null,
    codeWord: showIdentity && c.codeWord ? deps.cipher.decrypt(c.codeWord, CONTACT_FIELD(c.id, 'code_word')) : null,
    callerPhone: phone ? (showIdentity ? phone : maskPhone(phone)) : null,
    callerPhoneMasked: !showIdentity,
    disposition: c.disposition,
    legalBasis: c.legalBasis,
    legalBasisNote: c.legalBasisNote,
    assignedTo: c.assignedTo ? { id: c.assignedTo, name: names.get(c.assignedTo) ?? '' } : null,
    reportId: c.reportId,
    callId: c.callId,
    queue: c.queue,
    abandoned: c.abandoned,
    personId: c.personId,
    version: c.version,
    abilities: {
      claim: !c.assignedTo || c.assignedTo === actor.userId || can(actor, 'helpline.supervise', null),
      handoff: can(actor, 'helpline.handoff', null) && c.status !== 'handed-off',
      chooseAtu: can(actor, 'helpline.supervise', null),
    },
  };
}

export type ContactView = ReturnType<typeof presentContact>;

const URGENCY_RANK = sql`CASE ${helplineContacts.urgency} WHEN 'immediate' THEN 0 WHEN 'within-24h' THEN 1 ELSE 2 END`;

/** The live queue: everything waiting or being handled, most urgent and oldest first. */
export async function listQueue(deps: Deps, actor: UserActor, q: { mine?: boolean | undefined }) {
  WORK(actor);
  const rows = await deps.db
    .select()
    .from(helplineContacts)
    .where(and(inArray(helplineContacts.status, ['queued', 'active']), q.mine ? eq(helplineContacts.assignedTo, actor.userId) : undefined))
    .orderBy(URGENCY_RANK, asc(helplineContacts.receivedAt))
    .limit(500);
  const names = await userNames(deps.db, rows.map((r) => r.assignedTo));
  return { items: rows.map((r) => presentContact(deps, actor, r, names, false)) };
}

export async function listContacts(deps: Deps, actor: UserActor, q: { status?: string | undefined; channel?: string | undefined; phone?: string | undefined; page: number; pageSize: number }) {
  WORK(actor);
  const where = and(
    q.status ? eq(helplineContacts.status, q.status) : undefined,
    q.channel ? eq(helplineContacts.channel, q.channel) : undefined,
    q.phone ? eq(helplineContacts.callerPhoneHash, deps.cipher.blindIndex('phone', normalisePhone(q.phone))) : undefined,
  );
  const rows = await deps.db
    .select()
    .from(helplineContacts)
    .where(where)
    .orderBy(desc(helplineContacts.receivedAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(helplineContacts).where(where);
  const names = await userNames(deps.db, rows.map((r) => r.assignedTo));
  return { items: rows.map((r) => presentContact(deps, actor, r, names, false)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadContact(db: Executor, id: string): Promise<ContactRow> {
  const [row] = await db.select().from(helplineContacts).where(eq(helplineContacts.id, id));
  if (!row) throw notFound('helpline contact');
  return row;
}

export async function getContact(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  WORK(actor);
  const row = await loadContact(deps.db, id);
  const names = await userNames(deps.db, [row.assignedTo]);
  const view = presentContact(deps, actor, row, names, true);
  if (!view.callerPhoneMasked && (row.callerPhone || row.codeWord)) {
    await deps.db.transaction((tx) =>
      writeAudit(tx, actor, origin, { action: 'helpline.readCallerIdentity', recordType: 'helpline_contact', recordId: id, fields: [row.callerPhone ? 'callerPhone' : '', row.codeWord ? 'codeWord' : ''].filter(Boolean) }),
    );
  }
  const [callbacks, handoffs] = await Promise.all([
    deps.db.select().from(helplineCallbacks).where(eq(helplineCallbacks.contactId, id)).orderBy(asc(helplineCallbacks.dueAt)),
    deps.db.select({ h: helplineHandoffs, unitName: units.name }).from(helplineHandoffs).innerJoin(units, eq(units.id, helplineHandoffs.unitId)).where(eq(helplineHandoffs.contactId, id)),
  ]);
  return { ...view, callbacks: callbacks.map(presentCallback), handoffs: handoffs.map((h) => presentHandoff(h.h, h.unitName)) };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function checkSafety(input: { safeFrom?: string | null | undefined; safeTo?: string | null | undefined }) {
  if (!!input.safeFrom !== !!input.safeTo) throw unprocessable('Give both ends of the safe time to call back (from and to), or neither.', { field: 'safeFrom' });
  for (const [k, v] of [['safeFrom', input.safeFrom], ['safeTo', input.safeTo]] as const) {
    if (v && !HHMM.test(v)) throw unprocessable(`${k} must be a time of day as HH:MM (Pakistan time).`, { field: k });
  }
}

function columnsOf(deps: Deps, id: string, input: Partial<ContactInput>) {
  checkSafety(input);
  const set: Partial<typeof helplineContacts.$inferInsert> = {};
  if (input.language !== undefined) set.language = input.language;
  if (input.callerType !== undefined) set.callerType = input.callerType;
  if (input.summary !== undefined) set.summary = deps.cipher.encrypt(input.summary, CONTACT_FIELD(id, 'summary'));
  if (input.classification !== undefined) set.classification = [...new Set(input.classification)];
  if (input.urgency !== undefined) set.urgency = input.urgency;
  if (input.district !== undefined) {
    set.district = input.district;
    set.province = input.province ?? provinceOf(input.district) ?? null;
  } else if (input.province !== undefined) set.province = input.province;
  if (input.safeToCall !== undefined) set.safeToCall = input.safeToCall;
  if (input.safeFrom !== undefined) set.safeFrom = input.safeFrom || null;
  if (input.safeTo !== undefined) set.safeTo = input.safeTo || null;
  if (input.codeWord !== undefined) set.codeWord = input.codeWord ? deps.cipher.encrypt(input.codeWord, CONTACT_FIELD(id, 'code_word')) : null;
  if (input.callerPhone !== undefined) {
    const p = input.callerPhone;
    if (p && normalisePhone(p).length < 10) throw unprocessable(`The phone number "${p}" is too short.`, { field: 'callerPhone' });
    set.callerPhone = p ? deps.cipher.encrypt(p, CONTACT_FIELD(id, 'caller_phone')) : null;
    set.callerPhoneHash = p ? deps.cipher.blindIndex('phone', normalisePhone(p)) : null;
  }
  if (input.disposition !== undefined) set.disposition = input.disposition;
  if (input.legalBasis !== undefined) set.legalBasis = input.legalBasis;
  if (input.legalBasisNote !== undefined) set.legalBasisNote = input.legalBasisNote;
  return set;
}

/** A contact the operator logs by hand (a walk-in, an e-mail, a call outside the telephone system). */
export async function createContact(deps: Deps, actor: UserActor, input: ContactInput, origin: Origin) {
  WORK(actor);
  const id = randomUUID();
  const row = await deps.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(helplineContacts)
      .values({
        id,
        ref: `HL-${new Date().getFullYear()}-${randomRef(8)}`,
        channel: input.channel,
        status: 'active',
        receivedAt: input.receivedAt ? new Date(input.receivedAt) : new Date(),
        answeredAt: new Date(),
        assignedTo: actor.userId,
        createdBy: actor.userId,
        ...columnsOf(deps, id, input),
      })
      .returning();
    await writeAudit(tx, actor, origin, { action: 'helpline.contact.create', recordType: 'helpline_contact', recordId: id, fields: Object.keys(input) });
    return c!;
  });
  publish(deps, 'contact.assigned', row);
  return getContact(deps, actor, id, origin);
}

async function bump(tx: Tx, id: string, version: number | undefined, set: Partial<typeof helplineContacts.$inferInsert>): Promise<ContactRow> {
  const where = version === undefined ? eq(helplineContacts.id, id) : and(eq(helplineContacts.id, id), eq(helplineContacts.version, version));
  const [row] = await tx
    .update(helplineContacts)
    .set({ ...set, version: sql`${helplineContacts.version} + 1`, updatedAt: new Date() })
    .where(where)
    .returning();
  if (!row) {
    const current = await loadContact(tx, id);
    throw staleVersion('contact', current.version);
  }
  return row;
}

export async function updateContact(deps: Deps, actor: UserActor, id: string, patch: ContactPatch, origin: Origin) {
  WORK(actor);
  const { version, ...input } = patch;
  const row = await deps.db.transaction(async (tx) => {
    const current = await loadContact(tx, id);
    if (current.assignedTo && current.assignedTo !== actor.userId && !can(actor, 'helpline.supervise', null)) {
      throw conflict('Another operator is handling this contact. Ask them, or a supervisor, to transfer it to you.');
    }
    const r = await bump(tx, id, version, columnsOf(deps, id, input));
    if (current.reportId && current.status === 'queued') await tx.update(helplineReports).set({ status: 'in-review', updatedAt: new Date() }).where(and(eq(helplineReports.id, current.reportId), eq(helplineReports.status, 'received')));
    await writeAudit(tx, actor, origin, { action: 'helpline.contact.update', recordType: 'helpline_contact', recordId: id, fields: Object.keys(input) });
    return r;
  });
  publish(deps, 'contact.updated', row);
  return getContact(deps, actor, id, origin);
}

export async function claimContact(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  WORK(actor);
  const row = await deps.db.transaction(async (tx) => {
    const current = await loadContact(tx, id);
    if (current.assignedTo && current.assignedTo !== actor.userId) throw conflict('Another operator has already claimed this contact.', { assignedTo: current.assignedTo });
    if (!['queued', 'active'].includes(current.status)) throw conflict(`This contact is ${current.status}; it is no longer on the queue.`);
    const r = await bump(tx, id, current.version, { assignedTo: actor.userId, status: 'active', answeredAt: current.answeredAt ?? new Date() });
    if (current.reportId) await tx.update(helplineReports).set({ status: 'in-review', updatedAt: new Date() }).where(and(eq(helplineReports.id, current.reportId), eq(helplineReports.status, 'received')));
    await writeAudit(tx, actor, origin, { action: 'helpline.contact.claim', recordType: 'helpline_contact', recordId: id });
    return r;
  });
  publish(deps, 'contact.assigned', row);
  return getContact(deps, actor, id, origin);
}

export async function releaseContact(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  WORK(actor);
  const row = await deps.db.transaction(async (tx) => {
    const current = await loadContact(tx, id);
    if (current.assignedTo !== actor.userId && !can(actor, 'helpline.supervise', null)) throw conflict('Only the operator handling this contact, or a supervisor, can put it back on the queue.');
    const r = await bump(tx, id, current.version, { assignedTo: null, status: current.status === 'active' ? 'queued' : current.status });
    await writeAudit(tx, actor, origin, { action: 'helpline.contact.release', recordType: 'helpline_contact', recordId: id });
    return r;
  });
  publish(deps, 'contact.released', row);
  return getContact(deps, actor, id, origin);
}

export async function transferContact(deps: Deps, actor: UserActor, id: string, toUserId: string, origin: Origin) {
  WORK(actor);
  const target = await loadUser(deps.db, toUserId);
  if (!target?.active || !can(target.actor, 'helpline.work', null)) throw unprocessable('A contact can be transferred only to an active helpline operator or supervisor.', { field: 'toUserId' });
  const row = await deps.db.transaction(async (tx) => {
    const current = await loadContact(tx, id);
    if (current.assignedTo !== actor.userId && !can(actor, 'helpline.supervise', null)) throw conflict('Only the operator handling this contact, or a supervisor, can transfer it.');
    const r = await bump(tx, id, current.version, { assignedTo: toUserId, status: current.status === 'queued' ? 'active' : current.status });
    await writeAudit(tx, actor, origin, { action: 'helpline.contact.transfer', recordType: 'helpline_contact', recordId: id, details: { from: current.assignedTo, to: toUserId } });
    return r;
  });
  publish(deps, 'contact.assigned', row);
  return getContact(deps, actor, id, origin);
}

export async function endContact(deps: Deps, actor: UserActor, id: string, input: { disposition: string; version: number }, origin: Origin) {
  WORK(actor);
  const row = await deps.db.transaction(async (tx) => {
    const current = await loadContact(tx, id);
    if (current.assignedTo && current.assignedTo !== actor.userId && !can(actor, 'helpline.supervise', null)) throw conflict('Another operator is handling this contact.');
    const r = await bump(tx, id, input.version, { status: current.status === 'handed-off' ? 'handed-off' : 'ended', endedAt: current.endedAt ?? new Date(), disposition: input.disposition });
    await writeAudit(tx, actor, origin, { action: 'helpline.contact.end', recordType: 'helpline_contact', recordId: id, details: { disposition: input.disposition } });
    return r;
  });
  publish(deps, 'contact.ended', row);
  return getContact(deps, actor, id, origin);
}

/** Who handles what: every helpline operator, their open contacts, and what waits. */
export async function supervision(deps: Deps, actor: UserActor) {
  assertCan(actor, 'helpline.supervise', null);
  const staff = await deps.db
    .select({ id: users.id, name: users.displayName, username: users.username, roles: users.roles })
    .from(users)
    .where(and(eq(users.active, true), sql`${users.roles} && ARRAY['helpline-operator','helpline-supervisor']::text[]`))
    .orderBy(asc(users.displayName));
  const open = await deps.db.select().from(helplineContacts).where(inArray(helplineContacts.status, ['queued', 'active']));
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const [cb] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(helplineCallbacks).where(eq(helplineCallbacks.status, 'pending'));
  const [ho] = await deps.db.select({ n: sql<number>`count(*)::int`, overdue: sql<number>`count(*) FILTER (WHERE ${helplineHandoffs.dueAt} < now())::int` }).from(helplineHandoffs).where(isNull(helplineHandoffs.acknowledgedAt));
  return {
    operators: staff.map((s) => ({
      id: s.id,
      name: s.name,
      username: s.username,
      contacts: open.filter((c) => c.assignedTo === s.id).map((c) => presentContact(deps, actor, c, names, false)),
    })),
    waiting: open.filter((c) => !c.assignedTo).map((c) => presentContact(deps, actor, c, names, false)),
    pendingCallbacks: cb?.n ?? 0,
    unacknowledgedHandoffs: ho?.n ?? 0,
    overdueHandoffs: ho?.overdue ?? 0,
  };
}

// ---- callbacks ---------------------------------------------------------------------------------

function presentCallback(c: typeof helplineCallbacks.$inferSelect) {
  return { id: c.id, contactId: c.contactId, dueAt: c.dueAt, status: c.status, checkBeforeCalling: c.checkBeforeCalling, reason: c.reason, note: c.note, doneAt: c.doneAt };
}

/** Minutes since midnight, Pakistan time. */
const pkMinutes = (d: Date) => {
  const t = new Date(d.getTime() + PK_OFFSET_MS);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
};
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
function inWindow(d: Date, from: string, to: string): boolean {
  const m = pkMinutes(d);
  const a = toMinutes(from);
  const b = toMinutes(to);
  return a <= b ? m >= a && m <= b : m >= a || m <= b; // a window may run past midnight
}
/** The first moment at or after `from` that lies in the safe window. */
export function nextSafeMoment(from: Date, safeFrom: string, safeTo: string): Date {
  if (inWindow(from, safeFrom, safeTo)) return from;
  const m = pkMinutes(from);
  let wait = toMinutes(safeFrom) - m;
  if (wait < 0) wait += 24 * 60;
  return new Date(Math.ceil((from.getTime() + wait * 60_000) / 60_000) * 60_000);
}

/** Why a callback at `dueAt` is not allowed, or null when it is. */
export function callbackProblem(c: Pick<ContactRow, 'safeToCall' | 'safeFrom' | 'safeTo'>, dueAt: Date): string | null {
  if (c.safeToCall === false) return 'The caller said it is not safe to call them back. Do not call; wait for them to get in touch.';
  if (c.safeFrom && c.safeTo && !inWindow(dueAt, c.safeFrom, c.safeTo)) {
    return `The caller said it is safe to call only between ${c.safeFrom} and ${c.safeTo} (Pakistan time). Choose a time in that window.`;
  }
  return null;
}

async function insertCallback(tx: Tx, c: ContactRow, dueAt: Date, reason: string, createdBy: string | null) {
  const [row] = await tx
    .insert(helplineCallbacks)
    .values({ contactId: c.id, dueAt, reason, checkBeforeCalling: c.safeToCall === null, createdBy })
    .returning();
  return row!;
}

export async function scheduleCallback(deps: Deps, actor: UserActor, contactId: string, input: { dueAt: string; reason: string }, origin: Origin) {
  WORK(actor);
  const cb = await deps.db.transaction(async (tx) => {
    const c = await loadContact(tx, contactId);
    if (!c.callerPhone) throw unprocessable('There is no phone number to call back on this contact.', { field: 'callerPhone' });
    const dueAt = new Date(input.dueAt);
    const problem = callbackProblem(c, dueAt);
    if (problem) throw unprocessable(problem, { field: 'dueAt', safeToCall: c.safeToCall, safeFrom: c.safeFrom, safeTo: c.safeTo });
    const row = await insertCallback(tx, c, dueAt, input.reason, actor.userId);
    await writeAudit(tx, actor, origin, { action: 'helpline.callback.schedule', recordType: 'helpline_contact', recordId: contactId, details: { callbackId: row.id } });
    return row;
  });
  return presentCallback(cb);
}

export async function listCallbacks(deps: Deps, actor: UserActor, q: { status: 'pending' | 'done' | 'cancelled' }) {
  WORK(actor);
  const rows = await deps.db
    .select({ cb: helplineCallbacks, contact: helplineContacts })
    .from(helplineCallbacks)
    .innerJoin(helplineContacts, eq(helplineContacts.id, helplineCallbacks.contactId))
    .where(eq(helplineCallbacks.status, q.status))
    .orderBy(asc(helplineCallbacks.dueAt))
    .limit(500);
  const names = await userNames(deps.db, rows.map((r) => r.contact.assignedTo));
  return { items: rows.map((r) => ({ ...presentCallback(r.cb), contact: presentContact(deps, actor, r.contact, names, false) })) };
}

export async function completeCallback(deps: Deps, actor: UserActor, id: string, input: { outcome: 'done' | 'cancelled'; note?: string | undefined }, origin: Origin) {
  WORK(actor);
  const row = await deps.db.transaction(async (tx) => {
    const [r] = await tx
      .update(helplineCallbacks)
      .set({ status: input.outcome, note: input.note ?? null, doneBy: actor.userId, doneAt: new Date() })
      .where(and(eq(helplineCallbacks.id, id), eq(helplineCallbacks.status, 'pending')))
      .returning();
    if (!r) {
      const [exists] = await tx.select({ id: helplineCallbacks.id }).from(helplineCallbacks).where(eq(helplineCallbacks.id, id));
      if (!exists) throw notFound('callback');
      throw conflict('This callback was already dealt with.');
    }
    await writeAudit(tx, actor, origin, { action: 'helpline.callback.complete', recordType: 'helpline_contact', recordId: r.contactId, details: { callbackId: id, outcome: input.outcome } });
    return r;
  });
  return presentCallback(row);
}

// ---- hand-off to the ATU -----------------------------------------------------------------------

export interface HandoffInput {
  version: number;
  /** The victim as a person in the registry: an existing one, or details of a new one. */
  personId?: string | undefined;
  victim?: PersonInput | undefined;
  /** A supervisor's choice of ATU instead of the district rule, with its reason. */
  atuUnitId?: string | undefined;
  overrideReason?: string | undefined;
}

async function atuUnits(db: Executor): Promise<AtuUnit[]> {
  return db
    .select({ id: units.id, code: units.code, name: units.name, path: units.path, district: units.district, province: units.province })
    .from(units)
    .where(and(eq(units.kind, 'atu'), eq(units.active, true)))
    .orderBy(asc(units.code));
}

type HandoffRow = typeof helplineHandoffs.$inferSelect;

function presentHandoff(h: HandoffRow, unitName: string) {
  return {
    id: h.id,
    contactId: h.contactId,
    unit: { id: h.unitId, name: unitName },
    routedBy: h.routedBy,
    overrideReason: h.overrideReason,
    urgency: h.urgency,
    personId: h.personId,
    caseId: h.caseId,
    dueAt: h.dueAt,
    acknowledgedAt: h.acknowledgedAt,
    escalatedAt: h.escalatedAt,
    overdue: !h.acknowledgedAt && h.dueAt.getTime() < Date.now(),
    createdAt: h.createdAt,
  };
}

async function notify(tx: Tx, userIds: string[], n: { kind: string; recordType: string; recordId: string; message: string; messageUr?: string }) {
  const unique = [...new Set(userIds)];
  if (unique.length) await tx.insert(notifications).values(unique.map((userId) => ({ userId, ...n, messageUr: n.messageUr ?? null })));
}

async function usersWithRole(db: Executor, roles: string[], unitPath?: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.active, true), sql`${users.roles} && ${sql.raw(`ARRAY[${roles.map((r) => `'${r.replace(/'/g, '')}'`).join(',')}]::text[]`)}`, unitPath ? sql`starts_with(${units.path}, ${unitPath})` : undefined));
  return rows.map((r) => r.id);
}

/** Tells the helpline supervisors and the ATU's supervisors that a hand-off waits for acknowledgement. */
async function escalate(tx: Tx, h: HandoffRow, atuPath: string, contactRef: string, why: string) {
  const recipients = [...(await usersWithRole(tx, ['helpline-supervisor'])), ...(await usersWithRole(tx, ['atu-supervisor'], atuPath))];
  await notify(tx, recipients, {
    kind: 'helpline.handoff.escalated',
    recordType: 'helpline_handoff',
    recordId: h.id,
    message: `Helpline contact ${contactRef} (${h.urgency}) ${why}. Acknowledge it in the ATU's hand-offs.`,
    messageUr: `ہیلپ لائن رابطہ ${contactRef} کی تصدیق درکار ہے۔`,
  });
  await tx.update(helplineHandoffs).set({ escalatedAt: new Date() }).where(eq(helplineHandoffs.id, h.id));
}

/**
 * One action: the victim into the registry, the contact routed to the ATU responsible for its
 * district (or the supervisor's choice), the acknowledgement clock started, the ATU told (and,
 * for immediate danger, both supervisors at once), the reporter's public status moved on.
 * The ATU opens the inquiry case when it acknowledges: opening a case is the ATU's act, under
 * its own rights (`case.create`), not something the helpline can do in its name.
 */
export async function handOff(deps: Deps, actor: UserActor, contactId: string, input: HandoffInput, origin: Origin) {
  assertCan(actor, 'helpline.handoff', null);
  const atus = await atuUnits(deps.db);
  let after: (() => Promise<void>) | null = null;
  // audit events appended at commit: the audit lock is taken after the ATU's case counter, as registerCase does
  const { row, handoff } = await auditedTransaction(deps.db, async (tx) => {
    const c = await loadContact(tx, contactId);
    if (c.version !== input.version) throw staleVersion('contact', c.version);
    if (c.status === 'handed-off') throw conflict('This contact has already been handed off.');
    if (c.classification.length === 0) throw unprocessable('Classify the contact (what kind of trafficking or exploitation) before handing it off.', { field: 'classification' });
    if (!c.legalBasis || c.legalBasis === 'none') {
      throw unprocessable("Record the caller's consent, or the legal basis (a minor, immediate danger, a legal duty), for passing this on to the FIA.", { field: 'legalBasis' });
    }
    let target: AtuUnit | undefined;
    let routedBy: string;
    if (input.atuUnitId) {
      assertCan(actor, 'helpline.supervise', null, undefined, { status: 403, message: 'Only a helpline supervisor can choose the ATU instead of the district rule.' });
      if (!input.overrideReason) throw unprocessable('Say why this ATU and not the one the district rule gives.', { field: 'overrideReason' });
      target = atus.find((a) => a.id === input.atuUnitId);
      if (!target) throw unprocessable('That unit is not an active ATU.', { field: 'atuUnitId' });
      routedBy = 'override';
    } else {
      const routed = routeToAtu(atus, c.district, c.province);
      if (!routed) throw unprocessable('No ATU is responsible for this location. Set the district (or province) of the contact, or ask a supervisor to choose the ATU.', { field: 'district' });
      target = routed.atu;
      routedBy = routed.routedBy;
    }
    let personId = input.personId ?? c.personId ?? null;
    if (!personId) {
      const created = await createPersonInTx(
        deps,
        tx,
        actor,
        input.victim ?? { identity: { name: `Unnamed victim (${c.ref})`, aliases: [], passports: [], phones: [], addresses: c.district ? [{ line: 'not known', district: c.district }] : [] }, protected: true },
        origin,
        'helpline',
      );
      personId = created.id;
      after = created.after;
    }
    const urgency = c.urgency as Urgency;
    const dueAt = new Date(Date.now() + ACK_MINUTES[urgency] * 60_000);
    // The hand-off opens the inquiry in the responsible ATU at once: nothing waits on the acknowledgement.
    const summary = c.summary ? deps.cipher.decrypt(c.summary, CONTACT_FIELD(c.id, 'summary')) : '';
    const exploitation = [...new Set(c.classification.map((k) => EXPLOITATION_OF[k]).filter((x): x is string => !!x))];
    const received = new Date(c.receivedAt.getTime() + PK_OFFSET_MS).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    const inquiry = await registerCaseInTx(
      deps,
      tx,
      actor,
      {
        title: `Helpline ${c.ref}: ${c.classification.join(', ')}${c.district ? ` (${c.district})` : ''}`,
        narrative: `Handed off by the helpline (contact ${c.ref}, ${c.channel}, ${c.urgency}).\n\n${summary}`,
        statute: 'PTPA-2018',
        source: 'helpline',
        receivedOn: received > today ? today : received,
        stage: 'inquiry',
        parties: [{ role: 'suspected-victim', personId, exploitation, ...(c.district ? { districtOfOrigin: c.district } : {}) }],
      },
      origin,
      { id: target.id, path: target.path },
    );
    const personAfter = after;
    after = async () => {
      if (personAfter) await personAfter();
      await inquiry.after();
    };
    const [h] = await tx
      .insert(helplineHandoffs)
      .values({ contactId, unitId: target.id, routedBy, overrideReason: input.overrideReason ?? null, urgency, personId, dueAt, createdBy: actor.userId, caseId: inquiry.id })
      .returning();
    const r = await bump(tx, contactId, undefined, { status: 'handed-off', personId, disposition: c.disposition ?? 'handed-off', endedAt: c.endedAt ?? new Date() });
    if (c.reportId) await tx.update(helplineReports).set({ status: 'referred', updatedAt: new Date(), version: sql`${helplineReports.version} + 1` }).where(eq(helplineReports.id, c.reportId));
    const atuStaff = await usersWithRole(tx, ['atu-supervisor', 'atu-investigator'], target.path);
    await notify(tx, atuStaff, {
      kind: 'helpline.handoff',
      recordType: 'helpline_handoff',
      recordId: h!.id,
      message: `The helpline handed off contact ${c.ref} (${urgency}, ${c.district ?? c.province ?? 'location unknown'}) as inquiry ${inquiry.ref}. Acknowledge it by ${dueAt.toISOString()}.`,
      messageUr: `ہیلپ لائن نے رابطہ ${c.ref} آپ کے یونٹ کو بھیجا ہے۔`,
    });
    if (urgency === 'immediate') await escalate(tx, h!, target.path, c.ref, 'is in immediate danger');
    await writeAudit(tx, actor, origin, {
      action: 'helpline.handoff',
      recordType: 'helpline_contact',
      recordId: contactId,
      details: { handoffId: h!.id, atu: target.code, routedBy, overrideReason: input.overrideReason ?? null, legalBasis: c.legalBasis, personId, caseId: inquiry.id, caseRef: inquiry.ref },
    });
    return { row: r, handoff: h! };
  });
  if (after) await (after as () => Promise<void>)();
  publish(deps, 'contact.handed-off', row);
  const [u] = await deps.db.select({ name: units.name }).from(units).where(eq(units.id, handoff.unitId));
  return presentHandoff(handoff, u?.name ?? '');
}

/** Hand-offs: an ATU sees those to its part of the tree; the helpline sees all. */
export async function listHandoffs(deps: Deps, actor: UserActor, q: { open?: boolean | undefined }) {
  const helpline = can(actor, 'helpline.work', null);
  if (!helpline && !actor.roles.some((r) => r === 'atu-investigator' || r === 'atu-supervisor')) assertCan(actor, 'helpline.readHandoff', { id: actor.unitId, path: '' });
  const rows = await deps.db
    .select({ h: helplineHandoffs, unitName: units.name, unitPath: units.path, contact: helplineContacts })
    .from(helplineHandoffs)
    .innerJoin(units, eq(units.id, helplineHandoffs.unitId))
    .innerJoin(helplineContacts, eq(helplineContacts.id, helplineHandoffs.contactId))
    .where(and(helpline ? undefined : sql`starts_with(${units.path}, ${actor.unitPath})`, q.open ? isNull(helplineHandoffs.acknowledgedAt) : undefined))
    .orderBy(desc(helplineHandoffs.createdAt))
    .limit(500);
  return {
    items: rows
      .filter((r) => can(actor, 'helpline.readHandoff', { id: r.h.unitId, path: r.unitPath }))
      .map((r) => ({ ...presentHandoff(r.h, r.unitName), contactRef: r.contact.ref, classification: r.contact.classification, district: r.contact.district, province: r.contact.province, channel: r.contact.channel })),
  };
}

async function loadHandoff(db: Executor, actor: UserActor, id: string) {
  const [r] = await db
    .select({ h: helplineHandoffs, unitName: units.name, unitPath: units.path })
    .from(helplineHandoffs)
    .innerJoin(units, eq(units.id, helplineHandoffs.unitId))
    .where(eq(helplineHandoffs.id, id));
  if (!r) throw notFound('hand-off');
  assertCan(actor, 'helpline.readHandoff', { id: r.h.unitId, path: r.unitPath }, { type: 'helpline_handoff', id });
  return r;
}

/** The hand-off as the ATU reads it: the contact's facts, safety notes and the caller's number (audited). */
export async function getHandoff(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  const r = await loadHandoff(deps.db, actor, id);
  const c = await loadContact(deps.db, r.h.contactId);
  const phone = c.callerPhone ? deps.cipher.decrypt(c.callerPhone, CONTACT_FIELD(c.id, 'caller_phone')) : null;
  const codeWord = c.codeWord ? deps.cipher.decrypt(c.codeWord, CONTACT_FIELD(c.id, 'code_word')) : null;
  await deps.db.transaction((tx) => writeAudit(tx, actor, origin, { action: 'helpline.handoff.read', recordType: 'helpline_handoff', recordId: id, fields: ['summary', ...(phone ? ['callerPhone'] : []), ...(codeWord ? ['codeWord'] : [])] }));
  return {
    ...presentHandoff(r.h, r.unitName),
    contact: {
      ref: c.ref,
      channel: c.channel,
      receivedAt: c.receivedAt,
      language: c.language,
      callerType: c.callerType,
      summary: c.summary ? deps.cipher.decrypt(c.summary, CONTACT_FIELD(c.id, 'summary')) : '',
      classification: c.classification,
      urgency: c.urgency,
      district: c.district,
      province: c.province,
      safeToCall: c.safeToCall,
      safeFrom: c.safeFrom,
      safeTo: c.safeTo,
      codeWord,
      callerPhone: phone,
      legalBasis: c.legalBasis,
      legalBasisNote: c.legalBasisNote,
    },
    abilities: { acknowledge: !r.h.acknowledgedAt && can(actor, 'helpline.acknowledge', { id: r.h.unitId, path: r.unitPath }) },
  };
}

/** The ATU acknowledges the hand-off: the clock stops; the inquiry opened at hand-off is theirs to work. */
export async function acknowledgeHandoff(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  const result = await deps.db.transaction(async (tx) => {
    const r = await loadHandoff(tx, actor, id);
    assertCan(actor, 'helpline.acknowledge', { id: r.h.unitId, path: r.unitPath }, { type: 'helpline_handoff', id }, { status: 403, message: 'Only the ATU the contact was handed off to can acknowledge it.' });
    if (r.h.acknowledgedAt) throw conflict('This hand-off has already been acknowledged.', { caseId: r.h.caseId });
    const c = await loadContact(tx, r.h.contactId);
    const caseRef = r.h.caseId ? await caseReference(tx, r.h.caseId) : null;
    const now = new Date();
    await tx.update(helplineHandoffs).set({ acknowledgedAt: now, acknowledgedBy: actor.userId }).where(eq(helplineHandoffs.id, id));
    if (c.assignedTo || c.createdBy) {
      await notify(tx, [c.assignedTo ?? c.createdBy!], { kind: 'helpline.handoff.acknowledged', recordType: 'helpline_handoff', recordId: id, message: `${r.unitName} acknowledged contact ${c.ref}${caseRef ? ` (inquiry ${caseRef})` : ''}.` });
    }
    await writeAudit(tx, actor, origin, { action: 'helpline.handoff.acknowledge', recordType: 'helpline_handoff', recordId: id, details: { caseId: r.h.caseId, minutes: Math.round((now.getTime() - r.h.createdAt.getTime()) / 60_000) } });
    return { caseRef };
  });
  return { ...(await getHandoff(deps, actor, id, origin)), caseRef: result.caseRef };
}

// ---- the telephone system ----------------------------------------------------------------------

export interface TelephonyEvent {
  event: 'ring' | 'answer' | 'hangup';
  callId: string;
  callerId?: string | undefined;
  queue?: string | undefined;
  agent?: string | undefined;
  at: string;
  duration?: number | undefined;
}

/**
 * ring opens a contact on the queue; answer gives it to the answering operator (pushed to their
 * screen); hangup ends it. A call that rang and was never answered is abandoned and becomes a
 * callback to make, only when calling back is safe (unknown: "check before calling"). Each
 * (callId, event) is applied once; a repeat answers with what was done the first time.
 */
export async function telephonyEvent(deps: Deps, actor: UserActor, e: TelephonyEvent, origin: Origin) {
  assertCan(actor, 'helpline.telephony', null);
  let agentId: string | null = null;
  if (e.event === 'answer') {
    if (!e.agent) throw unprocessable('An answer event names the agent (the operator\'s username).', { field: 'agent' });
    agentId = await findUserIdByUsername(deps.db, e.agent);
    const agent = agentId ? await loadUser(deps.db, agentId) : null;
    if (!agent?.active || !can(agent.actor, 'helpline.work', null)) throw unprocessable(`"${e.agent}" is not an active helpline operator.`, { field: 'agent' });
  }
  const at = new Date(e.at);
  const out = await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(telephonyEvents)
      .values({ callId: e.callId, event: e.event, at, details: { queue: e.queue ?? null, agent: e.agent ?? null, duration: e.duration ?? null } })
      .onConflictDoNothing()
      .returning({ id: telephonyEvents.id });
    let [c] = await tx.select().from(helplineContacts).where(eq(helplineContacts.callId, e.callId));
    if (inserted.length === 0) return { contact: c ?? null, duplicate: true, type: null as string | null, callbackId: null as string | null };
    if (!c) {
      // The ring may be missed or arrive late: whichever event comes first opens the contact.
      const id = randomUUID();
      const phone = e.callerId && normalisePhone(e.callerId).length >= 10 ? e.callerId : null;
      const hash = phone ? deps.cipher.blindIndex('phone', normalisePhone(phone)) : null;
      // A number that called before brings its last safety notes with it.
      const [prev] = hash
        ? await tx.select().from(helplineContacts).where(eq(helplineContacts.callerPhoneHash, hash)).orderBy(desc(helplineContacts.receivedAt)).limit(1)
        : [];
      [c] = await tx
        .insert(helplineContacts)
        .values({
          id,
          ref: `HL-${at.getFullYear()}-${randomRef(8)}`,
          channel: 'phone',
          status: 'queued',
          receivedAt: at,
          callId: e.callId,
          queue: e.queue ?? null,
          callerPhone: phone ? deps.cipher.encrypt(phone, CONTACT_FIELD(id, 'caller_phone')) : null,
          callerPhoneHash: hash,
          safeToCall: prev?.safeToCall ?? null,
          safeFrom: prev?.safeFrom ?? null,
          safeTo: prev?.safeTo ?? null,
          language: prev?.language ?? null,
        })
        .returning();
    }
    let contact = c!;
    let type = 'contact.queued';
    let callbackId: string | null = null;
    if (e.event === 'answer') {
      contact = await bump(tx, contact.id, undefined, { assignedTo: agentId, status: 'active', answeredAt: contact.answeredAt ?? at });
      type = 'contact.assigned';
    } else if (e.event === 'hangup') {
      const abandoned = !contact.answeredAt;
      contact = await bump(tx, contact.id, undefined, { status: contact.status === 'handed-off' ? 'handed-off' : 'ended', endedAt: at, abandoned, ...(abandoned ? { disposition: 'callback-needed' } : {}) });
      type = 'contact.ended';
      if (abandoned && contact.callerPhone && contact.safeToCall !== false) {
        const due = contact.safeFrom && contact.safeTo ? nextSafeMoment(at, contact.safeFrom, contact.safeTo) : at;
        callbackId = (await insertCallback(tx, contact, due, 'Abandoned call: the caller hung up before an operator answered.', null)).id;
      }
    }
    await writeAudit(tx, actor, origin, { action: `helpline.telephony.${e.event}`, recordType: 'helpline_contact', recordId: contact.id, details: { callId: e.callId, callbackId } });
    return { contact, duplicate: false, type: type as string | null, callbackId };
  });
  if (out.contact && out.type) publish(deps, out.type, out.contact);
  return { contactId: out.contact?.id ?? null, duplicate: out.duplicate, callbackId: out.callbackId };
}

/** An SMS or WhatsApp message from the messaging gateway: a new contact, or added to the sender's open one. */
export async function inboundMessage(deps: Deps, actor: UserActor, m: { channel: 'sms' | 'whatsapp'; from: string; text: string; at?: string | undefined; language?: string | undefined }, origin: Origin) {
  assertCan(actor, 'helpline.telephony', null);
  if (normalisePhone(m.from).length < 10) throw unprocessable(`The sender's number "${m.from}" is too short.`, { field: 'from' });
  const hash = deps.cipher.blindIndex('phone', normalisePhone(m.from));
  const at = m.at ? new Date(m.at) : new Date();
  const { row, type } = await deps.db.transaction(async (tx) => {
    const [open] = await tx
      .select()
      .from(helplineContacts)
      .where(and(eq(helplineContacts.callerPhoneHash, hash), eq(helplineContacts.channel, m.channel), inArray(helplineContacts.status, ['queued', 'active'])))
      .orderBy(desc(helplineContacts.receivedAt))
      .limit(1);
    if (open) {
      const before = open.summary ? deps.cipher.decrypt(open.summary, CONTACT_FIELD(open.id, 'summary')) : '';
      const r = await bump(tx, open.id, undefined, { summary: deps.cipher.encrypt(`${before}\n[${at.toISOString()}] ${m.text}`.trim(), CONTACT_FIELD(open.id, 'summary')) });
      await writeAudit(tx, actor, origin, { action: 'helpline.message.inbound', recordType: 'helpline_contact', recordId: open.id });
      return { row: r, type: 'contact.updated' };
    }
    const id = randomUUID();
    const [prev] = await tx.select().from(helplineContacts).where(eq(helplineContacts.callerPhoneHash, hash)).orderBy(desc(helplineContacts.receivedAt)).limit(1);
    const [r] = await tx
      .insert(helplineContacts)
      .values({
        id,
        ref: `HL-${at.getFullYear()}-${randomRef(8)}`,
        channel: m.channel,
        status: 'queued',
        receivedAt: at,
        language: m.language ?? prev?.language ?? null,
        summary: deps.cipher.encrypt(`[${at.toISOString()}] ${m.text}`, CONTACT_FIELD(id, 'summary')),
        callerPhone: deps.cipher.encrypt(m.from, CONTACT_FIELD(id, 'caller_phone')),
        callerPhoneHash: hash,
        safeToCall: prev?.safeToCall ?? null,
        safeFrom: prev?.safeFrom ?? null,
        safeTo: prev?.safeTo ?? null,
      })
      .returning();
    await writeAudit(tx, actor, origin, { action: 'helpline.message.inbound', recordType: 'helpline_contact', recordId: id });
    return { row: r!, type: 'contact.queued' };
  });
  publish(deps, type, row);
  return { contactId: row.id };
}

// ---- the scheduler -----------------------------------------------------------------------------

/**
 * Escalates hand-offs not acknowledged in time (to the helpline supervisors and the ATU's
 * supervisors), and tells operators about callbacks that have come due.
 */
export async function helplineReminders(tx: Tx, now = new Date(), actor: Actor = { kind: 'system', name: 'scheduler' }): Promise<{ escalated: number; callbacks: number }> {
  assertCan(actor, 'helpline.escalate', null);
  const late = await tx
    .select({ h: helplineHandoffs, path: units.path, ref: helplineContacts.ref })
    .from(helplineHandoffs)
    .innerJoin(units, eq(units.id, helplineHandoffs.unitId))
    .innerJoin(helplineContacts, eq(helplineContacts.id, helplineHandoffs.contactId))
    .where(and(isNull(helplineHandoffs.acknowledgedAt), isNull(helplineHandoffs.escalatedAt), lt(helplineHandoffs.dueAt, now)));
  for (const l of late) await escalate(tx, l.h, l.path, l.ref, 'has not been acknowledged in time');
  const due = await tx
    .select({ cb: helplineCallbacks, assignedTo: helplineContacts.assignedTo, ref: helplineContacts.ref })
    .from(helplineCallbacks)
    .innerJoin(helplineContacts, eq(helplineContacts.id, helplineCallbacks.contactId))
    .where(and(eq(helplineCallbacks.status, 'pending'), isNull(helplineCallbacks.alertedAt), lte(helplineCallbacks.dueAt, now)));
  const operators = due.some((d) => !d.assignedTo) ? await usersWithRole(tx, ['helpline-operator', 'helpline-supervisor']) : [];
  for (const d of due) {
    await notify(tx, d.assignedTo ? [d.assignedTo] : operators, {
      kind: 'helpline.callback.due',
      recordType: 'helpline_contact',
      recordId: d.cb.contactId,
      message: `Callback due for ${d.ref}${d.cb.checkBeforeCalling ? ' — safety not known: check the notes before calling' : ''}.`,
    });
    await tx.update(helplineCallbacks).set({ alertedAt: now }).where(eq(helplineCallbacks.id, d.cb.id));
  }
  if (late.length || due.length) await writeAudit(tx, actor, {}, { action: 'helpline.reminders', details: { escalated: late.length, callbacks: due.length } });
  return { escalated: late.length, callbacks: due.length };
}

// ---- statistics --------------------------------------------------------------------------------

/** Counts below this are suppressed in anything published (k-anonymity); helpline staff see them. */
export const SMALL_CELL = 11;

export async function helplineStats(deps: Deps, actor: UserActor, q: { from: string; to: string }) {
  assertCan(actor, 'helpline.stats', null);
  const raw = can(actor, 'helpline.work', null);
  const from = new Date(`${q.from}T00:00:00+05:00`);
  const to = new Date(new Date(`${q.to}T00:00:00+05:00`).getTime() + 86_400_000);
  if (!(from < to)) throw unprocessable('The period must start on or before it ends.', { field: 'from' });
  const inPeriod: SQL = sql`c.received_at >= ${from.toISOString()} AND c.received_at < ${to.toISOString()}`;
  const cell = (n: number) => (raw || n === 0 || n >= SMALL_CELL ? n : null);
  const group = async (expr: SQL, from_: SQL = sql`helpline_contacts c`) =>
    (await queryRows<{ key: string | null; n: number }>(deps.db, sql`SELECT ${expr} AS key, count(*)::int AS n FROM ${from_} WHERE ${inPeriod} GROUP BY 1 ORDER BY 1`)).map((r) => ({
      key: r.key ?? 'unknown',
      count: cell(r.n),
    }));
  const [byChannel, byClassification, byProvince, byHour] = await Promise.all([
    group(sql`c.channel`),
    group(sql`k`, sql`helpline_contacts c LEFT JOIN LATERAL unnest(c.classification) AS k ON true`),
    group(sql`c.province`),
    group(sql`lpad(extract(hour FROM c.received_at AT TIME ZONE 'Asia/Karachi')::int::text, 2, '0')`),
  ]);
  const [times] = await queryRows<{ total: number; abandoned: number; a50: number | null; a90: number | null; r50: number | null; r90: number | null }>(
    deps.db,
    sql`SELECT count(*)::int AS total,
      count(*) FILTER (WHERE c.abandoned)::int AS abandoned,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.answered_at - c.received_at)) FILTER (WHERE c.channel = 'phone' AND c.answered_at IS NOT NULL) AS a50,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM c.answered_at - c.received_at)) FILTER (WHERE c.channel = 'phone' AND c.answered_at IS NOT NULL) AS a90,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.answered_at - c.received_at)) FILTER (WHERE c.channel <> 'phone' AND c.answered_at IS NOT NULL) AS r50,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM c.answered_at - c.received_at)) FILTER (WHERE c.channel <> 'phone' AND c.answered_at IS NOT NULL) AS r90
      FROM helpline_contacts c WHERE ${inPeriod}`,
  );
  const [ho] = await queryRows<{ total: number; acknowledged: number; overdue: number; k50: number | null; k90: number | null }>(
    deps.db,
    sql`SELECT count(*)::int AS total,
      count(h.acknowledged_at)::int AS acknowledged,
      count(*) FILTER (WHERE h.acknowledged_at IS NULL AND h.due_at < now())::int AS overdue,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.acknowledged_at - h.created_at)) AS k50,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM h.acknowledged_at - h.created_at)) AS k90
      FROM helpline_handoffs h JOIN helpline_contacts c ON c.id = h.contact_id WHERE ${inPeriod}`,
  );
  const secs = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v)));
  return {
    from: q.from,
    to: q.to,
    suppressed: !raw,
    smallCellThreshold: SMALL_CELL,
    total: cell(times?.total ?? 0),
    byChannel,
    byClassification,
    byProvince,
    byHour,
    answerSeconds: { median: secs(times?.a50), p90: secs(times?.a90) },
    responseSeconds: { median: secs(times?.r50), p90: secs(times?.r90) },
    abandonedCalls: cell(times?.abandoned ?? 0),
    handoffs: {
      total: cell(ho?.total ?? 0),
      acknowledged: cell(ho?.acknowledged ?? 0),
      overdue: cell(ho?.overdue ?? 0),
      acknowledgeSeconds: { median: secs(ho?.k50), p90: secs(ho?.k90) },
    },
  };
}

