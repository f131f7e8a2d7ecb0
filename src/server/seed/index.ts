// Reference data every install needs (the unit tree), and the deterministic synthetic demo data
// (`npm run seed -- --scale N`; on first start of an embedded install). Grows with each module.
import { count } from 'drizzle-orm';
import type { Role } from '../../domain/roles.js';
import { units, users } from '../db/schema.js';
import type { Deps } from '../platform/http.js';
import type { SystemActor } from '../platform/policy.js';
import { createUnit, createUser, findUnitByCode } from '../modules/admin/service.js';
import { UNIT_TREE, type UnitSeed } from './units.js';

const SEED: SystemActor = { kind: 'system', name: 'seed' };

/** Creates the unit tree when the database has no units yet. Returns how many were created. */
export async function ensureReferenceData(deps: Deps): Promise<number> {
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

/** A small deterministic PRNG (mulberry32), so `--scale N` always creates the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedResult {
  units: number;
  users: number;
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
  const rand = prng(20261201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const atus = (await deps.db.select({ code: units.code, kind: units.kind }).from(units)).filter((u) => u.kind === 'atu').map((u) => u.code).sort();
  for (const atu of atus) {
    for (let i = 1; i <= opts.scale; i++) {
      const username = `${atu.toLowerCase().replace('atu-', '')}.io${i}`;
      await add({ username, displayName: `${pick(FIRST)} ${pick(LAST)}`, unit: atu, roles: [i % 5 === 0 ? 'atu-supervisor' : 'atu-investigator'] });
    }
  }
  return { units: createdUnits, users: createdUsers };
}
