import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UNIT_KINDS } from '../../../domain/organisation.js';
import { ROLES } from '../../../domain/roles.js';
import { ErrorSchema, IdParams, originOf, pageOf, PageQuery, requireActor, Uuid, Versioned, type Deps } from '../../platform/http.js';
import { notFound } from '../../platform/errors.js';
import { assertCan } from '../../platform/policy.js';
import * as service from './service.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const Kind = z.enum(UNIT_KINDS, { message: `must be one of: ${UNIT_KINDS.join(', ')}` });
const RoleId = z.enum(ROLES, { message: `must be one of: ${ROLES.join(', ')}` });

const UnitView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  kind: z.string(),
  name: z.string(),
  nameUr: z.string().nullable(),
  district: z.string().nullable(),
  province: z.string().nullable(),
  path: z.string(),
  active: z.boolean(),
  version: z.number(),
});

const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  roles: z.array(z.string()),
  active: z.boolean(),
  totpEnrolled: z.boolean(),
  totpRequired: z.boolean(),
  locked: z.boolean(),
  failedLogins: z.number(),
  createdAt: z.date(),
  version: z.number(),
});

export const adminRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['units and users'];

    app.get('/units', { schema: { tags, summary: 'The organisational tree, flat, ordered by path', response: { 200: z.object({ items: z.array(UnitView) }), ...errors } } }, async (req) => {
      const actor = requireActor(req);
      assertCan(actor, 'unit.read', { id: actor.unitId, path: actor.unitPath });
      return { items: await service.listUnits(deps) };
    });

    app.post(
      '/units',
      {
        schema: {
          tags,
          summary: 'Add a unit under a parent',
          body: z.strictObject({
            parentId: Uuid,
            code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'use 2–40 capital letters, digits and hyphens, e.g. ATU-LHR'),
            kind: Kind,
            name: Text(200),
            nameUr: OptionalText(200),
            district: OptionalText(100),
            province: OptionalText(100),
          }),
          response: { 201: UnitView, ...errors },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        return reply.status(201).send(await service.createUnit(deps, actor, req.body, originOf(req)));
      },
    );

    app.patch(
      '/units/:id',
      {
        schema: {
          tags,
          summary: 'Change a unit (send the version you read; 409 if it changed since)',
          params: IdParams,
          body: z.strictObject({ ...Versioned, name: Text(200).optional(), nameUr: OptionalText(200), kind: Kind.optional(), district: OptionalText(100), province: OptionalText(100), active: z.boolean().optional() }),
          response: { 200: UnitView, ...errors },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        return service.updateUnit(deps, actor, req.params.id, req.body, originOf(req));
      },
    );

    app.get('/roles', { schema: { tags, summary: 'The roles a user can hold', response: { 200: z.object({ items: z.array(z.string()) }), ...errors } } }, async (req) => {
      requireActor(req);
      return { items: [...ROLES] };
    });

    app.get(
      '/users',
      {
        schema: {
          tags,
          summary: 'Users in your part of the organisation, paged and filtered',
          querystring: z.strictObject({ ...PageQuery, q: z.string().trim().max(100).optional(), unitId: Uuid.optional(), role: RoleId.optional() }),
          response: { 200: pageOf(UserView), ...errors },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        assertCan(actor, 'user.read', { id: '', unitPath: actor.unitPath });
        return service.listUsers(deps, actor, req.query);
      },
    );

    app.get('/users/:id', { schema: { tags, summary: 'One user', params: IdParams, response: { 200: UserView, ...errors } } }, async (req) => {
      const actor = requireActor(req);
      const user = await service.findUser(deps.db, req.params.id);
      if (!user) throw notFound('user');
      assertCan(actor, 'user.read', user, { type: 'user', id: user.id });
      return service.presentUser(user);
    });

    app.post(
      '/users',
      {
        schema: {
          tags,
          summary: 'Create a user with a first password (shared with the person out of band)',
          body: z.strictObject({
            username: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{2,49}$/, 'use 3–50 lower-case letters, digits, dots, hyphens or underscores'),
            displayName: Text(200),
            unitId: Uuid,
            roles: z.array(RoleId).min(1, 'give the user at least one role').max(ROLES.length),
            password: z.string().min(1).max(256),
          }),
          response: { 201: UserView, ...errors },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        return reply.status(201).send(await service.createUser(deps, actor, req.body, originOf(req)));
      },
    );

    app.patch(
      '/users/:id',
      {
        schema: {
          tags,
          summary: 'Change a user (send the version you read; 409 if it changed since). Their sessions end when unit, roles or status change.',
          params: IdParams,
          body: z.strictObject({ ...Versioned, displayName: Text(200).optional(), unitId: Uuid.optional(), roles: z.array(RoleId).min(1).max(ROLES.length).optional(), active: z.boolean().optional() }),
          response: { 200: UserView, ...errors },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        return service.updateUser(deps, actor, req.params.id, req.body, originOf(req));
      },
    );

    app.post(
      '/users/:id/password',
      { schema: { tags, summary: "Set a user's password (ends their sessions, clears a lockout)", params: IdParams, body: z.strictObject({ password: z.string().min(1).max(256) }), response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        const actor = requireActor(req);
        await service.resetPassword(deps, actor, req.params.id, req.body.password, originOf(req));
        return reply.status(204).send(null);
      },
    );

    app.post('/users/:id/reset-totp', { schema: { tags, summary: "Clear a user's two-factor enrolment (a lost phone)", params: IdParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      const actor = requireActor(req);
      await service.resetTotp(deps, actor, req.params.id, originOf(req));
      return reply.status(204).send(null);
    });

    app.post('/users/:id/unlock', { schema: { tags, summary: 'Lift a sign-in lockout', params: IdParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      const actor = requireActor(req);
      await service.unlockUser(deps, actor, req.params.id, originOf(req));
      return reply.status(204).send(null);
    });
  };
