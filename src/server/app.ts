// Builds the Fastify app from the platform and the modules. main.ts starts it; tests inject.
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, registerAuthentication, registerErrorHandling, type Deps } from './platform/http.js';
import { adminRoutes } from './modules/admin/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { casesRoutes } from './modules/cases/routes.js';
import { helplineRoutes } from './modules/helpline/routes.js';
import { referralsRoutes } from './modules/referrals/routes.js';
import { caseMonitoringRoutes } from './modules/cases/monitoring-routes.js';
import { caseWorkRoutes } from './modules/cases/work-routes.js';
import { personsRoutes } from './modules/persons/routes.js';
import { screeningRoutes } from './modules/screening/routes.js';

export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers["x-report-secret"]'] },
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: true,
    max: deps.config.apiPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      ...errorBody('too_many_requests', `Too many requests. Wait ${Math.ceil(ctx.ttl / 1000)} seconds and try again.`, { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }),
    }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Hifazat API', version: deps.version, description: "Pakistan's anti-trafficking information system. Errors are { error: { code, message, details } }." },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'hz_session', description: 'Browser session; writes also need the x-csrf-token header.' },
          token: { type: 'http', scheme: 'bearer', description: 'API token for integrations (hzt_…).' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerErrorHandling(app, deps);
  registerAuthentication(app, deps);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/health',
    { schema: { tags: ['platform'], summary: 'Liveness and the database in use', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }) } } },
    async () => {
      await deps.db.execute('select 1');
      return { status: 'ok' as const, database: deps.dbKind, version: deps.version };
    },
  );

  await app.register(authRoutes(deps), { prefix: '/api/v1/auth' });
  await app.register(adminRoutes(deps), { prefix: '/api/v1/admin' });
  await app.register(auditRoutes(deps), { prefix: '/api/v1/audit' });
  await app.register(personsRoutes(deps), { prefix: '/api/v1/persons' });
  await app.register(casesRoutes(deps), { prefix: '/api/v1/cases' });
  await app.register(helplineRoutes(deps), { prefix: '/api/v1/helpline' });
  await app.register(referralsRoutes(deps), { prefix: '/api/v1/referrals' });
  await app.register(caseMonitoringRoutes(deps), { prefix: '/api/v1/cases' });
  await app.register(caseWorkRoutes(deps), { prefix: '/api/v1/cases' });
  await app.register(screeningRoutes(deps), { prefix: '/api/v1/screening' });

  // The web app: built by Vite into dist/web; any other GET outside /api gets index.html.
  const hasWeb = fs.existsSync(path.join(deps.config.webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: deps.config.webDir, wildcard: false, index: false });
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api')) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.status(404).send(errorBody('not_found', `There is no ${req.method} ${req.url.split('?')[0]}.`));
  });
  return app;
}
