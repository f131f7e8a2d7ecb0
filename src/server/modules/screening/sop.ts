// The SOP on off-loadees and deportees. An off-loading decision records the SOP grounds and who
// the traveller named (destination, sponsor/agent, recruitment agency); a deportee's structured
// interview can mark a suspected victim or smuggled migrant and refer them to the ATU, opening
// an inquiry there (through the cases service) and linking it. Identity is field-encrypted;
// grounds, places, agencies and amounts stay in clear for statistics.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { screeningDeportees, screeningOffloadees, screeningReferrals, units } from '../../db/schema.js';
import { auditedTransaction, writeAudit, type Origin } from '../../platform/audit.js';
import { unprocessable } from '../../platform/errors.js';
import type { Deps } from '../../platform/http.js';
import { assertCan, type UserActor } from '../../platform/policy.js';
import { registerCaseInTx } from '../cases/service.js';
import { ageOn } from './mrz.js';
import { atuForPost, notifyAtu, resolvePost, today } from './service.js';

export const OFFLOAD_GROUNDS = [
  'incomplete-documents',
  'suspicious-documents',
  'no-protector-stamp', // a worker without the Protector of Emigrants' stamp
  'fake-visa',
  'fake-job-offer',
  'watchlist',
  'suspected-victim',
  'suspected-smuggling',
] as const;
export const DEPORTEE_ASSESSMENTS = ['none', 'suspected-victim', 'smuggled-migrant'] as const;

export interface Traveller {
  name: string;
  fatherName?: string | undefined;
  dateOfBirth?: string | undefined;
  documentNumber?: string | undefined;
  cnic?: string | undefined;
  phone?: string | undefined;
}

const TRAVELLER = (table: string, id: string) => ({ table, column: 'traveller', id });
const INTERVIEW = (id: string) => ({ table: 'screening_deportees', column: 'interview', id });

export interface OffloadInput {
  counterId?: string | undefined;
  encounterId?: string | undefined;
  on?: string | undefined;
  traveller: Traveller;
  sex?: 'M' | 'F' | 'X' | undefined;
  nationality?: string | undefined;
  grounds: Array<(typeof OFFLOAD_GROUNDS)[number]>;
  destination: string;
  route?: string | undefined;
  purpose?: string | undefined;
  sponsor?: string | undefined;
  agency?: string | undefined;
  note?: string | undefined;
}

const dayOf = (on: string | undefined) => {
  const d = on ?? today();
  if (d > today()) throw unprocessable('The date cannot be in the future.', { field: 'on' });
  return d;
};

export async function recordOffloadee(deps: Deps, actor: UserActor, input: OffloadInput, origin: Origin) {
  const { post } = await resolvePost(deps.db, actor, input.counterId);
  assertCan(actor, 'screening.sop', { id: post.id, path: post.path });
  if (input.grounds.length === 0) throw unprocessable('Give at least one SOP ground for off-loading.', { field: 'grounds' });
  const on = dayOf(input.on);
  const id = randomUUID();
  await auditedTransaction(deps.db, async (tx) => {
    await tx.insert(screeningOffloadees).values({
      id,
      postId: post.id,
      officerId: actor.userId,
      encounterId: input.encounterId ?? null,
      on,
      traveller: deps.cipher.encrypt(JSON.stringify(input.traveller), TRAVELLER('screening_offloadees', id)),
      sex: input.sex ?? null,
      ageYears: input.traveller.dateOfBirth ? ageOn(input.traveller.dateOfBirth, on) : null,
      nationality: input.nationality ?? null,
      grounds: input.grounds,
      destination: input.destination.trim(),
      route: input.route?.trim() ?? null,
      purpose: input.purpose ?? null,
      sponsor: input.sponsor?.trim() ?? null,
      agency: input.agency?.trim() ?? null,
      note: input.note ?? null,
    });
    await writeAudit(tx, actor, origin, { action: 'screening.offload', recordType: 'screening-offloadee', recordId: id, fields: Object.keys(input), details: { postId: post.id, grounds: input.grounds } });
  });
  return { id, postId: post.id, postName: post.name, on, grounds: input.grounds, destination: input.destination, agency: input.agency ?? null, sponsor: input.sponsor ?? null };
}

export interface Interview {
  arrangedBy?: string | undefined;
  amountPaidRs?: number | undefined;
  paidTo?: string | undefined;
  route?: string | undefined;
  whatHappened?: string | undefined;
}

export interface DeporteeInput {
  counterId?: string | undefined;
  on?: string | undefined;
  traveller: Traveller;
  sex?: 'M' | 'F' | 'X' | undefined;
  nationality?: string | undefined;
  deportingCountry: string;
  reason: string;
  travelHistory: Array<{ country: string; from?: string | undefined; to?: string | undefined }>;
  interview?: Interview | undefined;
  assessment: (typeof DEPORTEE_ASSESSMENTS)[number];
  /** Refer to the ATU serving the post: opens an inquiry there and links it. */
  referToAtu?: boolean | undefined;
}

export async function recordDeportee(deps: Deps, actor: UserActor, input: DeporteeInput, origin: Origin) {
  const { post } = await resolvePost(deps.db, actor, input.counterId);
  assertCan(actor, 'screening.sop', { id: post.id, path: post.path });
  const on = dayOf(input.on);
  if (input.referToAtu && input.assessment === 'none') throw unprocessable('Refer to the ATU only a suspected victim or smuggled migrant: set the assessment first.', { field: 'assessment' });
  const atu = input.referToAtu ? await atuForPost(deps.db, post) : null;
  if (input.referToAtu && !atu) throw unprocessable(`No ATU is responsible for ${post.name}; ask an administrator to set the post's district.`);
  const id = randomUUID();
  const after: Array<() => Promise<void>> = [];
  const result = await auditedTransaction(deps.db, async (tx) => {
    let caseId: string | null = null;
    let caseRef: string | null = null;
    let referralId: string | null = null;
    let personId: string | null = null;
    if (atu) {
      const t = input.traveller;
      const what = input.assessment === 'suspected-victim' ? 'suspected victim of trafficking' : 'smuggled migrant';
      const interview = input.interview ?? {};
      const narrative = [
        `Deported from ${input.deportingCountry} (${input.reason}); received at ${post.name} on ${on}; assessed by the immigration officer as a ${what}.`,
        interview.arrangedBy ? `Travel arranged by: ${interview.arrangedBy}.` : '',
        interview.amountPaidRs !== undefined ? `Paid Rs ${interview.amountPaidRs}${interview.paidTo ? ` to ${interview.paidTo}` : ''}.` : '',
        interview.route ? `Route: ${interview.route}.` : '',
        interview.whatHappened ? `What happened: ${interview.whatHappened}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      const c = await registerCaseInTx(
        deps,
        tx,
        actor,
        {
          title: `Deportee from ${input.deportingCountry}: ${what} (${post.name})`,
          narrative,
          statute: input.assessment === 'suspected-victim' ? 'PTPA-2018' : 'PSMA-2018',
          source: 'immigration',
          receivedOn: on,
          stage: 'inquiry',
          parties: [
            {
              role: 'suspected-victim',
              person: {
                identity: {
                  name: t.name,
                  aliases: [],
                  ...(t.fatherName ? { fatherName: t.fatherName } : {}),
                  ...(t.dateOfBirth ? { dob: t.dateOfBirth } : {}),
                  ...(t.cnic ? { cnic: t.cnic } : {}),
                  passports: t.documentNumber ? [{ number: t.documentNumber }] : [],
                  phones: t.phone ? [t.phone] : [],
                  addresses: [],
                },
                ...(input.sex ? { sex: input.sex } : {}),
                ...(input.nationality ? { nationality: input.nationality } : {}),
                protected: true,
              },
              route: input.travelHistory.map((h, i) => ({ country: h.country, leg: i === input.travelHistory.length - 1 ? ('destination' as const) : ('transit' as const) })),
            },
          ],
        },
        origin,
        { id: atu.id, path: atu.path },
      );
      after.push(c.after);
      caseId = c.id;
      caseRef = c.ref;
      const [ref] = await tx
        .insert(screeningReferrals)
        .values({ atuId: atu.id, fromUnitId: post.id, source: 'deportee', deporteeId: id, caseId, summary: `Deportee from ${input.deportingCountry} assessed as a ${what} at ${post.name}; inquiry ${caseRef} opened.`, createdBy: actor.userId })
        .returning({ id: screeningReferrals.id });
      referralId = ref!.id;
      await notifyAtu(tx, atu.id, { kind: 'screening-referral', recordType: 'screening-referral', recordId: referralId, message: `Immigration referral from ${post.name}: a deportee assessed as a ${what}; inquiry ${caseRef} opened.` });
      const [party] = await tx.execute(sql`SELECT person_id::text AS person_id FROM case_parties WHERE case_id = ${caseId} LIMIT 1`).then((r) => (r as unknown as { rows: Array<{ person_id: string }> }).rows);
      personId = party?.person_id ?? null;
    }
    await tx.insert(screeningDeportees).values({
      id,
      postId: post.id,
      officerId: actor.userId,
      on,
      traveller: deps.cipher.encrypt(JSON.stringify(input.traveller), TRAVELLER('screening_deportees', id)),
      sex: input.sex ?? null,
      ageYears: input.traveller.dateOfBirth ? ageOn(input.traveller.dateOfBirth, on) : null,
      deportingCountry: input.deportingCountry.trim(),
      reason: input.reason.trim(),
      travelHistory: input.travelHistory.map((h) => ({ country: h.country, ...(h.from ? { from: h.from } : {}), ...(h.to ? { to: h.to } : {}) })),
      interview: input.interview ? deps.cipher.encrypt(JSON.stringify(input.interview), INTERVIEW(id)) : null,
      amountPaidRs: input.interview?.amountPaidRs ?? null,
      assessment: input.assessment,
      personId,
      caseId,
      referralId,
    });
    await writeAudit(tx, actor, origin, { action: 'screening.deportee', recordType: 'screening-deportee', recordId: id, fields: Object.keys(input), details: { postId: post.id, assessment: input.assessment, caseId, referralId } });
    return { caseId, caseRef, referralId };
  });
  for (const a of after) await a();
  return { id, postId: post.id, postName: post.name, on, deportingCountry: input.deportingCountry, reason: input.reason, assessment: input.assessment, ...result, atu: atu ? { id: atu.id, name: atu.name } : null };
}

export interface SopQuery {
  from?: string | undefined;
  to?: string | undefined;
  postId?: string | undefined;
  page: number;
  pageSize: number;
}

/** SQL scope of SOP records: headquarters all, immigration staff their own posts. */
export function postScope(actor: UserActor, pathColumn: SQL): SQL {
  if (actor.roles.some((r) => r === 'monitoring-cell-analyst' || r === 'national-coordinator')) return sql`true`;
  // the posts in the actor's subtree, or the post whose counter the actor works at
  if (actor.roles.some((r) => r === 'immigration-officer' || r === 'immigration-supervisor')) return sql`(starts_with(${pathColumn}, ${actor.unitPath}) OR starts_with(${actor.unitPath}, ${pathColumn}))`;
  return sql`false`;
}

const mayReadSop = (actor: UserActor) => {
  assertCan(actor, 'screening.readSop', { id: actor.unitId, path: actor.unitPath });
};
const seesIdentity = (actor: UserActor) => actor.roles.some((r) => r === 'immigration-officer' || r === 'immigration-supervisor');

export async function listOffloadees(deps: Deps, actor: UserActor, q: SopQuery, origin: Origin) {
  mayReadSop(actor);
  const where = and(postScope(actor, sql`${units.path}`), q.from ? gte(screeningOffloadees.on, q.from) : undefined, q.to ? lte(screeningOffloadees.on, q.to) : undefined, q.postId ? eq(screeningOffloadees.postId, q.postId) : undefined);
  const rows = await deps.db.select({ o: screeningOffloadees, postName: units.name }).from(screeningOffloadees).innerJoin(units, eq(units.id, screeningOffloadees.postId)).where(where).orderBy(desc(screeningOffloadees.on), desc(screeningOffloadees.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const [total] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(screeningOffloadees).innerJoin(units, eq(units.id, screeningOffloadees.postId)).where(where);
  const identity = seesIdentity(actor);
  if (identity && rows.length) await auditedTransaction(deps.db, (tx) => writeAudit(tx, actor, origin, { action: 'screening.readOffloadees', recordType: 'screening-offloadee', fields: ['traveller'], details: { count: rows.length } }));
  return {
    items: rows.map(({ o, postName }) => ({
      id: o.id,
      postId: o.postId,
      postName,
      on: o.on,
      traveller: identity ? (JSON.parse(deps.cipher.decrypt(o.traveller, TRAVELLER('screening_offloadees', o.id))) as Traveller) : null,
      sex: o.sex,
      ageYears: o.ageYears,
      nationality: o.nationality,
      grounds: o.grounds,
      destination: o.destination,
      route: o.route,
      purpose: o.purpose,
      sponsor: o.sponsor,
      agency: o.agency,
      note: o.note,
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function listDeportees(deps: Deps, actor: UserActor, q: SopQuery, origin: Origin) {
  mayReadSop(actor);
  const where = and(postScope(actor, sql`${units.path}`), q.from ? gte(screeningDeportees.on, q.from) : undefined, q.to ? lte(screeningDeportees.on, q.to) : undefined, q.postId ? eq(screeningDeportees.postId, q.postId) : undefined);
  const rows = await deps.db.select({ d: screeningDeportees, postName: units.name }).from(screeningDeportees).innerJoin(units, eq(units.id, screeningDeportees.postId)).where(where).orderBy(desc(screeningDeportees.on), desc(screeningDeportees.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const [total] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(screeningDeportees).innerJoin(units, eq(units.id, screeningDeportees.postId)).where(where);
  const identity = seesIdentity(actor);
  if (identity && rows.length) await auditedTransaction(deps.db, (tx) => writeAudit(tx, actor, origin, { action: 'screening.readDeportees', recordType: 'screening-deportee', fields: ['traveller', 'interview'], details: { count: rows.length } }));
  return {
    items: rows.map(({ d, postName }) => ({
      id: d.id,
      postId: d.postId,
      postName,
      on: d.on,
      traveller: identity ? (JSON.parse(deps.cipher.decrypt(d.traveller, TRAVELLER('screening_deportees', d.id))) as Traveller) : null,
      interview: identity && d.interview ? (JSON.parse(deps.cipher.decrypt(d.interview, INTERVIEW(d.id))) as Interview) : null,
      sex: d.sex,
      ageYears: d.ageYears,
      deportingCountry: d.deportingCountry,
      reason: d.reason,
      travelHistory: d.travelHistory,
      amountPaidRs: d.amountPaidRs,
      assessment: d.assessment,
      caseId: d.caseId,
      referralId: d.referralId,
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
