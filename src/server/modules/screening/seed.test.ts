import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeUser, signIn, testEnv, type TestEnv, type TestUser } from '../../../../test/support.js';
import { seedScreeningDemo } from './seed.js';

let env: TestEnv;
let demoOfficer: TestUser;
beforeAll(async () => {
  env = await testEnv();
  // the demo accounts the screening demo acts as (seedDemo creates them with the others)
  demoOfficer = await makeUser(env.deps, { roles: ['immigration-officer'], unit: 'IMM-LHE', username: 'immigration' });
  await makeUser(env.deps, { roles: ['immigration-supervisor'], unit: 'IMM-LHE', username: 'immigration.supervisor' });
  await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-LHR' });
  expect(await seedScreeningDemo(env.deps)).toBeGreaterThan(0);
  expect(await seedScreeningDemo(env.deps)).toBe(0); // idempotent
}, 120_000);
afterAll(() => env.close());

describe('screening demo data', () => {
  it('seeds watchlists, encounters, off-loadees and deportees that the demo accounts see', async () => {
    const officer = await signIn(env.app, demoOfficer);
    const lists = (await as(env.app, officer).get('/api/v1/screening/watchlists')).json();
    expect(lists.map((l: { kind: string }) => l.kind)).toEqual(expect.arrayContaining(['exit-control', 'lost-stolen-documents', 'proclaimed-offenders-and-accused', 'persons-at-risk']));
    const hit = await as(env.app, officer).post('/api/v1/screening/checks', { name: 'Anyone', documentNumber: 'AB1234567' });
    expect(hit.json().hits[0].list.kind).toBe('lost-stolen-documents');
    expect((await as(env.app, officer).get('/api/v1/screening/offloadees')).json().total).toBe(5);
    expect((await as(env.app, officer).get('/api/v1/screening/deportees')).json().total).toBe(2);
  });
});
