import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeUser, signIn, testEnv, unitId, type Session, type TestEnv } from '../../../../test/support.js';

let env: TestEnv;
let hq: Session; // national administrator
let lahore: Session; // administrator of the Lahore zone only
beforeAll(async () => {
  env = await testEnv();
  hq = await signIn(env.app, await makeUser(env.deps, { roles: ['administrator'], unit: 'NATIONAL' }));
  lahore = await signIn(env.app, await makeUser(env.deps, { roles: ['administrator'], unit: 'ZONE-LHR' }));
});
afterAll(() => env.close());

describe('units', () => {
  it('401 without a session', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/admin/units' })).statusCode).toBe(401);
  });

  it('every signed-in user reads the tree; it holds the plan\'s organisations', async () => {
    const analyst = await signIn(env.app, await makeUser(env.deps, { roles: ['monitoring-cell-analyst'], unit: 'ATU-CMC' }));
    const res = await as(env.app, analyst).get('/api/v1/admin/units');
    expect(res.statusCode).toBe(200);
    const codes = res.json().items.map((u: { code: string }) => u.code);
    for (const c of ['FIA-HQ', 'ATU-CMC', 'ATU-LHR', 'PC-KHI', 'IMM-TAFTAN', 'HELPLINE', 'SHELTER-LHR', 'NGO-LEGAL', 'HOSP-PIMS', 'MOI-NC', 'MOI-NR', 'BEOE', 'MOFA', 'PROS-PUNJAB']) expect(codes).toContain(c);
  });

  it('a zone administrator adds a unit below their zone, not elsewhere', async () => {
    const ok = await as(env.app, lahore).post('/api/v1/admin/units', { parentId: await unitId(env.deps, 'ZONE-LHR'), code: 'AHTC-LHR-2', kind: 'circle', name: 'Second circle Lahore', nameUr: 'دوسرا سرکل لاہور' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().path).toMatch(/\/$/);
    const elsewhere = await as(env.app, lahore).post('/api/v1/admin/units', { parentId: await unitId(env.deps, 'ZONE-KHI'), code: 'AHTC-KHI-2', kind: 'circle', name: 'x' });
    expect(elsewhere.statusCode).toBe(403);
    const dup = await as(env.app, hq).post('/api/v1/admin/units', { parentId: await unitId(env.deps, 'ZONE-KHI'), code: 'AHTC-LHR-2', kind: 'circle', name: 'x' });
    expect(dup.statusCode).toBe(409);
    const badKind = await as(env.app, hq).post('/api/v1/admin/units', { parentId: await unitId(env.deps, 'ZONE-KHI'), code: 'X-1', kind: 'castle', name: 'x' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.message).toMatch(/kind: must be one of/);
  });

  it('a concurrent edit does not silently overwrite: the stale version gets 409', async () => {
    const id = await unitId(env.deps, 'SHELTER-KHI');
    const units = (await as(env.app, hq).get('/api/v1/admin/units')).json().items as Array<{ id: string; version: number }>;
    const version = units.find((u) => u.id === id)!.version;
    expect((await as(env.app, hq).patch(`/api/v1/admin/units/${id}`, { version, name: 'Shelter Karachi (A)' })).statusCode).toBe(200);
    const stale = await as(env.app, hq).patch(`/api/v1/admin/units/${id}`, { version, name: 'Shelter Karachi (B)' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.currentVersion).toBe(version + 1);
  });
});

describe('users', () => {
  it('creates a user with roles; the user can sign in; the listing never shows secrets', async () => {
    const res = await as(env.app, lahore).post('/api/v1/admin/users', {
      username: 'io.lahore.new',
      displayName: 'Inspector New',
      unitId: await unitId(env.deps, 'ATU-LHR'),
      roles: ['atu-investigator'],
      password: 'a long enough password',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'io.lahore.new', totpRequired: true, totpEnrolled: false, roles: ['atu-investigator'] });
    const list = await as(env.app, lahore).get('/api/v1/admin/users?q=io.lahore&pageSize=10');
    expect(list.json().total).toBe(1);
    expect(list.body).not.toMatch(/argon2|password_hash|passwordHash|totpSecret/);
    const login = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'io.lahore.new', password: 'a long enough password' } });
    expect(login.json().mfaPending).toBe(true);
  });

  it('404 for another unit\'s user, and the attempt is audited', async () => {
    const karachi = await makeUser(env.deps, { roles: ['gazette-editor'], unit: 'ATU-KHI' });
    const get = await as(env.app, lahore).get(`/api/v1/admin/users/${karachi.id}`);
    expect(get.statusCode).toBe(404);
    const patch = await as(env.app, lahore).patch(`/api/v1/admin/users/${karachi.id}`, { version: 1, displayName: 'hijacked' });
    expect(patch.statusCode).toBe(404);
    expect((await as(env.app, hq).get(`/api/v1/admin/users/${karachi.id}`)).json().displayName).not.toBe('hijacked');
  });

  it('changing roles ends the user\'s sessions; a stale version is refused', async () => {
    const u = await makeUser(env.deps, { roles: ['gazette-editor'], unit: 'ATU-LHR' });
    const s = await signIn(env.app, u);
    const ok = await as(env.app, lahore).patch(`/api/v1/admin/users/${u.id}`, { version: 1, roles: ['gazette-editor', 'auditor'] });
    expect(ok.statusCode).toBe(200);
    expect((await as(env.app, s).get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await as(env.app, lahore).patch(`/api/v1/admin/users/${u.id}`, { version: 1, displayName: 'x' })).statusCode).toBe(409);
  });

  it('refuses a weak first password with a reason, an unknown role, and a taken username', async () => {
    const unit = await unitId(env.deps, 'ATU-LHR');
    const weak = await as(env.app, hq).post('/api/v1/admin/users', { username: 'weak.pw', displayName: 'W', unitId: unit, roles: ['auditor'], password: 'short' });
    expect(weak.statusCode).toBe(422);
    const role = await as(env.app, hq).post('/api/v1/admin/users', { username: 'bad.role', displayName: 'W', unitId: unit, roles: ['superuser'], password: 'a long enough password' });
    expect(role.statusCode).toBe(400);
    const taken = await as(env.app, hq).post('/api/v1/admin/users', { username: 'IO.LAHORE.NEW'.toLowerCase(), displayName: 'W', unitId: unit, roles: ['auditor'], password: 'a long enough password' });
    expect(taken.statusCode).toBe(409);
  });

  it('unlocks a locked account and resets a lost two-factor device', async () => {
    const u = await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-LHR' });
    for (let i = 0; i < 6; i++) await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: 'wrong password' } });
    const before = (await as(env.app, lahore).get(`/api/v1/admin/users/${u.id}`)).json();
    expect(before.locked).toBe(true);
    expect((await as(env.app, lahore).post(`/api/v1/admin/users/${u.id}/unlock`)).statusCode).toBe(204);
    expect((await as(env.app, lahore).post(`/api/v1/admin/users/${u.id}/reset-totp`)).statusCode).toBe(204);
    const after = (await as(env.app, lahore).get(`/api/v1/admin/users/${u.id}`)).json();
    expect(after).toMatchObject({ locked: false, totpEnrolled: false });
  });
});
