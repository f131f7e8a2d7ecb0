import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../platform/auth.js';
import { ErrorSchema, IdParams, originOf, requireActor, type Deps } from '../../platform/http.js';
import { unauthorized } from '../../platform/errors.js';
import { assertCan } from '../../platform/policy.js';
import * as service from './service.js';

const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  unit: z.object({ id: z.string(), name: z.string(), nameUr: z.string().nullable(), kind: z.string() }),
  language: z.string(),
  modules: z.array(z.string()),
  totpEnrolled: z.boolean(),
  totpRequired: z.boolean(),
});
const SessionResponse = z.object({ user: SessionUser, csrfToken: z.string().nullable(), mfaPending: z.boolean() });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema };
const tags = ['auth'];

export const authRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const cookieOptions = {
      path: '/',
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: deps.config.secureCookies,
      maxAge: deps.config.sessionAbsoluteHours * 3600,
    };

    app.post(
      '/login',
      {
        config: { rateLimit: { max: deps.config.loginPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Sign in with username, password and (when enrolled) a TOTP code',
          body: z.strictObject({
            username: z.string().trim().min(1, 'Enter your username.').max(100),
            password: z.string().min(1, 'Enter your password.').max(256),
            totp: z.string().trim().regex(/^\d{6}$/, 'The code has 6 digits.').optional(),
          }),
          response: { 200: SessionResponse, ...errors },
        },
      },
      async (req, reply) => {
        const { token, session, actor } = await service.login(deps, req.body, originOf(req), req.session?.id ?? null);
        void reply.setCookie(SESSION_COOKIE, token, cookieOptions);
        return { user: await service.sessionView(deps, actor), csrfToken: session.csrfToken, mfaPending: !session.mfaSatisfied };
      },
    );

    app.get('/session', { schema: { tags, summary: 'The signed-in user and the CSRF token for writes', response: { 200: SessionResponse, ...errors } } }, async (req) => {
      const actor = requireActor(req, { allowMfaPending: true });
      return { user: await service.sessionView(deps, actor), csrfToken: req.session?.csrfToken ?? null, mfaPending: req.mfaPending };
    });

    app.post('/logout', { schema: { tags, summary: 'Sign out of this session', response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      const actor = requireActor(req, { allowMfaPending: true });
      if (!req.session) throw unauthorized('Only a browser session can sign out; revoke API tokens instead.');
      await service.logout(deps, actor, req.session, originOf(req));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.post(
      '/logout-all',
      { schema: { tags, summary: 'Sign out everywhere: ends every session and revokes every API token of this user', response: { 200: z.object({ sessionsEnded: z.number() }), ...errors } } },
      async (req, reply) => {
        const actor = requireActor(req, { allowMfaPending: true });
        const n = await service.logoutEverywhere(deps, actor, originOf(req));
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { sessionsEnded: n };
      },
    );

    app.post(
      '/password',
      {
        config: { rateLimit: { max: deps.config.loginPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Change your password (ends your other sessions)',
          body: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req, { allowMfaPending: true });
        assertCan(actor, 'account.manageOwn', null);
        await service.changePassword(deps, actor, req.session, req.body, originOf(req));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/totp/setup',
      { schema: { tags, summary: 'Start two-factor enrolment: a new secret, its otpauth URI and a QR code', response: { 200: z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }), ...errors } } },
      async (req) => {
        const actor = requireActor(req, { allowMfaPending: true });
        return service.startTotpEnrolment(deps, actor, originOf(req));
      },
    );

    app.post(
      '/totp/confirm',
      {
        config: { rateLimit: { max: deps.config.loginPerMinute, timeWindow: '1 minute' } },
        schema: { tags, summary: 'Finish two-factor enrolment with the first code', body: z.strictObject({ code: z.string().trim().regex(/^\d{6}$/, 'The code has 6 digits.') }), response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        const actor = requireActor(req, { allowMfaPending: true });
        await service.confirmTotpEnrolment(deps, actor, req.session, req.body.code, originOf(req));
        return reply.status(204).send(null);
      },
    );

    const TokenView = z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.date(), lastUsedAt: z.date().nullable(), expiresAt: z.date().nullable(), revokedAt: z.date().nullable() });

    app.get('/tokens', { schema: { tags, summary: 'Your API tokens (never the secret)', response: { 200: z.object({ items: z.array(TokenView) }), ...errors } } }, async (req) => {
      const actor = requireActor(req);
      return { items: await service.listTokens(deps, actor) };
    });

    app.post(
      '/tokens',
      {
        schema: {
          tags,
          summary: 'Create an API token for an integration; the token is shown once',
          body: z.strictObject({ name: z.string().trim().min(1, 'Name the token after the system that will use it.').max(100), expiresInDays: z.number().int().min(1).max(730).optional() }),
          response: { 201: z.object({ id: z.string(), token: z.string() }), ...errors },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        assertCan(actor, 'account.manageOwn', null);
        return reply.status(201).send(await service.issueToken(deps, actor, actor.userId, req.body, originOf(req)));
      },
    );

    app.delete('/tokens/:id', { schema: { tags, summary: 'Revoke one of your API tokens', params: IdParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      const actor = requireActor(req);
      await service.revokeToken(deps, actor, req.params.id, originOf(req));
      return reply.status(204).send(null);
    });
  };
