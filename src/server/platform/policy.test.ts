import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../domain/roles.js';
import { makeUser, testEnv, unitId, type TestEnv } from '../../../test/support.js';
import { listUsers } from '../modules/admin/service.js';
import { ACTIONS, can, type Action, type UserActor } from './policy.js';

// The expected answer for every role × action, for a subject inside the actor's own unit subtree
// ("own") and one outside it ("other"). Adding an action without deciding its row here fails.
type Row = Partial<Record<Role, 'own' | 'all'>>;
const registrars: Row = Object.fromEntries(
  (['atu-investigator', 'atu-supervisor', 'helpline-operator', 'helpline-supervisor', 'shelter-staff', 'ngo-caseworker', 'immigration-officer', 'immigration-supervisor'] as const).map((r) => [r, 'own']),
);
const identity: Row = Object.fromEntries(
  (['atu-investigator', 'atu-supervisor', 'prosecutor', 'helpline-operator', 'helpline-supervisor', 'shelter-staff', 'ngo-caseworker'] as const).map((r) => [r, 'own']),
);
const EXPECTED: Record<Action, Row> = {
  'unit.read': Object.fromEntries(ROLES.map((r) => [r, 'all'])),
  'unit.create': { administrator: 'own' },
  'unit.update': { administrator: 'own' },
  'user.read': { administrator: 'own' },
  'user.create': { administrator: 'own' },
  'user.update': { administrator: 'own' },
  'audit.read': { auditor: 'all' },
  'audit.verify': { auditor: 'all', administrator: 'all' },
  'account.manageOwn': Object.fromEntries(ROLES.map((r) => [r, 'all'])),
  'person.create': registrars,
  'person.read': { ...registrars, prosecutor: 'own', 'monitoring-cell-analyst': 'all', 'national-coordinator': 'all' },
  // for a protected person (a victim): only roles that may see victim identity, in scope
  'person.readIdentity': identity,
  'person.update': { 'atu-investigator': 'own', 'atu-supervisor': 'own', 'helpline-operator': 'own', 'helpline-supervisor': 'own', 'shelter-staff': 'own', 'ngo-caseworker': 'own' },
  'person.merge': { 'atu-supervisor': 'own', 'helpline-supervisor': 'own' },
  'person.reviewDuplicates': { 'atu-supervisor': 'all', 'helpline-supervisor': 'all', 'immigration-supervisor': 'all' },
  'case.create': { 'atu-investigator': 'own', 'atu-supervisor': 'own' },
  'case.openInquiry': { 'helpline-operator': 'all', 'helpline-supervisor': 'all', 'immigration-officer': 'all', 'immigration-supervisor': 'all' },
  'case.read': { 'atu-investigator': 'own', 'atu-supervisor': 'own', prosecutor: 'own', 'monitoring-cell-analyst': 'all', 'national-coordinator': 'all' },
  'case.readIdentity': { 'atu-investigator': 'own', 'atu-supervisor': 'own', prosecutor: 'own' },
  'case.update': { 'atu-investigator': 'own', 'atu-supervisor': 'own' },
  'case.recordCourt': { 'atu-investigator': 'own', 'atu-supervisor': 'own', prosecutor: 'own' },
  'case.transfer': { 'atu-supervisor': 'own' },
  'cases.monitor': { 'monitoring-cell-analyst': 'all', 'national-coordinator': 'all', 'atu-supervisor': 'all' },
  'law.manage': { administrator: 'all' },
  'cases.alertDeadlines': {}, // the scheduler only
  'helpline.work': { 'helpline-operator': 'all', 'helpline-supervisor': 'all' },
  'helpline.readCallerIdentity': { 'helpline-operator': 'all', 'helpline-supervisor': 'all' },
  'helpline.supervise': { 'helpline-supervisor': 'all' },
  'helpline.handoff': { 'helpline-operator': 'all', 'helpline-supervisor': 'all' },
  'helpline.telephony': { 'helpline-operator': 'all', 'helpline-supervisor': 'all' },
  'helpline.readHandoff': { 'helpline-operator': 'all', 'helpline-supervisor': 'all', 'atu-investigator': 'own', 'atu-supervisor': 'own' },
  'helpline.acknowledge': { 'atu-investigator': 'own', 'atu-supervisor': 'own' },
  'helpline.stats': { 'helpline-operator': 'all', 'helpline-supervisor': 'all', 'monitoring-cell-analyst': 'all', 'national-coordinator': 'all' },
  'helpline.escalate': {}, // the scheduler only
  'referral.directory': Object.fromEntries(ROLES.map((r) => [r, 'all'])),
  'referral.updateProvider': { 'shelter-staff': 'own', 'ngo-caseworker': 'own', administrator: 'own' },
  'referral.readProviderAddress': { 'shelter-staff': 'own', 'ngo-caseworker': 'own' },
  // for a protected person: referrers who may see the victim's identity, in scope
  'referral.consent': { 'atu-investigator': 'own', 'atu-supervisor': 'own', 'helpline-operator': 'own', 'helpline-supervisor': 'own', 'shelter-staff': 'own', 'ngo-caseworker': 'own' },
  'referral.send': { 'atu-investigator': 'own', 'atu-supervisor': 'own', 'helpline-operator': 'own', 'helpline-supervisor': 'own', 'shelter-staff': 'own', 'ngo-caseworker': 'own' },
  'referral.read': { ...registrars },
  'referral.respond': { 'shelter-staff': 'own', 'ngo-caseworker': 'own' },
  'referral.withdraw': { ...registrars },
  'screening.check': { 'immigration-officer': 'own', 'immigration-supervisor': 'own' },
  'screening.readEncounter': { 'immigration-officer': 'own', 'immigration-supervisor': 'own', 'monitoring-cell-analyst': 'all', 'national-coordinator': 'all' },
  'screening.adjudicate': { 'immigration-officer': 'own', 'immigration-supervisor': 'own' },
  'screening.manifest': { 'immigration-officer': 'own', 'immigration-supervisor': 'own' },
  'screening.sop': { 'immigration-officer': 'own', 'immigration-supervisor': 'own' },
  'screening.readSop': { 'immigration-officer': 'own', 'immigration-supervisor': 'own', 'monitoring-cell-analyst': 'all', 'national-coordinator': 'all' },
  'screening.stats': { 'immigration-supervisor': 'all', 'monitoring-cell-analyst': 'all', 'national-coordinator': 'all' },
  'watchlist.read': { 'immigration-officer': 'all', 'immigration-supervisor': 'all', 'monitoring-cell-analyst': 'all', 'national-coordinator': 'all' },
  'watchlist.manage': { 'immigration-supervisor': 'own' },
  // the receiving ATU, or the post that referred
  'screening.readReferral': { 'atu-investigator': 'own', 'atu-supervisor': 'own', 'immigration-officer': 'own', 'immigration-supervisor': 'own' },
  'screening.acknowledgeReferral': { 'atu-investigator': 'own', 'atu-supervisor': 'own' },
  'screening.feed': {}, // the scheduler and the seeder only
};

const actor = (role: Role): UserActor => ({ kind: 'user', userId: 'u-1', username: 'x', displayName: 'X', unitId: 'atu', unitPath: '/root/zone/atu/', roles: [role] });
const own = { id: 'child', path: '/root/zone/atu/child/', unitPath: '/root/zone/atu/child/' };
const other = { id: 'far', path: '/root/other/', unitPath: '/root/other/' };
const subjectFor = (action: Action, s: typeof own) => {
  if ((action.startsWith('person.') && action !== 'person.create') || action === 'referral.consent' || action === 'referral.send') return { id: 'p', unitPath: s.unitPath, protected: true };
  if (['referral.read', 'referral.respond', 'referral.withdraw'].includes(action)) return { id: 'r', unitPath: s.unitPath, providerPath: s.unitPath };
  if (action === 'screening.readReferral') return { id: 'r', atuPath: s.path, fromPath: s.path };
  if (action.startsWith('case.') && action !== 'case.create') return { id: 'c', unitPath: s.unitPath, sharedWith: [] };
  if (action.startsWith('user.') && action !== 'user.create') return { id: 'someone-else', unitPath: s.unitPath };
  return { id: s.id, path: s.path };
};

describe('policy matrix', () => {
  it('has a decided row for every action, and every action has a rule', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const action of Object.keys(EXPECTED) as Action[]) {
    for (const role of ROLES) {
      const want = EXPECTED[action][role];
      it(`${role} ${want ? (want === 'all' ? 'may' : 'may, in scope,') : 'may not'} ${action}`, () => {
        const a = actor(role);
        // Subjects that are not records (null) are checked once.
        const ownSubject = subjectFor(action, own) as never;
        const otherSubject = subjectFor(action, other) as never;
        expect(can(a, action, ownSubject)).toBe(want !== undefined);
        expect(can(a, action, otherSubject)).toBe(want === 'all');
      });
    }
  }

  it('denies an action that has no rule, and a system actor that is not the administration command', () => {
    expect(can(actor('administrator'), 'no.such.action' as Action, null as never)).toBe(false);
    expect(can({ kind: 'system', name: 'scheduler' }, 'user.create', own)).toBe(false);
    expect(can({ kind: 'system', name: 'cli' }, 'user.create', own)).toBe(true);
  });

  it('an unprotected person (an accused, a traveller) shows identity to every registrar in scope', () => {
    const p = { id: 'p', unitPath: own.unitPath, protected: false };
    expect(can(actor('immigration-officer'), 'person.readIdentity', p)).toBe(true);
    expect(can(actor('immigration-officer'), 'person.readIdentity', { ...p, protected: true })).toBe(false);
    expect(can(actor('monitoring-cell-analyst'), 'person.readIdentity', p)).toBe(false);
  });

  it('a case shared with a unit is readable there (with identity for prosecutors), but not transferable from there', () => {
    const prosecutor: UserActor = { ...actor('prosecutor'), unitPath: '/root/pros/' };
    const shared = { id: 'c', unitPath: '/root/zone/atu/', sharedWith: ['/root/pros/'] };
    expect(can(prosecutor, 'case.read', shared)).toBe(true);
    expect(can(prosecutor, 'case.readIdentity', shared)).toBe(true);
    expect(can(prosecutor, 'case.recordCourt', shared)).toBe(true);
    expect(can(prosecutor, 'case.update', shared)).toBe(false);
    expect(can(prosecutor, 'case.read', { ...shared, sharedWith: [] })).toBe(false);
    const otherAtu: UserActor = { ...actor('atu-supervisor'), unitPath: '/root/zone2/atu2/' };
    expect(can(otherAtu, 'case.transfer', { ...shared, sharedWith: ['/root/zone2/atu2/'] })).toBe(false);
  });

  it('an administrator cannot change their own account through administration', () => {
    const a = actor('administrator');
    expect(can(a, 'user.update', { id: a.userId, unitPath: a.unitPath })).toBe(false);
  });
});

describe('SQL scope equals the rule', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv();
  });
  afterAll(() => env.close());

  it('a zone administrator lists exactly the users the rule lets them read', async () => {
    const units = ['ATU-LHR', 'ZONE-LHR', 'ATU-KHI', 'FIA-HQ', 'SHELTER-LHR', 'PC-LHR'];
    for (const u of units) await makeUser(env.deps, { roles: ['gazette-editor'], unit: u });
    const admin = await makeUser(env.deps, { roles: ['administrator'], unit: 'ZONE-LHR' });
    const { users } = await import('../db/schema.js');
    const { units: unitsTable } = await import('../db/schema.js');
    const { eq } = await import('drizzle-orm');
    const all = await env.deps.db.select({ id: users.id, unitPath: unitsTable.path }).from(users).innerJoin(unitsTable, eq(unitsTable.id, users.unitId));
    const zonePath = all.find((u) => u.id === admin.id)!.unitPath;
    const a: UserActor = { kind: 'user', userId: admin.id, username: admin.username, displayName: '', unitId: await unitId(env.deps, 'ZONE-LHR'), unitPath: zonePath, roles: ['administrator'] };
    const listed = await listUsers(env.deps, a, { page: 1, pageSize: 200 });
    const allowed = all.filter((u) => can(a, 'user.read', u)).map((u) => u.id).sort();
    expect(listed.items.map((u) => u.id).sort()).toEqual(allowed);
    expect(allowed.length).toBe(4); // ATU-LHR, ZONE-LHR, PC-LHR users + the admin
  });
});
