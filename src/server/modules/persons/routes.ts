import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema, IdParams, originOf, pageOf, PageQuery, requireActor, Uuid, type Deps } from '../../platform/http.js';
import * as service from './service.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['persons'];
const Name = z.string().trim().min(1, 'must not be empty').max(200);
const Dob = z.string().trim().regex(/^\d{4}(-\d{2}-\d{2})?$/, 'write the date of birth as YYYY-MM-DD, or the year alone as YYYY');

const Identity = z.strictObject({
  name: Name,
  nameUrdu: z.string().trim().max(200).optional(),
  aliases: z.array(Name).max(50).default([]),
  fatherName: z.string().trim().max(200).optional(),
  relation: z.enum(['s/o', 'd/o', 'w/o']).optional(),
  dob: Dob.optional(),
  cnic: z.string().trim().max(20).optional(),
  passports: z.array(z.strictObject({ number: z.string().trim().min(5, 'a passport number has at least 5 characters').max(20), country: z.string().trim().max(60).optional() })).max(10).default([]),
  phones: z.array(z.string().trim().min(7).max(25)).max(10).default([]),
  addresses: z.array(z.strictObject({ line: z.string().trim().min(1).max(300), district: z.string().trim().max(100).optional(), province: z.string().trim().max(100).optional() })).max(10).default([]),
});

export const PersonBody = {
  identity: Identity,
  sex: z.enum(['M', 'F', 'X']).optional(),
  nationality: z.string().trim().max(60).optional(),
  protected: z.boolean().optional(),
};

const Explanation = z.object({
  matchedName: z.string(),
  nameScore: z.number(),
  parts: z.array(z.object({ query: z.string(), candidate: z.string(), how: z.string(), similarity: z.number(), weight: z.number() })),
  unmatchedQuery: z.array(z.string()),
  unmatchedCandidate: z.array(z.string()),
  attributes: z.array(z.object({ attribute: z.string(), outcome: z.string(), detail: z.string(), effect: z.number() })),
});

const PersonView = z.object({
  id: z.string(),
  ref: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  protected: z.boolean(),
  sex: z.string().nullable(),
  birthYear: z.number().nullable(),
  nationality: z.string().nullable(),
  mergedInto: z.string().nullable(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  identityVisible: z.boolean(),
  identity: z
    .object({
      name: z.string(),
      nameUrdu: z.string().optional(),
      aliases: z.array(z.string()),
      fatherName: z.string().optional(),
      relation: z.string().optional(),
      dob: z.string().optional(),
      cnic: z.string().optional(),
      passports: z.array(z.object({ number: z.string(), country: z.string().optional() })),
      phones: z.array(z.string()),
      addresses: z.array(z.object({ line: z.string(), district: z.string().optional(), province: z.string().optional() })),
    })
    .nullable(),
  abilities: z.object({ update: z.boolean(), merge: z.boolean() }),
});

const Duplicate = z.object({ person: PersonView, score: z.number(), explanation: Explanation });
const Saved = z.object({ person: PersonView, warnings: z.array(z.string()), duplicates: z.array(Duplicate) });
const Merge = z.object({
  id: z.string(),
  sourceId: z.string(),
  targetId: z.string(),
  reason: z.string(),
  mergedBy: z.string(),
  mergedAt: z.date(),
  undoneBy: z.string().nullable(),
  undoneAt: z.date().nullable(),
  undoReason: z.string().nullable(),
});
const Reason = z.string().trim().min(3, 'give a reason a reviewer will understand').max(1000);

export const personsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        schema: {
          tags,
          summary: 'Persons in your scope, newest first; with q, search by any name spelling (Latin or Urdu script), CNIC, passport or phone',
          querystring: z.strictObject({ ...PageQuery, q: z.string().trim().min(2, 'type at least 2 characters').max(200).optional() }),
          response: {
            200: z.object({
              items: z.array(z.object({ person: PersonView, score: z.number().nullable(), matchedBy: z.string().nullable(), explanation: Explanation.nullable() })),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
            ...errors,
          },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        const { q, page, pageSize } = req.query;
        if (q) {
          const items = await service.searchPersons(deps, actor, q, pageSize, originOf(req));
          return { items, total: items.length, page: 1, pageSize };
        }
        const list = await service.listPersons(deps, actor, page, pageSize);
        return { ...list, items: list.items.map((person) => ({ person, score: null, matchedBy: null, explanation: null })) };
      },
    );

    app.post(
      '/check',
      { schema: { tags, summary: 'Likely duplicates of a person not yet saved, with explanations', body: z.strictObject(PersonBody), response: { 200: z.object({ warnings: z.array(z.string()), duplicates: z.array(Duplicate) }), ...errors } } },
      async (req) => service.checkDuplicates(deps, requireActor(req), req.body),
    );

    app.post('/', { schema: { tags, summary: 'Register a person (likely duplicates are returned and queued for review)', body: z.strictObject(PersonBody), response: { 201: Saved, ...errors } } }, async (req, reply) => {
      const actor = requireActor(req);
      return reply.status(201).send(await service.createPerson(deps, actor, req.body, originOf(req)));
    });

    app.post(
      '/match',
      {
        schema: {
          tags,
          summary: 'Match one person against the registry: hits best first with score, alert and explanation',
          body: z.strictObject({
            name: Name,
            dob: Dob.optional(),
            nationality: z.string().trim().max(60).optional(),
            sex: z.enum(['M', 'F']).optional(),
            cnic: z.string().trim().max(20).optional(),
            passport: z.string().trim().max(20).optional(),
            fatherName: z.string().trim().max(200).optional(),
            top: z.number().int().min(1).max(50).default(10),
          }),
          response: {
            200: z.object({ threshold: z.number(), hits: z.array(z.object({ person: PersonView, score: z.number().nullable(), alert: z.boolean(), matchedBy: z.string(), explanation: Explanation.nullable() })) }),
            ...errors,
          },
        },
      },
      async (req) => service.matchPerson(deps, requireActor(req), req.body, originOf(req)),
    );

    app.get(
      '/duplicates',
      {
        schema: {
          tags,
          summary: 'The review queue of suspected duplicates (pairs you may merge)',
          querystring: z.strictObject({ ...PageQuery, status: z.enum(['open', 'merged', 'distinct']).default('open') }),
          response: {
            200: pageOf(z.object({ id: z.string(), score: z.number(), status: z.string(), source: z.string(), reason: z.string().nullable(), createdAt: z.date(), decidedAt: z.date().nullable(), explanation: Explanation, a: PersonView, b: PersonView })),
            ...errors,
          },
        },
      },
      async (req) => service.listDuplicates(deps, requireActor(req), req.query.status, req.query.page, req.query.pageSize),
    );

    app.post(
      '/duplicates/:id/distinct',
      { schema: { tags, summary: 'Judge a suspected pair "not the same person" (remembered)', params: IdParams, body: z.strictObject({ reason: Reason }), response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await service.judgeDistinct(deps, requireActor(req), req.params.id, req.body.reason, originOf(req));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/merges',
      {
        schema: {
          tags,
          summary: 'Merge one person into another, with a reason (reversible)',
          body: z.strictObject({ sourceId: Uuid, targetId: Uuid, reason: Reason }),
          response: { 201: z.object({ mergeId: z.string(), person: PersonView }), ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await service.mergePersons(deps, requireActor(req), req.body, originOf(req))),
    );

    app.post(
      '/merges/:id/undo',
      { schema: { tags, summary: 'Undo a merge, with a reason; the history keeps both', params: IdParams, body: z.strictObject({ reason: Reason }), response: { 200: z.object({ person: PersonView }), ...errors } } },
      async (req) => service.undoMerge(deps, requireActor(req), req.params.id, req.body.reason, originOf(req)),
    );

    app.get('/:id', { schema: { tags, summary: 'One person (identity only when your role may see it; reading it is audited)', params: IdParams, response: { 200: PersonView.extend({ merges: z.array(Merge) }), ...errors } } }, async (req) =>
      service.getPerson(deps, requireActor(req), req.params.id, originOf(req)),
    );

    app.put(
      '/:id',
      { schema: { tags, summary: 'Change a person (send the version you read; 409 if it changed since)', params: IdParams, body: z.strictObject({ ...PersonBody, version: z.number().int().min(1) }), response: { 200: Saved, ...errors } } },
      async (req) => service.updatePerson(deps, requireActor(req), req.params.id, req.body, originOf(req)),
    );
  };
