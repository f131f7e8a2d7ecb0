// The HTTP edge shared by every module: who is calling (session cookie or API token), CSRF for
// cookie-authenticated writes, the one error shape, and small helpers routes use in order:
// validate (zod) → authenticate → load → authorize → service → present.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findApiToken, findSession, loadUser, SESSION_COOKIE, type SessionRow } from './auth.js';
import { writeDenied, type Origin } from './audit.js';
import type { Config } from './config.js';
import type { FieldCipher } from './crypto.js';
import { safeEqual } from './crypto.js';
import type { Db } from './db.js';
import type { RegistryIndex } from '../modules/persons/registry-index.js';
import { AppError, DeniedError, unauthorized } from './errors.js';
import type { UserActor } from './policy.js';

/** What every service needs: the database, the field cipher and the configuration. */
export interface Deps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  cipher: FieldCipher;
  config: Config;
  version: string;
  /** The person registry's in-memory name index (modules/persons). */
  registry: RegistryIndex;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: UserActor | null;
    session: SessionRow | null;
    authVia: 'cookie' | 'token' | null;
    /** Signed in with a password, but two-factor enrolment is still owed. */
    mfaPending: boolean;
  }
}

export function originOf(req: FastifyRequest): Origin {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}

/** Resolves the caller on every /api/v1 request and enforces CSRF on cookie-authenticated writes. */
export function registerAuthentication(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('authVia', null);
  app.decorateRequest('mfaPending', false);

  app.addHook('preHandler', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const timeouts = { idleMinutes: deps.config.sessionIdleMinutes, absoluteHours: deps.config.sessionAbsoluteHours };
    const authz = req.headers.authorization;
    let userId: string | null = null;
    if (typeof authz === 'string' && authz.startsWith('Bearer ')) {
      userId = await findApiToken(deps.db, authz.slice(7).trim());
      if (!userId) throw unauthorized('The API token is not valid, has expired or was revoked.', 'invalid_token');
      req.authVia = 'token';
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        const session = await findSession(deps.db, cookie, timeouts);
        if (session) {
          userId = session.userId;
          req.session = session;
          req.authVia = 'cookie';
          req.mfaPending = !session.mfaSatisfied;
        }
      }
    }
    if (userId) {
      const loaded = await loadUser(deps.db, userId);
      if (loaded?.active) req.actor = loaded.actor;
      else {
        req.session = null;
        req.authVia = null;
      }
    }
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    // Signing in needs no token: it creates the session that carries one (SameSite=Strict guards it).
    if (unsafe && req.authVia === 'cookie' && req.session && req.routeOptions.url !== '/api/v1/auth/login') {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, req.session.csrfToken)) {
        throw new AppError(403, 'csrf', 'This request is missing its security token. Reload the page and try again.');
      }
    }
  });
}

/** The signed-in actor; 401 without one. A session still owing two-factor enrolment gets 403. */
export function requireActor(req: FastifyRequest, opts: { allowMfaPending?: boolean } = {}): UserActor {
  if (!req.actor) throw unauthorized();
  if (req.mfaPending && !opts.allowMfaPending) {
    throw new AppError(403, 'totp_enrolment_required', 'Your role requires two-factor sign-in. Set it up before you continue.');
  }
  return req.actor;
}

export const errorBody = (code: string, message: string, details?: unknown) => ({ error: { code, message, details: details ?? null } });

/** The error shape in OpenAPI. */
export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) });

const FASTIFY_CLIENT_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too_large', 'The request is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [400, 'unsupported_media_type', 'Send the request body as JSON (content-type: application/json).'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'bad_request', 'The request body is empty; send a JSON object.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'bad_request', 'The request body is not valid JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request', 'The content-length header does not match the body.'],
};

export function registerErrorHandling(app: FastifyInstance, deps: Deps): void {
  app.setErrorHandler(async (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DeniedError) {
      await writeDenied(deps.db, req.actor, originOf(req), { action: error.action, recordType: error.record?.type, recordId: error.record?.id });
    }
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details = error.validation.map((v) => ({
        location: where,
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || null,
        message: v.message ?? 'is not valid',
        ...(v.params && 'keys' in v.params ? { unknownFields: v.params.keys } : {}),
      }));
      const first = details[0];
      const message = first ? `${first.path ? `${first.path}: ` : ''}${first.message} (in the ${where})` : `The ${where} is not valid.`;
      return reply.status(400).send(errorBody('validation', message, details));
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known) return reply.status(known[0]).send(errorBody(known[1], known[2]));
    if (error.statusCode === 429) return reply.status(429).send(errorBody('too_many_requests', 'Too many requests. Wait a moment and try again.'));
    if (error instanceof SyntaxError || (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)) {
      return reply.status(400).send(errorBody('bad_request', 'The request could not be read.'));
    }
    const pgCode = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? error.code;
    if (pgCode === '23505') return reply.status(409).send(errorBody('conflict', 'A record with the same identifying value already exists.'));
    if (pgCode === '40001' || pgCode === '40P01') return reply.status(409).send(errorBody('conflict', 'Someone else changed this at the same moment. Try again.'));
    if (isResponseSerializationError(error)) req.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
    else req.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('internal', 'Something went wrong on our side. It has been logged; please try again.'));
  });
}

// ---- shared zod pieces ------------------------------------------------------------------------

export const Uuid = z.uuid({ message: 'must be a record id (UUID)' });
export const IdParams = z.strictObject({ id: Uuid });

export const PageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const Versioned = { version: z.number().int().min(1) };
