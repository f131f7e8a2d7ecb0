import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ACCUSED_ROLES,
  BAIL_STATUSES,
  CASE_STAGES,
  CLOSURE_REASONS,
  EXPLOITATION_FORMS,
  MEANS_OF_CONTROL,
  PARTY_ROLES,
  RECRUITER_RELATIONS,
} from '../../../domain/taxonomies.js';
import { ErrorSchema, originOf, PageQuery, requireActor, Uuid, type Deps } from '../../platform/http.js';
import { PersonBody } from '../persons/routes.js';
import * as service from './service.js';

export const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['cases'];

/** A zod enum of a taxonomy's ids, with a message listing them. */
export const oneOf = <T extends readonly { id: string }[]>(list: T) => {
  const ids = list.map((x) => x.id) as [T[number]['id'], ...Array<T[number]['id']>];
  return z.enum(ids, { message: `must be one of: ${ids.join(', ')}` });
};
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write dates as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a real date');
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const VictimFields = {
  ageYears: z.number().int().min(0).max(120).optional(),
  districtOfOrigin: z.string().trim().max(100).optional(),
  exploitation: z.array(oneOf(EXPLOITATION_FORMS)).max(20).optional(),
  meansOfControl: z.array(oneOf(MEANS_OF_CONTROL)).max(30).optional(),
  recruiterRelation: oneOf(RECRUITER_RELATIONS).optional(),
  route: z.array(z.strictObject({ country: Text(60), city: z.string().trim().max(100).optional(), leg: z.enum(['origin', 'transit', 'destination']) })).max(20).optional(),
  identifiedOn: IsoDate.optional(),
};
const AccusedFields = {
  accusedRoles: z.array(oneOf(ACCUSED_ROLES)).max(10).optional(),
  arrestedOn: IsoDate.optional(),
  remandUntil: IsoDate.optional(),
  bailStatus: oneOf(BAIL_STATUSES).optional(),
  proclaimedOffender: z.boolean().optional(),
  proclamationPublishedOn: IsoDate.optional(),
  proclamationPeriodDays: z.number().int().min(30, 'a proclamation gives at least 30 days (s.87 CrPC)').max(365).optional(),
  absconding: z.boolean().optional(),
};
const Charges = z.array(Text(60)).max(30);

export const PartyBody = z
  .strictObject({
    role: oneOf(PARTY_ROLES),
    personId: Uuid.optional(),
    person: z.strictObject(PersonBody).optional(),
    charges: Charges.optional(),
    ...VictimFields,
    ...AccusedFields,
  })
  .refine((p) => !!p.personId !== !!p.person, { message: 'give either personId (someone already in the registry) or person (a new person), not both', path: ['personId'] });

const Entity = z.strictObject({ kind: z.enum(['phone', 'agency', 'bank-account', 'vehicle']), value: Text(120), label: z.string().trim().max(200).optional() });

const CaseSummary = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  stage: z.string(),
  stageSince: z.string(),
  statute: z.string(),
  category: z.string(),
  receivedOn: z.string(),
  firNumber: z.string().nullable(),
  nextHearing: z.string().nullable(),
  updatedAt: z.date(),
  overdue: z.boolean(),
});

export const RegisterFilters = {
  unitId: Uuid.optional(),
  stage: oneOf(CASE_STAGES).optional(),
  statute: z.string().trim().max(40).optional(),
  offence: z.string().trim().max(60).optional(),
  category: z.enum(['trafficking', 'smuggling', 'both', 'other']).optional(),
  minAgeDays: z.coerce.number().int().min(1).max(36500).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().min(2).max(200).optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
};

export const casesRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/law', { schema: { tags, summary: 'The law catalogue: statutes and offences (with penalties and procedure flags)', response: { 200: z.object({ statutes: z.array(z.record(z.string(), z.unknown())), offences: z.array(z.record(z.string(), z.unknown())) }), ...errors } } }, async (req) => {
      requireActor(req);
      return service.listLaw(deps);
    });

    app.get(
      '/',
      {
        schema: {
          tags,
          summary: 'The case register within your scope, filtered (full-text q searches narratives and diary notes)',
          querystring: z.strictObject({ ...PageQuery, ...RegisterFilters, sort: z.enum(['received', 'updated', 'stage-age']).default('received') }),
          response: { 200: z.object({ items: z.array(CaseSummary), total: z.number(), totalCapped: z.boolean(), page: z.number(), pageSize: z.number() }), ...errors },
        },
      },
      async (req) => service.listCases(deps, requireActor(req), req.query),
    );

    app.post(
      '/',
      {
        schema: {
          tags,
          summary: 'Register a case in one step: the case, its people (new or from the registry), charges and links',
          body: z.strictObject({
            title: Text(300),
            narrative: z.string().trim().max(50_000).optional(),
            statute: Text(40),
            source: z.enum(['complaint', 'helpline', 'immigration', 'referral', 'suo-motu', 'court-order', 'other']),
            receivedOn: IsoDate,
            stage: z.enum(['complaint', 'inquiry', 'fir']).optional(),
            firNumber: z.string().trim().max(60).optional(),
            firDate: IsoDate.optional(),
            policeStation: z.string().trim().max(200).optional(),
            officerId: Uuid.optional(),
            parties: z.array(PartyBody).min(1, 'a case needs at least one person').max(100),
            entities: z.array(Entity).max(100).optional(),
          }),
          response: { 201: z.object({ id: z.string(), ref: z.string() }), ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await service.registerCase(deps, requireActor(req), req.body, originOf(req))),
    );

    app.get('/:id', { schema: { tags, summary: 'The case page: timeline, people, charges, deadlines, tasks (identity per your role; audited)', params: z.strictObject({ id: Uuid }), response: { 200: z.record(z.string(), z.unknown()), ...errors } } }, async (req) =>
      service.getCase(deps, requireActor(req), req.params.id, originOf(req)),
    );

    app.post(
      '/:id/stage',
      {
        schema: {
          tags,
          summary: 'Move the case to another stage (dated, attributed, kept in its history)',
          params: z.strictObject({ id: Uuid }),
          body: z.strictObject({
            version: z.number().int().min(1),
            to: oneOf(CASE_STAGES),
            on: IsoDate,
            note: z.string().trim().max(2000).optional(),
            firNumber: z.string().trim().max(60).optional(),
            policeStation: z.string().trim().max(200).optional(),
            court: z.string().trim().max(200).optional(),
            closureReason: oneOf(CLOSURE_REASONS).optional(),
            transferToUnitId: Uuid.optional(),
          }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await service.changeStage(deps, requireActor(req), req.params.id, req.body, originOf(req));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/:id/parties',
      { schema: { tags, summary: 'Add a person to the case', params: z.strictObject({ id: Uuid }), body: z.intersection(PartyBody, z.object({ version: z.number().int().min(1) })), response: { 201: z.object({ partyId: z.string() }), ...errors } } },
      async (req, reply) => reply.status(201).send(await service.addParty(deps, requireActor(req), req.params.id, req.body, originOf(req))),
    );

    app.patch(
      '/:id/parties/:partyId',
      {
        schema: {
          tags,
          summary: "Update a person's facts in the case: arrest, remand, bail, proclamation, charges, victim facts",
          params: z.strictObject({ id: Uuid, partyId: Uuid }),
          body: z.strictObject({ version: z.number().int().min(1), charges: Charges.optional(), ...VictimFields, ...AccusedFields }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await service.updateParty(deps, requireActor(req), req.params.id, req.params.partyId, req.body, originOf(req));
        return reply.status(204).send(null);
      },
    );
  };
