import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, testEnv, type Session, type TestEnv } from '../../test/support.js';

let env: TestEnv;
let admin: Session;
beforeAll(async () => {
  env = await testEnv();
  admin = await signIn(env.app, await makeUser(env.deps, { roles: ['administrator', 'auditor'], unit: 'NATIONAL' }));
});
afterAll(() => env.close());

describe('platform endpoints', () => {
  it('health names the database engine', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: env.deps.dbKind, version: 'test' });
  });

  it('publishes an OpenAPI document generated from the route schemas, and a browsable page', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/admin/users', '/api/v1/audit/events']));
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
    const docs = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('unknown API paths answer 404 in the error shape', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('sets security headers', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('bad input never yields a 500', () => {
  const garbage: unknown[] = [null, 42, 'text', [], [1, 2], { unexpected: true }, { version: -1, name: '' }, { username: {}, password: [] }, { parentId: 'not-a-uuid' }, '\u0000\uffff'];
  const ids = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '%00', '..%2f..%2fetc'];

  it('for every route in the OpenAPI document, as an administrator', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const seen: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        if (path.includes('logout')) continue; // would end the session the rest of the test uses
        for (const id of ids) {
          const url = path.replace(/\{[^}]+\}/g, id);
          for (const body of method === 'get' || method === 'delete' ? [undefined] : garbage) {
            const res = await env.app.inject({
              method: method.toUpperCase() as 'GET',
              url: `${url}?page=-1&pageSize=abc&unknown=1`,
              headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
              ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
            });
            if (res.statusCode >= 500) seen.push(`${method.toUpperCase()} ${url} ${JSON.stringify(body)} → ${res.statusCode} ${res.body}`);
            expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
            if (res.statusCode >= 400) expect(res.json().error.message).toEqual(expect.any(String));
          }
        }
      }
    }
    expect(seen).toEqual([]);
  });
});
