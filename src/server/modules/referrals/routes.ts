import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema, IdParams, originOf, PageQuery, requireActor, Uuid, type Deps } from '../../platform/http.js';
import { IsoDate } from '../cases/routes.js';
import * as service from './service.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['referrals'];
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const Opt = (max: number) => z.string().trim().max(max).optional();
const Field = z.enum(service.SHAREABLE_FIELDS);

const Provider = z.object({
  unitId: z.string(),
  code: z.string(),
  kind: z.string(),
  name: z.string(),
  nameUr: z.string().nullable(),
  district: z.string().nullable(),
  province: z.string().nullable(),
  services: z.array(z.string()),
  languages: z.array(z.string()),
  districts: z.array(z.string()).describe('districts served'),
  hours: z.string().nullable(),
  capacity: z.number().nullable(),
  available: z.number().nullable().describe('places available now'),
  phone: z.string().nullable(),
  version: z.number().describe('0 until the provider has filled in its details'),
  updatedAt: z.date().nullable(),
});
const Consent = z.object({
  id: z.string(),
  personId: z.string(),
  providerUnitId: z.string(),
  fields: z.array(z.string()),
  purpose: z.string(),
  validUntil: z.string(),
  form: z.string(),
  recordedAt: z.date(),
  withdrawnAt: z.date().nullable(),
  active: z.boolean(),
});
const Referral = z.object({
  id: z.string(),
  ref: z.string(),
  personId: z.string().nullable().describe('only for the sending side; the receiving organisation sees only what was shared'),
  from: z.object({ id: z.string(), name: z.string() }),
  provider: z.object({ id: z.string(), name: z.string() }),
  sourceModule: z.string(),
  sourceId: z.string().nullable(),
  service: z.string(),
  purpose: z.string(),
  urgency: z.string(),
  basis: z.enum(['consent', 'exception']),
  exception: z.string().nullable(),
  fields: z.array(z.string()),
  status: z.string(),
  declineReason: z.string().nullable(),
  feedback: z.string().nullable(),
  respondBy: z.date(),
  overdue: z.boolean().describe('still not accepted or declined after 48 h (4 h when immediate)'),
  respondedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  version: z.number(),
  createdAt: z.date(),
  abilities: z.object({ respond: z.boolean(), withdraw: z.boolean() }),
});
const ReferralDetail = Referral.extend({ shared: z.record(z.string(), z.unknown()).describe('the snapshot of exactly the fields shared, and the note') });
const Versioned = z.strictObject({ version: z.number().int().min(1) });

export const referralsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/providers',
      {
        schema: {
          tags,
          summary: 'The directory of service providers (shelters, hospitals and clinics, psychosocial support, legal aid, translators, NGOs, repatriation); never an address',
          querystring: z.strictObject({ service: z.enum(service.SERVICES).optional(), district: Opt(60), language: Opt(30) }),
          response: { 200: z.object({ items: z.array(Provider) }), ...errors },
        },
      },
      async (req) => service.listProviders(deps, requireActor(req), req.query),
    );
    app.get(
      '/providers/:id',
      { schema: { tags, summary: "A provider's entry; the address (encrypted) only for its own staff (audited)", params: IdParams, response: { 200: Provider.extend({ address: z.string().nullable(), abilities: z.object({ update: z.boolean() }) }), ...errors } } },
      async (req) => service.getProvider(deps, requireActor(req), req.params.id, originOf(req)),
    );
    app.put(
      '/providers/:id',
      {
        schema: {
          tags,
          summary: 'A provider keeps its services, languages, districts served, hours and current capacity up to date',
          params: IdParams,
          body: z.strictObject({
            version: z.number().int().min(1).optional(),
            services: z.array(z.enum(service.SERVICES)).max(10),
            languages: z.array(Text(30)).max(20),
            districts: z.array(Text(60)).max(200),
            hours: Opt(200),
            capacity: z.number().int().min(0).max(100_000).optional(),
            available: z.number().int().min(0).max(100_000).optional(),
            address: Opt(500),
            phone: Opt(30),
          }),
          response: { 200: Provider, ...errors },
        },
      },
      async (req) => service.updateProvider(deps, requireActor(req), req.params.id, req.body, originOf(req)),
    );

    app.post(
      '/consents',
      {
        schema: {
          tags,
          summary: "Record a person's informed consent: what is shared (fields), with whom (provider), for what purpose, until when",
          body: z.strictObject({ personId: Uuid, providerUnitId: Uuid, fields: z.array(Field).min(1).max(20), purpose: Text(1000), validUntil: IsoDate, form: z.enum(['verbal', 'written', 'thumbprint']) }),
          response: { 201: Consent, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await service.recordConsent(deps, requireActor(req), req.body, originOf(req))),
    );
    app.get('/consents', { schema: { tags, summary: "A person's consents", querystring: z.strictObject({ personId: Uuid }), response: { 200: z.object({ items: z.array(Consent) }), ...errors } } }, async (req) =>
      service.listConsents(deps, requireActor(req), req.query.personId),
    );
    app.post('/consents/:id/withdraw', { schema: { tags, summary: 'The person withdraws a consent', params: IdParams, response: { 200: Consent, ...errors } } }, async (req) =>
      service.withdrawConsent(deps, requireActor(req), req.params.id, originOf(req)),
    );

    app.get(
      '/',
      {
        schema: {
          tags,
          summary: 'Referrals your unit sent, or received (as a provider), newest first, overdue flagged',
          querystring: z.strictObject({ ...PageQuery, box: z.enum(['sent', 'received']), status: z.enum(['sent', 'accepted', 'declined', 'in-progress', 'completed', 'withdrawn']).optional() }),
          response: { 200: z.object({ items: z.array(Referral), page: z.number(), pageSize: z.number() }), ...errors },
        },
      },
      async (req) => service.listReferrals(deps, requireActor(req), req.query),
    );
    app.post(
      '/',
      {
        schema: {
          tags,
          summary: 'Refer a person to a provider, from any module. Needs a consent covering every field shared, or a lawful exception (minor, immediate-danger) with a justification (audited); otherwise 422',
          body: z.strictObject({
            personId: Uuid,
            providerUnitId: Uuid,
            service: z.enum(service.SERVICES),
            purpose: Text(1000),
            urgency: z.enum(service.URGENCIES).default('routine'),
            sourceModule: z.enum(service.SOURCE_MODULES),
            sourceId: Opt(100),
            fields: z.array(Field).max(20),
            note: Opt(5000),
            consentId: Uuid.optional(),
            exception: z.enum(service.EXCEPTIONS).optional(),
            justification: Opt(2000),
          }),
          response: { 201: ReferralDetail, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await service.sendReferral(deps, requireActor(req), req.body, originOf(req))),
    );
    app.get('/:id', { schema: { tags, summary: 'A referral with what was shared (audited)', params: IdParams, response: { 200: ReferralDetail, ...errors } } }, async (req) =>
      service.getReferral(deps, requireActor(req), req.params.id, originOf(req)),
    );
    const step = (name: 'accept' | 'decline' | 'start' | 'complete' | 'withdraw', summary: string, body: z.ZodObject) =>
      app.post(`/:id/${name}`, { schema: { tags, summary, params: IdParams, body, response: { 200: Referral, ...errors } } }, async (req) =>
        service.moveReferral(deps, requireActor(req), (req.params as { id: string }).id, name, req.body as { version: number; reason?: string; feedback?: string }, originOf(req)),
      );
    step('accept', 'The provider accepts the referral', Versioned);
    step('decline', 'The provider declines, with the reason', Versioned.extend({ reason: Text(1000) }));
    step('start', 'The service is in progress', Versioned);
    step('complete', 'The service is completed, with feedback', Versioned.extend({ feedback: Text(5000) }));
    step('withdraw', 'The sender withdraws the referral', Versioned);
  };
