// The case's working parts, beside the core in service.ts: evidence and its chain of custody,
// the case diary and tasks, the court (hearings, judgments, appeals, the prosecutor), sharing
// with other units, and link analysis across cases. Every case is loaded through `caseInScope`.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import {
  appeals,
  caseCharges,
  caseEntities,
  caseParties,
  caseShares,
  cases,
  caseTasks,
  custodyEvents,
  diaryEntries,
  evidence,
  evidenceBlobs,
  hearings,
  judgments,
  offences,
  units,
  users,
} from '../../db/schema.js';
import { writeAudit, type Origin } from '../../platform/audit.js';
import { DecryptionError } from '../../platform/crypto.js';
import { queryRows, type Tx } from '../../platform/db.js';
import { AppError, conflict, notFound, staleVersion, unprocessable } from '../../platform/errors.js';
import type { Deps } from '../../platform/http.js';
import { assertCan, can, caseScope, type CaseRef, type UserActor } from '../../platform/policy.js';
import { getPersonsForCase, survivingPersonSql } from '../persons/service.js';
import { caseInScope, normaliseEntity, recomputeDeadlines, today, touchCase, type EntityInput } from './service.js';

const notInFuture = (on: string, field: string, what: string) => {
  if (on > today()) throw unprocessable(`${what} cannot be in the future.`, { field });
};

// ---- evidence and documents ------------------------------------------------------------------

export const MAX_EVIDENCE_BYTES = 8 * 1024 * 1024;

/** The file types accepted as evidence, with the signature the first bytes must carry (where one is fixed). */
export const EVIDENCE_MIME_TYPES: Record<string, { label: string; magic?: number[] }> = {
  'application/pdf': { label: 'PDF', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  'image/jpeg': { label: 'JPEG image', magic: [0xff, 0xd8, 0xff] },
  'image/png': { label: 'PNG image', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  'image/webp': { label: 'WebP image' },
  'text/plain': { label: 'text' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word document (docx)' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel workbook (xlsx)' },
  'audio/mpeg': { label: 'MP3 audio' },
  'audio/ogg': { label: 'Ogg audio' },
  'audio/mp4': { label: 'M4A audio' },
  'audio/x-m4a': { label: 'M4A audio' },
};

export interface EvidenceInput {
  filename: string;
  mimeType: string;
  type: string;
  source?: string | undefined;
  seizedOn?: string | undefined;
  description?: string | undefined;
  contentBase64: string;
}

const blobContext = (sha256: string) => ({ table: 'evidence_blobs', column: 'content', id: sha256 });

export async function addEvidence(deps: Deps, actor: UserActor, caseId: string, input: EvidenceInput, origin: Origin) {
  await caseInScope(deps.db, actor, caseId, 'case.update');
  const kind = EVIDENCE_MIME_TYPES[input.mimeType];
  if (!kind) throw unprocessable(`Files of type ${input.mimeType} are not accepted; send one of: ${Object.keys(EVIDENCE_MIME_TYPES).join(', ')}.`, { field: 'mimeType' });
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw unprocessable('The file is empty.', { field: 'contentBase64' });
  if (bytes.length > MAX_EVIDENCE_BYTES) throw new AppError(413, 'too_large', `The file is ${(bytes.length / 1048576).toFixed(1)} MB; evidence files may be at most 8 MB.`);
  if (kind.magic && !kind.magic.every((b, i) => bytes[i] === b)) {
    throw unprocessable(`The file does not look like a ${kind.label}: its contents do not match the type given (${input.mimeType}).`, { field: 'mimeType' });
  }
  if (input.seizedOn) notInFuture(input.seizedOn, 'seizedOn', 'The seizure date');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return deps.db.transaction(async (tx) => {
    const stored = await tx
      .insert(evidenceBlobs)
      .values({ sha256, size: bytes.length, content: deps.cipher.encrypt(bytes.toString('base64'), blobContext(sha256)) })
      .onConflictDoNothing({ target: evidenceBlobs.sha256 })
      .returning({ sha256: evidenceBlobs.sha256 });
    const [row] = await tx
      .insert(evidence)
      .values({
        caseId,
        sha256,
        filename: input.filename,
        mimeType: input.mimeType,
        type: input.type,
        source: input.source ?? null,
        seizedOn: input.seizedOn ?? null,
        description: input.description ?? null,
        createdBy: actor.userId,
      })
      .returning({ id: evidence.id });
    // The chain of custody begins with the upload: seized by the ATU, or received from someone.
    await tx.insert(custodyEvents).values({
      evidenceId: row!.id,
      action: input.seizedOn ? 'seized' : 'received',
      holder: actor.displayName,
      on: input.seizedOn ?? today(),
      reason: input.source ? `${input.seizedOn ? 'seized from' : 'received from'} ${input.source}` : 'uploaded to the case file',
      recordedBy: actor.userId,
    });
    const deduplicated = stored.length === 0;
    await writeAudit(tx, actor, origin, { action: 'evidence.add', recordType: 'case', recordId: caseId, details: { evidenceId: row!.id, sha256, size: bytes.length, type: input.type, deduplicated } });
    return { id: row!.id, sha256, size: bytes.length, deduplicated };
  });
}

export async function listEvidence(deps: Deps, actor: UserActor, caseId: string) {
  await caseInScope(deps.db, actor, caseId);
  const rows = await deps.db
    .select({
      id: evidence.id,
      sha256: evidence.sha256,
      size: evidenceBlobs.size,
      filename: evidence.filename,
      mimeType: evidence.mimeType,
      type: evidence.type,
      source: evidence.source,
      seizedOn: evidence.seizedOn,
      description: evidence.description,
      createdBy: evidence.createdBy,
      createdAt: evidence.createdAt,
    })
    .from(evidence)
    .innerJoin(evidenceBlobs, eq(evidenceBlobs.sha256, evidence.sha256))
    .where(eq(evidence.caseId, caseId))
    .orderBy(asc(evidence.createdAt));
  return { items: rows };
}

async function evidenceRow(deps: Deps, caseId: string, evidenceId: string) {
  const [row] = await deps.db.select().from(evidence).where(and(eq(evidence.id, evidenceId), eq(evidence.caseId, caseId)));
  if (!row) throw notFound('evidence in this case');
  return row;
}

/** Decrypts the stored bytes and recomputes their SHA-256; null bytes when the stored value no longer decrypts. */
async function readBlob(deps: Deps, sha256: string): Promise<{ bytes: Buffer | null; actual: string | null }> {
  const [blob] = await deps.db.select().from(evidenceBlobs).where(eq(evidenceBlobs.sha256, sha256));
  if (!blob) return { bytes: null, actual: null };
  try {
    const bytes = Buffer.from(deps.cipher.decrypt(blob.content, blobContext(sha256)), 'base64');
    return { bytes, actual: createHash('sha256').update(bytes).digest('hex') };
  } catch (e) {
    if (e instanceof DecryptionError) return { bytes: null, actual: null };
    throw e;
  }
}

async function auditTamper(deps: Deps, actor: UserActor, origin: Origin, caseId: string, evidenceId: string, sha256: string, actual: string | null) {
  await deps.db.transaction((tx) =>
    writeAudit(tx, actor, origin, { action: 'evidence.tamper', outcome: 'failure', recordType: 'case', recordId: caseId, details: { evidenceId, expected: sha256, actual: actual ?? 'unreadable' } }),
  );
}

/**
 * The file's bytes, after checking they still hash to the address they were stored under.
 * Content is the case file itself (statements, passports), so it needs case.readIdentity, and each read is audited.
 */
export async function downloadEvidence(deps: Deps, actor: UserActor, caseId: string, evidenceId: string, origin: Origin) {
  const { ref } = await caseInScope(deps.db, actor, caseId);
  assertCan(actor, 'case.readIdentity', ref, { type: 'evidence', id: evidenceId }, { status: 403, message: 'You may see that this evidence exists, but not open it.' });
  const row = await evidenceRow(deps, caseId, evidenceId);
  const { bytes, actual } = await readBlob(deps, row.sha256);
  if (!bytes || actual !== row.sha256) {
    await auditTamper(deps, actor, origin, caseId, evidenceId, row.sha256, actual);
    throw conflict('This evidence file has been altered since it was uploaded: its contents no longer match their SHA-256 fingerprint. It has not been sent; the event is recorded in the audit trail. Tell your supervisor.', {
      evidenceId,
      sha256: row.sha256,
    });
  }
  await deps.db.transaction((tx) => writeAudit(tx, actor, origin, { action: 'evidence.download', recordType: 'case', recordId: caseId, details: { evidenceId, sha256: row.sha256 } }));
  return { bytes, filename: row.filename, mimeType: row.mimeType };
}

/** Checks the stored file against its fingerprint without sending it. */
export async function verifyEvidence(deps: Deps, actor: UserActor, caseId: string, evidenceId: string, origin: Origin) {
  await caseInScope(deps.db, actor, caseId);
  const row = await evidenceRow(deps, caseId, evidenceId);
  const { actual } = await readBlob(deps, row.sha256);
  const ok = actual === row.sha256;
  if (!ok) await auditTamper(deps, actor, origin, caseId, evidenceId, row.sha256, actual);
  return { ok, sha256: row.sha256 };
}

// ---- chain of custody ------------------------------------------------------------------------

export interface CustodyInput {
  action: string;
  holder: string;
  on: string;
  reason: string;
}

const FINAL_CUSTODY = new Set(['returned-to-owner', 'destroyed']);

export async function listCustody(deps: Deps, actor: UserActor, caseId: string, evidenceId: string) {
  await caseInScope(deps.db, actor, caseId);
  await evidenceRow(deps, caseId, evidenceId);
  const items = await deps.db.select().from(custodyEvents).where(eq(custodyEvents.evidenceId, evidenceId)).orderBy(asc(custodyEvents.on), asc(custodyEvents.recordedAt));
  return { items };
}

export async function addCustody(deps: Deps, actor: UserActor, caseId: string, evidenceId: string, input: CustodyInput, origin: Origin) {
  await caseInScope(deps.db, actor, caseId, 'case.update');
  await evidenceRow(deps, caseId, evidenceId);
  notInFuture(input.on, 'on', 'A custody event');
  if (input.action === 'seized') throw unprocessable('Seizure is the first link of the chain, recorded with the upload.', { field: 'action' });
  return deps.db.transaction(async (tx) => {
    // One writer at a time per item, so the chain cannot fork.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`custody:${evidenceId}`}))`);
    const [last] = await tx.select().from(custodyEvents).where(eq(custodyEvents.evidenceId, evidenceId)).orderBy(desc(custodyEvents.on), desc(custodyEvents.recordedAt)).limit(1);
    if (last && FINAL_CUSTODY.has(last.action)) throw unprocessable(`The item was ${last.action === 'destroyed' ? 'destroyed' : 'returned to its owner'} on ${last.on}; the chain of custody is closed.`, { field: 'action' });
    if (last && input.on < last.on) throw unprocessable(`The chain of custody is in date order: the last event was on ${last.on}.`, { field: 'on' });
    const [row] = await tx.insert(custodyEvents).values({ evidenceId, ...input, recordedBy: actor.userId }).returning({ id: custodyEvents.id });
    await writeAudit(tx, actor, origin, { action: 'evidence.custody', recordType: 'case', recordId: caseId, details: { evidenceId, custodyEventId: row!.id, action: input.action } });
    return { id: row!.id };
  });
}

// ---- the case diary --------------------------------------------------------------------------

export async function listDiary(deps: Deps, actor: UserActor, caseId: string) {
  await caseInScope(deps.db, actor, caseId);
  const items = await deps.db
    .select({ id: diaryEntries.id, on: diaryEntries.on, note: diaryEntries.note, officerId: diaryEntries.officerId, officerName: users.displayName, createdAt: diaryEntries.createdAt })
    .from(diaryEntries)
    .leftJoin(users, eq(users.id, diaryEntries.officerId))
    .where(eq(diaryEntries.caseId, caseId))
    .orderBy(desc(diaryEntries.on), desc(diaryEntries.createdAt));
  return { items };
}

/** A dated note by the signed-in officer. Notes are never edited or deleted: a correction is a new note. */
export async function addDiaryEntry(deps: Deps, actor: UserActor, caseId: string, input: { on: string; note: string }, origin: Origin) {
  const { row } = await caseInScope(deps.db, actor, caseId, 'case.update');
  notInFuture(input.on, 'on', 'A diary note');
  if (input.on < row.receivedOn) throw unprocessable(`A diary note cannot be dated before the case was received (${row.receivedOn}).`, { field: 'on' });
  return deps.db.transaction(async (tx) => {
    const [entry] = await tx.insert(diaryEntries).values({ caseId, on: input.on, note: input.note, officerId: actor.userId }).returning({ id: diaryEntries.id });
    await writeAudit(tx, actor, origin, { action: 'case.diary.add', recordType: 'case', recordId: caseId, details: { entryId: entry!.id, on: input.on } });
    return { id: entry!.id };
  });
}

// ---- tasks -----------------------------------------------------------------------------------

async function assertOwnerInUnit(deps: Deps, ownerId: string, unitId: string) {
  const [owner] = await deps.db.select({ id: users.id }).from(users).where(and(eq(users.id, ownerId), eq(users.unitId, unitId), eq(users.active, true)));
  if (!owner) throw unprocessable("A task's owner must be an active officer of the ATU that owns the case.", { field: 'ownerId' });
}

export async function addTask(deps: Deps, actor: UserActor, caseId: string, input: { title: string; ownerId?: string | undefined; due?: string | undefined }, origin: Origin) {
  const { row } = await caseInScope(deps.db, actor, caseId, 'case.update');
  const ownerId = input.ownerId ?? actor.userId;
  await assertOwnerInUnit(deps, ownerId, row.unitId);
  return deps.db.transaction(async (tx) => {
    const [task] = await tx.insert(caseTasks).values({ caseId, title: input.title, ownerId, due: input.due ?? null, createdBy: actor.userId }).returning({ id: caseTasks.id });
    await writeAudit(tx, actor, origin, { action: 'case.task.add', recordType: 'case', recordId: caseId, details: { taskId: task!.id, ownerId } });
    return { id: task!.id };
  });
}

export async function listTasks(deps: Deps, actor: UserActor, caseId: string) {
  await caseInScope(deps.db, actor, caseId);
  const items = await deps.db
    .select({ id: caseTasks.id, title: caseTasks.title, ownerId: caseTasks.ownerId, ownerName: users.displayName, due: caseTasks.due, doneAt: caseTasks.doneAt, version: caseTasks.version, createdAt: caseTasks.createdAt })
    .from(caseTasks)
    .leftJoin(users, eq(users.id, caseTasks.ownerId))
    .where(eq(caseTasks.caseId, caseId))
    .orderBy(sql`${caseTasks.doneAt} IS NOT NULL`, sql`${caseTasks.due} ASC NULLS LAST`, asc(caseTasks.createdAt));
  return { items: items.map((t) => ({ ...t, overdue: !t.doneAt && !!t.due && t.due < today() })) };
}

/** Marks a task done (or reopens it); versioned, so two officers cannot silently overwrite each other. */
export async function setTaskDone(deps: Deps, actor: UserActor, caseId: string, taskId: string, input: { done: boolean; version: number }, origin: Origin) {
  await caseInScope(deps.db, actor, caseId, 'case.update');
  const [task] = await deps.db.select().from(caseTasks).where(and(eq(caseTasks.id, taskId), eq(caseTasks.caseId, caseId)));
  if (!task) throw notFound('task in this case');
  if (input.done === !!task.doneAt) throw conflict(input.done ? 'This task is already done.' : 'This task is already open.');
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(caseTasks)
      .set({ doneAt: input.done ? new Date() : null, version: sql`${caseTasks.version} + 1` })
      .where(and(eq(caseTasks.id, taskId), eq(caseTasks.version, input.version)))
      .returning({ id: caseTasks.id });
    if (rows.length === 0) throw staleVersion('task', task.version);
    await writeAudit(tx, actor, origin, { action: input.done ? 'case.task.complete' : 'case.task.reopen', recordType: 'case', recordId: caseId, details: { taskId } });
  });
}

/** The signed-in officer's tasks across every case they can still see. */
export async function myTasks(deps: Deps, actor: UserActor, opts: { done: boolean }) {
  const items = await deps.db
    .select({ id: caseTasks.id, caseId: cases.id, caseRef: cases.ref, caseTitle: cases.title, title: caseTasks.title, due: caseTasks.due, doneAt: caseTasks.doneAt, version: caseTasks.version })
    .from(caseTasks)
    .innerJoin(cases, eq(cases.id, caseTasks.caseId))
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(and(eq(caseTasks.ownerId, actor.userId), opts.done ? sql`${caseTasks.doneAt} IS NOT NULL` : isNull(caseTasks.doneAt), caseScope(actor, cases.unitId, cases.id)))
    .orderBy(sql`${caseTasks.due} ASC NULLS LAST`, asc(caseTasks.createdAt))
    .limit(500);
  return { items: items.map((t) => ({ ...t, overdue: !t.doneAt && !!t.due && t.due < today() })) };
}

// ---- court: hearings, judgments, appeals, the prosecutor -------------------------------------

const COURT_STAGES = new Set(['trial', 'appeal']);

export interface HearingInput {
  court: string;
  judge?: string | undefined;
  on: string;
  purpose: string;
  outcome?: string | undefined;
  adjourned?: boolean | undefined;
  adjournmentReason?: string | undefined;
  nextDate?: string | undefined;
}

export async function addHearing(deps: Deps, actor: UserActor, caseId: string, input: HearingInput, origin: Origin) {
  const { row } = await caseInScope(deps.db, actor, caseId, 'case.recordCourt');
  if (!COURT_STAGES.has(row.stage)) {
    throw unprocessable(`Hearings are recorded once the case is at trial or in appeal; this case is at the ${row.stage} stage. Move it to trial first.`, { field: 'stage', stage: row.stage });
  }
  notInFuture(input.on, 'on', 'A hearing that has taken place');
  if (input.adjourned && !input.adjournmentReason) throw unprocessable('Say why the hearing was adjourned.', { field: 'adjournmentReason' });
  if (!input.adjourned && input.adjournmentReason) throw unprocessable('An adjournment reason is given only when the hearing was adjourned.', { field: 'adjournmentReason' });
  if (input.nextDate && input.nextDate <= input.on) throw unprocessable('The next date must be after the hearing.', { field: 'nextDate' });
  if (input.adjourned && !input.nextDate) throw unprocessable('An adjourned hearing needs the next date.', { field: 'nextDate' });
  return deps.db.transaction(async (tx) => {
    const [h] = await tx
      .insert(hearings)
      .values({
        caseId,
        court: input.court,
        judge: input.judge ?? null,
        on: input.on,
        purpose: input.purpose,
        outcome: input.outcome ?? null,
        adjourned: input.adjourned ?? false,
        adjournmentReason: input.adjournmentReason ?? null,
        nextDate: input.nextDate ?? null,
        recordedBy: actor.userId,
      })
      .returning({ id: hearings.id });
    await touchCase(tx, caseId, undefined, row.version);
    await recomputeDeadlines(tx, caseId);
    await writeAudit(tx, actor, origin, { action: 'case.hearing.add', recordType: 'case', recordId: caseId, details: { hearingId: h!.id, on: input.on, nextDate: input.nextDate ?? null } });
    return { id: h!.id };
  });
}

export async function listHearings(deps: Deps, actor: UserActor, caseId: string) {
  await caseInScope(deps.db, actor, caseId);
  return { items: await deps.db.select().from(hearings).where(eq(hearings.caseId, caseId)).orderBy(asc(hearings.on), asc(hearings.createdAt)) };
}

export interface JudgmentInput {
  chargeId: string;
  court: string;
  on: string;
  outcome: 'convicted' | 'acquitted' | 'discharged';
  sentenceMonths?: number | undefined;
  fineRs?: number | undefined;
  compensationRs?: number | undefined;
}

const JUDGMENT_STAGES = new Set(['trial', 'judgment', 'appeal']);

/** A judgment on one charge against one accused. It moves nothing by itself: the stage change stays explicit. */
export async function addJudgment(deps: Deps, actor: UserActor, caseId: string, input: JudgmentInput, origin: Origin) {
  const { row } = await caseInScope(deps.db, actor, caseId, 'case.recordCourt');
  if (!JUDGMENT_STAGES.has(row.stage)) throw unprocessable(`A judgment is recorded once the case is before a court; this case is at the ${row.stage} stage.`, { field: 'stage', stage: row.stage });
  notInFuture(input.on, 'on', 'A judgment');
  const [charge] = await deps.db
    .select({ id: caseCharges.id, partyId: caseCharges.partyId, offence: caseCharges.offence, title: offences.title, maxYears: offences.maxYears, maxFineRs: offences.maxFineRs, fineOnlyAllowed: offences.fineOnlyAllowed })
    .from(caseCharges)
    .innerJoin(offences, eq(offences.code, caseCharges.offence))
    .where(and(eq(caseCharges.id, input.chargeId), eq(caseCharges.caseId, caseId)));
  if (!charge) throw unprocessable('The charge is not one of this case’s charges.', { field: 'chargeId' });
  const punished = (input.sentenceMonths ?? 0) > 0 || (input.fineRs ?? 0) > 0;
  if (input.outcome === 'convicted') {
    if (!punished) throw unprocessable('A conviction needs a sentence (in months) or a fine.', { field: 'sentenceMonths' });
    if (!input.sentenceMonths && !charge.fineOnlyAllowed) throw unprocessable(`${charge.title} carries imprisonment; a fine alone is not a lawful sentence for it.`, { field: 'sentenceMonths' });
    if (charge.maxYears !== null && (input.sentenceMonths ?? 0) > charge.maxYears * 12) {
      throw unprocessable(`${charge.title} carries at most ${charge.maxYears} years (${charge.maxYears * 12} months).`, { field: 'sentenceMonths' });
    }
  } else if (punished || input.compensationRs) {
    throw unprocessable(`An accused who is ${input.outcome} receives no sentence, fine or compensation order.`, { field: 'outcome' });
  }
  const [dup] = await deps.db.select({ id: judgments.id }).from(judgments).where(and(eq(judgments.chargeId, input.chargeId), eq(judgments.court, input.court), eq(judgments.on, input.on)));
  if (dup) throw conflict('This court’s judgment on this charge on that date is already recorded.', { judgmentId: dup.id });
  return deps.db.transaction(async (tx) => {
    const [j] = await tx
      .insert(judgments)
      .values({
        caseId,
        chargeId: input.chargeId,
        court: input.court,
        on: input.on,
        outcome: input.outcome,
        sentenceMonths: input.sentenceMonths ?? null,
        fineRs: input.fineRs ?? null,
        compensationRs: input.compensationRs ?? null,
        recordedBy: actor.userId,
      })
      .returning({ id: judgments.id });
    await touchCase(tx, caseId, undefined, row.version);
    await writeAudit(tx, actor, origin, { action: 'case.judgment.add', recordType: 'case', recordId: caseId, details: { judgmentId: j!.id, chargeId: input.chargeId, partyId: charge.partyId, outcome: input.outcome } });
    return { id: j!.id };
  });
}

export async function listJudgments(deps: Deps, actor: UserActor, caseId: string) {
  await caseInScope(deps.db, actor, caseId);
  const items = await deps.db
    .select({
      id: judgments.id,
      chargeId: judgments.chargeId,
      partyId: caseCharges.partyId,
      offence: caseCharges.offence,
      offenceTitle: offences.title,
      court: judgments.court,
      on: judgments.on,
      outcome: judgments.outcome,
      sentenceMonths: judgments.sentenceMonths,
      fineRs: judgments.fineRs,
      compensationRs: judgments.compensationRs,
      createdAt: judgments.createdAt,
    })
    .from(judgments)
    .innerJoin(caseCharges, eq(caseCharges.id, judgments.chargeId))
    .innerJoin(offences, eq(offences.code, caseCharges.offence))
    .where(eq(judgments.caseId, caseId))
    .orderBy(asc(judgments.on), asc(judgments.createdAt));
  return { items };
}

export interface AppealInput {
  filedOn: string;
  appellant: 'state' | 'accused' | 'complainant';
  court: string;
  section?: string | undefined;
  outcome?: string | undefined;
  decidedOn?: string | undefined;
}

export async function addAppeal(deps: Deps, actor: UserActor, caseId: string, input: AppealInput, origin: Origin) {
  const { row } = await caseInScope(deps.db, actor, caseId, 'case.recordCourt');
  if (row.stage !== 'judgment' && row.stage !== 'appeal') throw unprocessable(`An appeal lies against a judgment; this case is at the ${row.stage} stage.`, { field: 'stage', stage: row.stage });
  notInFuture(input.filedOn, 'filedOn', 'The filing date');
  const [judged] = await deps.db.select({ on: judgments.on }).from(judgments).where(eq(judgments.caseId, caseId)).orderBy(asc(judgments.on)).limit(1);
  if (judged && input.filedOn < judged.on) throw unprocessable(`An appeal cannot be filed before the judgment (${judged.on}).`, { field: 'filedOn' });
  checkDecision(input);
  return deps.db.transaction(async (tx) => {
    const [a] = await tx
      .insert(appeals)
      .values({ caseId, filedOn: input.filedOn, appellant: input.appellant, court: input.court, section: input.section ?? null, outcome: input.outcome ?? null, decidedOn: input.decidedOn ?? null, recordedBy: actor.userId })
      .returning({ id: appeals.id });
    await touchCase(tx, caseId, undefined, row.version);
    await writeAudit(tx, actor, origin, { action: 'case.appeal.add', recordType: 'case', recordId: caseId, details: { appealId: a!.id, appellant: input.appellant, section: input.section ?? null } });
    return { id: a!.id };
  });
}

function checkDecision(d: { filedOn: string; outcome?: string | undefined; decidedOn?: string | undefined }) {
  if (!!d.outcome !== !!d.decidedOn) throw unprocessable('An appeal’s outcome and the date it was decided go together.', { field: d.outcome ? 'decidedOn' : 'outcome' });
  if (d.decidedOn) {
    notInFuture(d.decidedOn, 'decidedOn', 'The decision date');
    if (d.decidedOn < d.filedOn) throw unprocessable('An appeal cannot be decided before it was filed.', { field: 'decidedOn' });
  }
}

/** Records an appeal's decision. A decision is recorded once; a second answer conflicts. */
export async function decideAppeal(deps: Deps, actor: UserActor, caseId: string, appealId: string, input: { outcome: string; decidedOn: string }, origin: Origin) {
  await caseInScope(deps.db, actor, caseId, 'case.recordCourt');
  const [appeal] = await deps.db.select().from(appeals).where(and(eq(appeals.id, appealId), eq(appeals.caseId, caseId)));
  if (!appeal) throw notFound('appeal in this case');
  checkDecision({ filedOn: appeal.filedOn, ...input });
  await deps.db.transaction(async (tx) => {
    const rows = await tx.update(appeals).set(input).where(and(eq(appeals.id, appealId), isNull(appeals.outcome))).returning({ id: appeals.id });
    if (rows.length === 0) throw conflict('This appeal’s decision is already recorded.');
    await writeAudit(tx, actor, origin, { action: 'case.appeal.decide', recordType: 'case', recordId: caseId, details: { appealId, outcome: input.outcome } });
  });
}

export async function listAppeals(deps: Deps, actor: UserActor, caseId: string) {
  await caseInScope(deps.db, actor, caseId);
  return { items: await deps.db.select().from(appeals).where(eq(appeals.caseId, caseId)).orderBy(asc(appeals.filedOn), asc(appeals.createdAt)) };
}

/**
 * Assigns the prosecutor conducting the case and shares the case with the prosecutor's unit.
 * Sharing widens who sees victims' identity, so it follows the sharing rule (case.transfer).
 */
export async function assignProsecutor(deps: Deps, actor: UserActor, caseId: string, input: { prosecutorId: string | null; version: number }, origin: Origin) {
  const { row } = await caseInScope(deps.db, actor, caseId, 'case.transfer');
  let unit: { id: string } | undefined;
  if (input.prosecutorId) {
    const [p] = await deps.db.select({ id: users.id, unitId: users.unitId, roles: users.roles, active: users.active }).from(users).where(eq(users.id, input.prosecutorId));
    if (!p || !p.active || !p.roles.includes('prosecutor')) throw unprocessable('Choose an active user who holds the prosecutor role.', { field: 'prosecutorId' });
    unit = { id: p.unitId };
  }
  await deps.db.transaction(async (tx) => {
    await touchCase(tx, caseId, input.version, row.version);
    await tx.update(cases).set({ prosecutorId: input.prosecutorId }).where(eq(cases.id, caseId));
    let shareId: string | null = null;
    if (unit && unit.id !== row.unitId) {
      const [open] = await tx.select({ id: caseShares.id }).from(caseShares).where(and(eq(caseShares.caseId, caseId), eq(caseShares.unitId, unit.id), isNull(caseShares.revokedAt)));
      if (!open) {
        const [s] = await tx.insert(caseShares).values({ caseId, unitId: unit.id, purpose: 'prosecution', sharedBy: actor.userId }).returning({ id: caseShares.id });
        shareId = s!.id;
      }
    }
    await writeAudit(tx, actor, origin, { action: 'case.prosecutor', recordType: 'case', recordId: caseId, details: { prosecutorId: input.prosecutorId, shareId } });
  });
}

// ---- sharing ---------------------------------------------------------------------------------

const SHAREABLE_UNITS = new Set(['atu', 'circle', 'prosecution']);

export async function shareCase(deps: Deps, actor: UserActor, caseId: string, input: { unitId: string; purpose: string }, origin: Origin) {
  const { row } = await caseInScope(deps.db, actor, caseId, 'case.transfer');
  const [unit] = await deps.db.select({ id: units.id, kind: units.kind, name: units.name, path: units.path }).from(units).where(eq(units.id, input.unitId));
  if (!unit || !SHAREABLE_UNITS.has(unit.kind)) throw unprocessable('A case can be shared only with an ATU, an anti-trafficking circle or a prosecution office.', { field: 'unitId' });
  if (unit.id === row.unitId || row.unitPath.startsWith(unit.path) || unit.path.startsWith(row.unitPath)) {
    throw unprocessable(`${unit.name} already sees this case through the unit tree.`, { field: 'unitId' });
  }
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`case-share:${caseId}`}))`);
    const [open] = await tx.select({ id: caseShares.id }).from(caseShares).where(and(eq(caseShares.caseId, caseId), eq(caseShares.unitId, unit.id), isNull(caseShares.revokedAt)));
    if (open) throw conflict(`The case is already shared with ${unit.name}.`, { shareId: open.id });
    const [s] = await tx.insert(caseShares).values({ caseId, unitId: unit.id, purpose: input.purpose, sharedBy: actor.userId }).returning({ id: caseShares.id });
    await touchCase(tx, caseId, undefined, row.version);
    await writeAudit(tx, actor, origin, { action: 'case.share', recordType: 'case', recordId: caseId, details: { shareId: s!.id, unitId: unit.id, purpose: input.purpose } });
    return { id: s!.id };
  });
}

export async function revokeShare(deps: Deps, actor: UserActor, caseId: string, shareId: string, origin: Origin) {
  const { row } = await caseInScope(deps.db, actor, caseId, 'case.transfer');
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(caseShares)
      .set({ revokedAt: new Date() })
      .where(and(eq(caseShares.id, shareId), eq(caseShares.caseId, caseId), isNull(caseShares.revokedAt)))
      .returning({ unitId: caseShares.unitId });
    if (rows.length === 0) throw notFound('active share of this case');
    await touchCase(tx, caseId, undefined, row.version);
    await writeAudit(tx, actor, origin, { action: 'case.share.revoke', recordType: 'case', recordId: caseId, details: { shareId, unitId: rows[0]!.unitId } });
  });
}

export async function listShares(deps: Deps, actor: UserActor, caseId: string) {
  await caseInScope(deps.db, actor, caseId);
  const items = await deps.db
    .select({ id: caseShares.id, unitId: caseShares.unitId, unitName: units.name, purpose: caseShares.purpose, sharedBy: caseShares.sharedBy, sharedAt: caseShares.sharedAt, revokedAt: caseShares.revokedAt })
    .from(caseShares)
    .innerJoin(units, eq(units.id, caseShares.unitId))
    .where(eq(caseShares.caseId, caseId))
    .orderBy(desc(caseShares.sharedAt));
  return { items };
}

// ---- link entities ---------------------------------------------------------------------------

export async function addEntity(deps: Deps, actor: UserActor, caseId: string, input: EntityInput & { partyId?: string | undefined }, origin: Origin) {
  await caseInScope(deps.db, actor, caseId, 'case.update');
  const value = normaliseEntity(input.kind, input.value);
  if (!value) throw unprocessable(`"${input.value}" has nothing to link on once normalised.`, { field: 'value' });
  if (input.partyId) {
    const [p] = await deps.db.select({ id: caseParties.id }).from(caseParties).where(and(eq(caseParties.id, input.partyId), eq(caseParties.caseId, caseId)));
    if (!p) throw unprocessable('The person is not in this case.', { field: 'partyId' });
  }
  return deps.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: caseEntities.id }).from(caseEntities).where(and(eq(caseEntities.caseId, caseId), eq(caseEntities.kind, input.kind), eq(caseEntities.value, value)));
    if (dup) throw conflict(`This ${input.kind} is already linked to the case.`, { entityId: dup.id });
    const [e] = await tx.insert(caseEntities).values({ caseId, kind: input.kind, value, label: input.label ?? input.value, partyId: input.partyId ?? null }).returning({ id: caseEntities.id });
    await writeAudit(tx, actor, origin, { action: 'case.entity.add', recordType: 'case', recordId: caseId, details: { entityId: e!.id, kind: input.kind } });
    return { id: e!.id, value };
  });
}

export async function removeEntity(deps: Deps, actor: UserActor, caseId: string, entityId: string, origin: Origin) {
  await caseInScope(deps.db, actor, caseId, 'case.update');
  await deps.db.transaction(async (tx) => {
    const rows = await tx.delete(caseEntities).where(and(eq(caseEntities.id, entityId), eq(caseEntities.caseId, caseId))).returning({ kind: caseEntities.kind });
    if (rows.length === 0) throw notFound('link on this case');
    await writeAudit(tx, actor, origin, { action: 'case.entity.remove', recordType: 'case', recordId: caseId, details: { entityId, kind: rows[0]!.kind } });
  });
}

// ---- link analysis ---------------------------------------------------------------------------

export type NodeKind = 'case' | 'person' | 'phone' | 'agency' | 'bank-account' | 'vehicle';
export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
}
export interface GraphEdge {
  from: string;
  to: string;
  kind: string;
}

export interface GraphQuery {
  caseIds?: string[] | undefined;
  personId?: string | undefined;
  value?: string | undefined;
  depth: 1 | 2;
}

interface Link {
  caseId: string;
  node: string;
  kind: NodeKind;
  /** person id, or the normalised value */
  key: string;
  edge: string;
}

const MAX_GRAPH_CASES = 300;

/** Persons (through their merged record) and entities of the given cases, limited to cases in scope. */
async function linksOf(deps: Deps, actor: UserActor, where: { caseIds?: string[]; personKeys?: string[]; entities?: Array<{ kind: string; value: string }> }): Promise<Link[]> {
  const scope = caseScope(actor, cases.unitId, cases.id);
  const personKey = survivingPersonSql(caseParties.personId);
  const out: Link[] = [];
  const partyCond = where.caseIds ? inArray(caseParties.caseId, where.caseIds) : where.personKeys?.length ? inArray(personKey, where.personKeys) : undefined;
  if (partyCond) {
    const rows = await deps.db
      .select({ caseId: caseParties.caseId, key: personKey, role: caseParties.role })
      .from(caseParties)
      .innerJoin(cases, eq(cases.id, caseParties.caseId))
      .innerJoin(units, eq(units.id, cases.unitId))
      .where(and(partyCond, scope));
    for (const r of rows) out.push({ caseId: r.caseId, node: `person:${r.key}`, kind: 'person', key: r.key, edge: r.role });
  }
  const entityCond = where.caseIds
    ? inArray(caseEntities.caseId, where.caseIds)
    : where.entities?.length
      ? or(...where.entities.map((e) => and(eq(caseEntities.kind, e.kind), eq(caseEntities.value, e.value))))
      : undefined;
  if (entityCond) {
    const rows = await deps.db
      .select({ caseId: caseEntities.caseId, kind: caseEntities.kind, value: caseEntities.value })
      .from(caseEntities)
      .innerJoin(cases, eq(cases.id, caseEntities.caseId))
      .innerJoin(units, eq(units.id, cases.unitId))
      .where(and(entityCond, scope));
    for (const r of rows) out.push({ caseId: r.caseId, node: `${r.kind}:${r.value}`, kind: r.kind as NodeKind, key: r.value, edge: 'linked' });
  }
  return out;
}

/**
 * The graph of cases joined by shared persons, phone numbers, recruitment agencies, bank
 * accounts and vehicles, within the actor's scope. Starting from cases, a person or a value,
 * each step of `depth` follows the shared links to further cases. A person is labelled by name
 * only where the actor may see identity in one of that person's cases; by pseudonym otherwise.
 */
export async function linkGraph(deps: Deps, actor: UserActor, q: GraphQuery, origin: Origin) {
  const seeds = new Set<string>();
  let frontier: Link[] = [];
  if (q.caseIds?.length) {
    for (const id of q.caseIds) await caseInScope(deps.db, actor, id);
    q.caseIds.forEach((id) => seeds.add(id));
  } else if (q.personId) {
    const [p] = await queryRows<{ key: string | null }>(deps.db, sql`SELECT ${survivingPersonSql(sql`${q.personId}::uuid`)} AS key`);
    frontier = p?.key ? await linksOf(deps, actor, { personKeys: [p.key] }) : [];
    if (frontier.length === 0) throw notFound('person in a case within your scope');
  } else if (q.value) {
    const kinds = ['phone', 'agency', 'bank-account', 'vehicle'] as const;
    const wanted = kinds.map((kind) => ({ kind, value: normaliseEntity(kind, q.value!) })).filter((e) => e.value);
    frontier = wanted.length ? await linksOf(deps, actor, { entities: wanted }) : [];
  } else {
    throw unprocessable('Start the graph from caseIds, a personId or a value.', { field: 'caseIds' });
  }
  frontier.forEach((l) => seeds.add(l.caseId));
  const caseSet = new Set(seeds);
  const links = new Map<string, Link>();
  const linkKey = (l: Link) => `${l.caseId}|${l.node}|${l.edge}`;
  let fresh = [...caseSet];
  for (let step = 0; step < q.depth && fresh.length; step += 1) {
    const own = await linksOf(deps, actor, { caseIds: fresh });
    own.forEach((l) => links.set(linkKey(l), l));
    const personKeys = [...new Set(own.filter((l) => l.kind === 'person').map((l) => l.key))];
    const entities = [...new Map(own.filter((l) => l.kind !== 'person').map((l) => [l.node, { kind: l.kind, value: l.key }])).values()];
    const shared = [...(personKeys.length ? await linksOf(deps, actor, { personKeys }) : []), ...(entities.length ? await linksOf(deps, actor, { entities }) : [])];
    fresh = [];
    for (const l of shared) {
      links.set(linkKey(l), l);
      if (!caseSet.has(l.caseId) && caseSet.size < MAX_GRAPH_CASES) {
        caseSet.add(l.caseId);
        fresh.push(l.caseId);
      }
    }
  }
  // Keep a person or value when it joins two cases, or belongs to a case the graph started from.
  const all = [...links.values()].filter((l) => caseSet.has(l.caseId));
  const casesOf = new Map<string, Set<string>>();
  for (const l of all) casesOf.set(l.node, (casesOf.get(l.node) ?? new Set()).add(l.caseId));
  const kept = all.filter((l) => (casesOf.get(l.node)?.size ?? 0) > 1 || seeds.has(l.caseId));

  const caseRows = caseSet.size
    ? await deps.db.select({ id: cases.id, ref: cases.ref, unitPath: units.path }).from(cases).innerJoin(units, eq(units.id, cases.unitId)).where(inArray(cases.id, [...caseSet]))
    : [];
  const shares = caseRows.length
    ? await deps.db.select({ caseId: caseShares.caseId, path: units.path }).from(caseShares).innerJoin(units, eq(units.id, caseShares.unitId)).where(and(inArray(caseShares.caseId, caseRows.map((c) => c.id)), isNull(caseShares.revokedAt)))
    : [];
  const identityIn = new Set(
    caseRows
      .filter((c) => {
        const ref: CaseRef = { id: c.id, unitPath: c.unitPath, sharedWith: shares.filter((s) => s.caseId === c.id).map((s) => s.path) };
        return can(actor, 'case.readIdentity', ref);
      })
      .map((c) => c.id),
  );
  const personIds = [...new Set(kept.filter((l) => l.kind === 'person').map((l) => l.key))];
  const visible = personIds.filter((id) => kept.some((l) => l.key === id && l.kind === 'person' && identityIn.has(l.caseId)));
  const masked = personIds.filter((id) => !visible.includes(id));
  const people = [...(visible.length ? await getPersonsForCase(deps, visible, true) : []), ...(masked.length ? await getPersonsForCase(deps, masked, false) : [])];
  const revealed = people.filter((p) => p.protected && p.identity).map((p) => p.id);

  const nodes = new Map<string, GraphNode>();
  for (const c of caseRows) nodes.set(`case:${c.id}`, { id: `case:${c.id}`, kind: 'case', label: c.ref });
  for (const l of kept) {
    if (nodes.has(l.node)) continue;
    const label = l.kind === 'person' ? (() => {
      const p = people.find((x) => x.id === l.key);
      return p?.identity?.name ?? p?.ref ?? 'person';
    })() : l.key;
    nodes.set(l.node, { id: l.node, kind: l.kind, label });
  }
  const edges: GraphEdge[] = [...new Map(kept.map((l) => [linkKey(l), { from: `case:${l.caseId}`, to: l.node, kind: l.edge }])).values()];
  if (revealed.length) {
    await deps.db.transaction((tx: Tx) => writeAudit(tx, actor, origin, { action: 'case.links.readIdentity', recordType: 'case', details: { persons: revealed, cases: [...identityIn] } }));
  }
  return { nodes: [...nodes.values()], edges };
}
