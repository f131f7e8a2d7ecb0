import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema, originOf, pageOf, PageQuery, requireActor, type Deps } from '../../platform/http.js';
import { assertCan } from '../../platform/policy.js';
import * as service from './service.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };
const tags = ['audit'];

const EventView = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  unitId: z.string().nullable(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  fields: z.array(z.string()).nullable(),
  outcome: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

const DateTime = z.iso.datetime({ offset: true, message: 'must be a date-time such as 2026-12-01T00:00:00Z' }).or(z.iso.date({ message: 'must be a date such as 2026-12-01' }));

export const auditRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/events',
      {
        schema: {
          tags,
          summary: 'Audit events, newest first, filtered (auditors)',
          querystring: z.strictObject({
            ...PageQuery,
            actor: z.string().trim().max(100).optional(),
            action: z.string().trim().max(100).optional(),
            recordType: z.string().trim().max(100).optional(),
            recordId: z.string().trim().max(100).optional(),
            outcome: z.enum(['success', 'denied', 'failure']).optional(),
            from: DateTime.optional(),
            to: DateTime.optional(),
          }),
          response: { 200: pageOf(EventView), ...errors },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        assertCan(actor, 'audit.read', null);
        return service.listEvents(deps, actor, req.query, originOf(req));
      },
    );

    app.get(
      '/verify',
      {
        schema: {
          tags,
          summary: 'Verify the hash chain and name the first broken link',
          response: { 200: z.object({ ok: z.boolean(), checked: z.number(), brokenAt: z.object({ seq: z.number(), reason: z.string() }).optional() }), ...errors },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        assertCan(actor, 'audit.verify', null);
        return service.verify(deps, actor, originOf(req));
      },
    );
  };
