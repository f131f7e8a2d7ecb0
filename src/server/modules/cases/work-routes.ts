// HTTP for the case's working parts (work.ts): evidence and custody, diary and tasks, court,
// sharing and link analysis. Mounted at /api/v1/cases beside routes.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CUSTODY_ACTIONS, EVIDENCE_TYPES, JUDGMENT_OUTCOMES } from '../../../domain/taxonomies.js';
import { ErrorSchema, originOf, requireActor, Uuid, type Deps } from '../../platform/http.js';
import { errors, IsoDate, oneOf } from './routes.js';
import * as work from './work.js';

const tags = ['cases'];
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const Id = z.strictObject({ id: Uuid });
const Created = z.object({ id: z.string() });
const Items = z.object({ items: z.array(z.record(z.string(), z.unknown())) });
const Version = z.number().int().min(1);
const Money = z.number().int().min(0).max(10_000_000_000);

/** base64 of at most 8 MB, plus room for JSON around it; bigger bodies get 413 before they are read. */
const EVIDENCE_BODY_LIMIT = 12 * 1024 * 1024;
const Base64 = z.string().min(1, 'must not be empty').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be the file encoded as base64').refine((s) => s.length % 4 === 0, 'is not complete base64 (its length must be a multiple of 4)');
const Filename = Text(255).refine((n) => !/[/\\]/.test(n) && ![...n].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f), 'must be a file name without folders or control characters');

/** content-disposition for a download: an ASCII fallback and the exact name (RFC 6266 / 5987). */
const disposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const caseWorkRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    // ---- evidence and custody --------------------------------------------------------------
    app.post(
      '/:id/evidence',
      {
        bodyLimit: EVIDENCE_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Upload evidence or a document (base64, up to 8 MB; stored once by SHA-256, encrypted); starts its chain of custody',
          params: Id,
          body: z.strictObject({
            filename: Filename,
            mimeType: z.enum(Object.keys(work.EVIDENCE_MIME_TYPES) as [string, ...string[]], { message: `must be one of: ${Object.keys(work.EVIDENCE_MIME_TYPES).join(', ')}` }),
            type: oneOf(EVIDENCE_TYPES),
            source: z.string().trim().max(300).optional(),
            seizedOn: IsoDate.optional(),
            description: z.string().trim().max(2000).optional(),
            contentBase64: Base64,
          }),
          response: { 201: z.object({ id: z.string(), sha256: z.string(), size: z.number(), deduplicated: z.boolean() }), 413: ErrorSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await work.addEvidence(deps, requireActor(req), req.params.id, req.body, originOf(req))),
    );

    app.get('/:id/evidence', { schema: { tags, summary: "The case's evidence and documents (metadata)", params: Id, response: { 200: Items, ...errors } } }, async (req) =>
      work.listEvidence(deps, requireActor(req), req.params.id),
    );

    app.get(
      '/:id/evidence/:evidenceId/content',
      { schema: { tags, summary: 'Download the file, after checking it against its SHA-256 (409 if it was altered; audited)', params: z.strictObject({ id: Uuid, evidenceId: Uuid }), response: { 200: z.unknown().describe('the file, with its content-type and content-disposition: attachment'), ...errors } } },
      async (req, reply) => {
        const file = await work.downloadEvidence(deps, requireActor(req), req.params.id, req.params.evidenceId, originOf(req));
        return reply.header('content-type', file.mimeType).header('content-disposition', disposition(file.filename)).header('cache-control', 'no-store').send(file.bytes);
      },
    );

    app.get(
      '/:id/evidence/:evidenceId/verify',
      { schema: { tags, summary: 'Check the stored file against its SHA-256 fingerprint (tamper check)', params: z.strictObject({ id: Uuid, evidenceId: Uuid }), response: { 200: z.object({ ok: z.boolean(), sha256: z.string() }), ...errors } } },
      async (req) => work.verifyEvidence(deps, requireActor(req), req.params.id, req.params.evidenceId, originOf(req)),
    );

    app.get(
      '/:id/evidence/:evidenceId/custody',
      { schema: { tags, summary: 'The chain of custody, in order', params: z.strictObject({ id: Uuid, evidenceId: Uuid }), response: { 200: Items, ...errors } } },
      async (req) => work.listCustody(deps, requireActor(req), req.params.id, req.params.evidenceId),
    );

    app.post(
      '/:id/evidence/:evidenceId/custody',
      {
        schema: {
          tags,
          summary: 'Record the next link in the chain of custody',
          params: z.strictObject({ id: Uuid, evidenceId: Uuid }),
          body: z.strictObject({ action: oneOf(CUSTODY_ACTIONS), holder: Text(200), on: IsoDate, reason: Text(1000) }),
          response: { 201: Created, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await work.addCustody(deps, requireActor(req), req.params.id, req.params.evidenceId, req.body, originOf(req))),
    );

    // ---- diary and tasks -------------------------------------------------------------------
    app.get('/:id/diary', { schema: { tags, summary: 'The case diary, newest first', params: Id, response: { 200: Items, ...errors } } }, async (req) => work.listDiary(deps, requireActor(req), req.params.id));

    app.post(
      '/:id/diary',
      { schema: { tags, summary: 'Add a dated note to the case diary (notes are never edited or deleted: a correction is a new note)', params: Id, body: z.strictObject({ on: IsoDate, note: Text(20_000) }), response: { 201: Created, ...errors } } },
      async (req, reply) => reply.status(201).send(await work.addDiaryEntry(deps, requireActor(req), req.params.id, req.body, originOf(req))),
    );

    app.get(
      '/tasks/mine',
      { schema: { tags, summary: 'My tasks across the cases I can see (open ones unless done=true)', querystring: z.strictObject({ done: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') }), response: { 200: Items, ...errors } } },
      async (req) => work.myTasks(deps, requireActor(req), { done: req.query.done }),
    );

    app.get('/:id/tasks', { schema: { tags, summary: "The case's tasks, open first", params: Id, response: { 200: Items, ...errors } } }, async (req) => work.listTasks(deps, requireActor(req), req.params.id));

    app.post(
      '/:id/tasks',
      { schema: { tags, summary: 'Add a task for an officer of the owning ATU (yourself unless ownerId)', params: Id, body: z.strictObject({ title: Text(300), ownerId: Uuid.optional(), due: IsoDate.optional() }), response: { 201: Created, ...errors } } },
      async (req, reply) => reply.status(201).send(await work.addTask(deps, requireActor(req), req.params.id, req.body, originOf(req))),
    );

    app.post(
      '/:id/tasks/:taskId/done',
      { schema: { tags, summary: 'Mark a task done (done=true) or reopen it (done=false)', params: z.strictObject({ id: Uuid, taskId: Uuid }), body: z.strictObject({ done: z.boolean(), version: Version }), response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await work.setTaskDone(deps, requireActor(req), req.params.id, req.params.taskId, req.body, originOf(req));
        return reply.status(204).send(null);
      },
    );

    // ---- court -----------------------------------------------------------------------------
    app.get('/:id/hearings', { schema: { tags, summary: 'Hearings, in date order', params: Id, response: { 200: Items, ...errors } } }, async (req) => work.listHearings(deps, requireActor(req), req.params.id));

    app.post(
      '/:id/hearings',
      {
        schema: {
          tags,
          summary: 'Record a hearing (only at trial or appeal); the next date updates the case and its deadlines',
          params: Id,
          body: z.strictObject({
            court: Text(200),
            judge: z.string().trim().max(200).optional(),
            on: IsoDate,
            purpose: Text(300),
            outcome: z.string().trim().max(2000).optional(),
            adjourned: z.boolean().optional(),
            adjournmentReason: z.string().trim().min(1).max(1000).optional(),
            nextDate: IsoDate.optional(),
          }),
          response: { 201: Created, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await work.addHearing(deps, requireActor(req), req.params.id, req.body, originOf(req))),
    );

    app.get('/:id/judgments', { schema: { tags, summary: 'Judgments per accused per charge', params: Id, response: { 200: Items, ...errors } } }, async (req) => work.listJudgments(deps, requireActor(req), req.params.id));

    app.post(
      '/:id/judgments',
      {
        schema: {
          tags,
          summary: 'Record the judgment on one charge against one accused (the stage change stays a separate step)',
          params: Id,
          body: z.strictObject({
            chargeId: Uuid,
            court: Text(200),
            on: IsoDate,
            outcome: oneOf(JUDGMENT_OUTCOMES),
            sentenceMonths: z.number().int().min(0).max(1200).optional(),
            fineRs: Money.optional(),
            compensationRs: Money.optional(),
          }),
          response: { 201: Created, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await work.addJudgment(deps, requireActor(req), req.params.id, req.body, originOf(req))),
    );

    app.get('/:id/appeals', { schema: { tags, summary: 'Appeals', params: Id, response: { 200: Items, ...errors } } }, async (req) => work.listAppeals(deps, requireActor(req), req.params.id));

    app.post(
      '/:id/appeals',
      {
        schema: {
          tags,
          summary: 'Record an appeal against the judgment (e.g. s.410 CrPC by the accused, s.417 CrPC by the state against an acquittal)',
          params: Id,
          body: z.strictObject({
            filedOn: IsoDate,
            appellant: z.enum(['state', 'accused', 'complainant']),
            court: Text(200),
            section: z.string().trim().max(60).optional(),
            outcome: z.string().trim().min(1).max(1000).optional(),
            decidedOn: IsoDate.optional(),
          }),
          response: { 201: Created, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await work.addAppeal(deps, requireActor(req), req.params.id, req.body, originOf(req))),
    );

    app.post(
      '/:id/appeals/:appealId/decision',
      { schema: { tags, summary: "Record an appeal's decision (once)", params: z.strictObject({ id: Uuid, appealId: Uuid }), body: z.strictObject({ outcome: Text(1000), decidedOn: IsoDate }), response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await work.decideAppeal(deps, requireActor(req), req.params.id, req.params.appealId, req.body, originOf(req));
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/:id/prosecutor',
      {
        schema: {
          tags,
          summary: "Assign the prosecutor (null to unassign); the case is shared with the prosecutor's unit",
          params: Id,
          body: z.strictObject({ prosecutorId: Uuid.nullable(), version: Version }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await work.assignProsecutor(deps, requireActor(req), req.params.id, req.body, originOf(req));
        return reply.status(204).send(null);
      },
    );

    // ---- sharing ---------------------------------------------------------------------------
    app.get('/:id/shares', { schema: { tags, summary: 'Who the case is shared with, and was', params: Id, response: { 200: Items, ...errors } } }, async (req) => work.listShares(deps, requireActor(req), req.params.id));

    app.post(
      '/:id/shares',
      { schema: { tags, summary: 'Share the case with another ATU or a prosecution office, for a purpose', params: Id, body: z.strictObject({ unitId: Uuid, purpose: Text(500) }), response: { 201: Created, ...errors } } },
      async (req, reply) => reply.status(201).send(await work.shareCase(deps, requireActor(req), req.params.id, req.body, originOf(req))),
    );

    app.delete('/:id/shares/:shareId', { schema: { tags, summary: 'Revoke a share', params: z.strictObject({ id: Uuid, shareId: Uuid }), response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await work.revokeShare(deps, requireActor(req), req.params.id, req.params.shareId, originOf(req));
      return reply.status(204).send(null);
    });

    // ---- links -----------------------------------------------------------------------------
    app.post(
      '/:id/entities',
      {
        schema: {
          tags,
          summary: 'Link a phone number, recruitment agency, bank account or vehicle to the case (normalised)',
          params: Id,
          body: z.strictObject({ kind: z.enum(['phone', 'agency', 'bank-account', 'vehicle']), value: Text(120), label: z.string().trim().max(200).optional(), partyId: Uuid.optional() }),
          response: { 201: z.object({ id: z.string(), value: z.string() }), ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await work.addEntity(deps, requireActor(req), req.params.id, req.body, originOf(req))),
    );

    app.delete('/:id/entities/:entityId', { schema: { tags, summary: 'Remove a link from the case', params: z.strictObject({ id: Uuid, entityId: Uuid }), response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await work.removeEntity(deps, requireActor(req), req.params.id, req.params.entityId, originOf(req));
      return reply.status(204).send(null);
    });

    const Graph = z.object({
      nodes: z.array(z.object({ id: z.string(), kind: z.enum(['case', 'person', 'phone', 'agency', 'bank-account', 'vehicle']), label: z.string() })),
      edges: z.array(z.object({ from: z.string(), to: z.string(), kind: z.string() })),
    });

    app.get(
      '/links/graph',
      {
        schema: {
          tags,
          summary: 'Link analysis: cases within your scope joined by shared persons, phones, agencies, bank accounts and vehicles',
          querystring: z
            .strictObject({
              caseIds: z
                .string()
                .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
                .pipe(z.array(Uuid).min(1).max(50))
                .optional(),
              personId: Uuid.optional(),
              value: z.string().trim().min(3).max(120).optional(),
              depth: z.coerce.number().int().min(1).max(2).default(1),
            })
            .refine((q) => [q.caseIds, q.personId, q.value].filter((x) => x !== undefined).length === 1, { message: 'give exactly one of caseIds, personId or value', path: ['caseIds'] }),
          response: { 200: Graph, ...errors },
        },
      },
      async (req) => work.linkGraph(deps, requireActor(req), { ...req.query, depth: req.query.depth as 1 | 2 }, originOf(req)),
    );

    app.get(
      '/:id/links',
      { schema: { tags, summary: 'The cases linked to this one (within your scope)', params: Id, querystring: z.strictObject({ depth: z.coerce.number().int().min(1).max(2).default(1) }), response: { 200: Graph, ...errors } } },
      async (req) => work.linkGraph(deps, requireActor(req), { caseIds: [req.params.id], depth: req.query.depth as 1 | 2 }, originOf(req)),
    );
  };
