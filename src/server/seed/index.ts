// Reference data every install needs (the unit tree), and the deterministic synthetic demo data
// (`npm run seed -- --scale N`; on first start of an embedded install). Grows with each module.
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { syntheticPeople, seededRandom } from '../../../bench/synthetic-names.js';
import type { Role } from '../../domain/roles.js';
import { persons, units, users } from '../db/schema.js';
import type { Deps } from '../platform/http.js';
import type { SystemActor } from '../platform/policy.js';
import { createUnit, createUser, findUnitByCode } from '../modules/admin/service.js';
import { ensureLawCatalogue } from '../modules/cases/service.js';
import { seedCases } from './cases.js';
import { createPerson } from '../modules/persons/service.js';
import { seedHelplineDemo } from '../modules/helpline/seed.js';
import { seedScreeningDemo } from '../modules/screening/seed.js';
import { loadUser } from '../platform/auth.js';
import { UNIT_TREE, type UnitSeed } from './units.js';

const SEED: SystemActor = { kind: 'system', name: 'seed' };

/** Creates the unit tree when the database has no units yet. Returns how many were created. */
export async function ensureReferenceData(deps: Deps): Promise<number> {
  await ensureLawCatalogue(deps.db);
  const [row] = await deps.db.select({ n: count() }).from(units);
  if ((row?.n ?? 0) > 0) return 0;
  let created = 0;
  const walk = async (node: UnitSeed, parentId: string | null) => {
    const { children, ...fields } = node;
    const unit = await createUnit(deps, SEED, { ...fields, parentId });
    created += 1;
    for (const child of children ?? []) await walk(child, unit.id);
  };
  await walk(UNIT_TREE, null);
  return created;
}

/** True when the demo accounts exist (an install seeded with demo data). */
export async function hasDemoAccounts(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select({ n: count() }).from(users).where(sql`${users.username} IN ('admin', 'auditor', 'analyst')`);
  return (row?.n ?? 0) === 3;
}

/** The password every demo account shares; printed on start, never used outside a demo. */
export const DEMO_PASSWORD = 'Hifazat-demo-2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  unit: string;
  roles: Role[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: 'Ayesha Siddiqui', unit: 'NATIONAL', roles: ['administrator'] },
  { username: 'coordinator', displayName: 'Tariq Mehmood', unit: 'MOI-NC', roles: ['national-coordinator'] },
  { username: 'analyst', displayName: 'Sana Qureshi', unit: 'ATU-CMC', roles: ['monitoring-cell-analyst'] },
  { username: 'investigator', displayName: 'Inspector Imran Butt', unit: 'ATU-LHR', roles: ['atu-investigator'] },
  { username: 'investigator.khi', displayName: 'Inspector Farah Memon', unit: 'ATU-KHI', roles: ['atu-investigator'] },
  { username: 'supervisor', displayName: 'Deputy Director Naveed Akhtar', unit: 'ATU-LHR', roles: ['atu-supervisor'] },
  { username: 'prosecutor', displayName: 'Rabia Anwar', unit: 'PROS-PUNJAB', roles: ['prosecutor'] },
  { username: 'operator', displayName: 'Hina Baloch', unit: 'HELPLINE', roles: ['helpline-operator'] },
  { username: 'helpline.supervisor', displayName: 'Kamran Yousafzai', unit: 'HELPLINE', roles: ['helpline-supervisor'] },
  { username: 'shelter', displayName: 'Nasreen Akhtar', unit: 'SHELTER-LHR', roles: ['shelter-staff'] },
  { username: 'ngo', displayName: 'Saima Rizvi', unit: 'NGO-LEGAL', roles: ['ngo-caseworker'] },
  { username: 'immigration', displayName: 'Asad Khattak', unit: 'IMM-LHE', roles: ['immigration-officer'] },
  { username: 'immigration.supervisor', displayName: 'Shazia Malik', unit: 'IMM-LHE', roles: ['immigration-supervisor'] },
  { username: 'ministry', displayName: 'Junaid Chaudhry', unit: 'BEOE', roles: ['ministry-focal-point'] },
  { username: 'gazette', displayName: 'Mehreen Shah', unit: 'ATU-CMC', roles: ['gazette-editor'] },
  { username: 'auditor', displayName: 'Zubair Hassan', unit: 'MOI', roles: ['auditor'] },
];

const FIRST = ['Muhammad', 'Ali', 'Hassan', 'Usman', 'Bilal', 'Faisal', 'Imran', 'Kashif', 'Saima', 'Nadia', 'Fatima', 'Amna', 'Zainab', 'Rashid', 'Shahid', 'Asma', 'Sadia', 'Waqas', 'Adeel', 'Mehwish'];
const LAST = ['Khan', 'Butt', 'Chaudhry', 'Malik', 'Qureshi', 'Siddiqui', 'Baloch', 'Memon', 'Awan', 'Rajput', 'Shah', 'Abbasi', 'Gondal', 'Khattak', 'Tareen', 'Jatoi', 'Bhatti', 'Mirza'];

export interface SeedResult {
  units: number;
  users: number;
  persons: number;
  cases: number;
}

/**
 * Demo data: the reference tree, one account per role, and `scale` extra investigators per ATU.
 * Idempotent: accounts that exist are left alone.
 */
export async function seedDemo(deps: Deps, opts: { scale: number }): Promise<SeedResult> {
  const createdUnits = await ensureReferenceData(deps);
  let createdUsers = 0;
  const existing = new Set((await deps.db.select({ u: users.username }).from(users)).map((r) => r.u));
  const add = async (a: DemoAccount) => {
    if (existing.has(a.username)) return;
    const unit = await findUnitByCode(deps.db, a.unit);
    if (!unit) throw new Error(`demo unit ${a.unit} is missing`);
    await createUser(deps, SEED, { username: a.username, displayName: a.displayName, unitId: unit.id, roles: a.roles, password: DEMO_PASSWORD });
    existing.add(a.username);
    createdUsers += 1;
  };
  for (const a of DEMO_ACCOUNTS) await add(a);
  const rand = seededRandom(20261201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const atus = (await deps.db.select({ code: units.code, kind: units.kind }).from(units)).filter((u) => u.kind === 'atu').map((u) => u.code).sort();
  for (const atu of atus) {
    for (let i = 1; i <= opts.scale; i++) {
      const username = `${atu.toLowerCase().replace('atu-', '')}.io${i}`;
      await add({ username, displayName: `${pick(FIRST)} ${pick(LAST)}`, unit: atu, roles: [i % 5 === 0 ? 'atu-supervisor' : 'atu-investigator'] });
    }
  }
  const createdPersons = await seedPersons(deps, opts.scale);
  const createdCases = await seedCases(deps, 20 * opts.scale);
  await seedHelplineDemo(deps);
  await seedScreeningDemo(deps);
  return { units: createdUnits, users: createdUsers, persons: createdPersons, cases: createdCases };
}

const DISTRICTS: Record<string, string[]> = {
  Punjab: ['Lahore', 'Gujranwala', 'Sialkot', 'Faisalabad', 'Multan', 'Mandi Bahauddin', 'Gujrat', 'Rahim Yar Khan'],
  Sindh: ['Karachi', 'Hyderabad', 'Sukkur', 'Larkana', 'Thatta'],
  'Khyber Pakhtunkhwa': ['Peshawar', 'Kohat', 'Swat', 'Mardan', 'Dera Ismail Khan'],
  Balochistan: ['Quetta', 'Kech', 'Gwadar', 'Chagai'],
  'Islamabad Capital Territory': ['Islamabad'],
  'Gilgit-Baltistan': ['Gilgit', 'Skardu'],
};

/**
 * People registered by each ATU's investigators: 10 × scale per ATU, of whom one in ten is
 * registered a second time under another spelling (the review queue then has work in it).
 */
async function seedPersons(deps: Deps, scale: number): Promise<number> {
  const [existing] = await deps.db.select({ n: count() }).from(persons);
  if ((existing?.n ?? 0) > 0 || scale === 0) return 0;
  const rand = seededRandom(1201);
  const atus = await deps.db
    .select({ id: units.id, province: units.province })
    .from(units)
    .where(eq(units.kind, 'atu'))
    .orderBy(asc(units.code));
  let created = 0;
  let k = 0;
  for (const atu of atus) {
    const [io] = await deps.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.unitId, atu.id), sql`'atu-investigator' = ANY(${users.roles})`))
      .orderBy(asc(users.username))
      .limit(1);
    if (!io) continue;
    const actor = (await loadUser(deps.db, io.id))!.actor;
    const people = [...syntheticPeople(10 * scale, 7000 + k++)];
    for (const [i, p] of people.entries()) {
      const districts = DISTRICTS[atu.province ?? 'Punjab'] ?? DISTRICTS.Punjab!;
      const district = districts[Math.floor(rand() * districts.length)]!;
      const cnic = `${'3456'[Math.floor(rand() * 4)]}${String(Math.floor(rand() * 1e11)).padStart(11, '0')}${p.sex === 'M' ? 1 + 2 * Math.floor(rand() * 5) : 2 * Math.floor(rand() * 5)}`;
      const identity = {
        name: p.name,
        aliases: [],
        dob: p.dob,
        ...(rand() < 0.7 ? { cnic } : {}),
        passports: rand() < 0.4 ? [{ number: `${'ABCDEFGH'[Math.floor(rand() * 8)]}${'ABCDEFGH'[Math.floor(rand() * 8)]}${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`, country: 'PAK' }] : [],
        phones: rand() < 0.6 ? [`03${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`] : [],
        addresses: [{ line: `Mohalla ${1 + Math.floor(rand() * 40)}`, district }],
      };
      await createPerson(deps, actor, { identity, sex: p.sex, nationality: 'PAK', protected: rand() < 0.6 }, {}, 'seed');
      created += 1;
      if (i % 10 === 3) {
        // the same person met again, written down differently
        const variant = p.name.replace(/^Muhammad /, 'M. ').replace(/Yousaf/, 'Yusuf').replace(/Hussain/, 'Husain').replace(/Khan$/, 'Khan Niazi');
        await createPerson(deps, actor, { identity: { ...identity, name: variant, addresses: [] }, sex: p.sex, nationality: 'PAK' }, {}, 'seed');
        created += 1;
      }
    }
  }
  return created;
}
