/**
 * The cases module at national scale (a benchmark, not a test): `npm run bench:cases [-- --quick]
 * [--cases N] [--reg-seconds S] [--workers W] [--no-fixes] [--keep]`.
 * Generates N cases (default 1,000,000; --quick 50,000) and 3N persons in a throwaway PostgreSQL 15
 * cluster (or a fresh database on DATABASE_URL's server), loads the person RegistryIndex from them
 * as the server does on start, then measures through the real service functions (not HTTP):
 * getCase, listCases (investigator and Monitoring Cell analyst), the monitoring dashboard and
 * registerCase with three new people under concurrency — each against the same work as raw SQL.
 * A second run with the extra indexes suggested in the report follows (unless --no-fixes).
 * Prints a table and writes bench/results/cases.json.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import pg from 'pg';
import { startCluster, type Cluster } from '../scripts/pg-cluster.js';
import type { Role } from '../src/domain/roles.js';
import { createDeps } from '../src/server/bootstrap.js';
import { getCase, listCases, registerCase, type CaseInput, type RegisterQuery } from '../src/server/modules/cases/service.js';
import { loadConfig } from '../src/server/platform/config.js';
import { FieldCipher } from '../src/server/platform/crypto.js';
import { openDatabase } from '../src/server/platform/db.js';
import type { Deps } from '../src/server/platform/http.js';
import type { UserActor } from '../src/server/platform/policy.js';
import { ensureReferenceData } from '../src/server/seed/index.js';
import { generate, slotTable, unitIdxOf, uuidOf, type Atu } from './cases-data.js';
import { seededRandom, syntheticPeople } from './synthetic-names.js';

// ---- arguments, and a larger heap for 3M persons in the RegistryIndex --------------------------

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = args.includes('--quick');
const N_CASES = Number(arg('--cases')) || (QUICK ? 50_000 : 1_000_000);
const REG_SECONDS = Number(arg('--reg-seconds')) || 20;
const WORKERS = Number(arg('--workers')) || 3;
const FIXES = !args.includes('--no-fixes');
const CASE_PAGE_CALLS = Number(arg('--page-calls')) || 500;
const LIST_CALLS = Number(arg('--list-calls')) || (QUICK ? 15 : 25);

if (v8.getHeapStatistics().heap_size_limit < 8e9 && !process.env.HZ_BENCH_CHILD) {
  // The server would be started with a heap sized for the registry; so is the benchmark.
  const r = spawnSync(process.execPath, ['--max-old-space-size=14336', '--expose-gc', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, HZ_BENCH_CHILD: '1' } });
  process.exit(r.status ?? 1);
}

const log = (s: string): void => console.log(s);
const mb = (b: number): number => Math.round(b / 1048576);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

// ---- statistics ----------------------------------------------------------------------------

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
function stats(times: number[]): Stats {
  const s = [...times].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99) };
}
async function measure(n: number, warm: number, f: (i: number) => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < warm; i++) await f(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f(i + warm);
    times.push(performance.now() - t);
  }
  return stats(times);
}

interface Row {
  run: string;
  what: string;
  actor: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  rawP95: number | null;
  ratio: number | null;
  target: string;
  met: boolean | null;
  /** 1-minute load average when the row was measured (other work on this machine shows here). */
  load1: number;
}
const rows: Row[] = [];
function record(run: string, what: string, actor: string, s: Stats, raw: Stats | null, targetMs: number | null): Row {
  const row: Row = {
    run,
    what,
    actor,
    n: s.n,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    rawP95: raw?.p95 ?? null,
    ratio: raw && raw.p95 > 0 ? s.p95 / raw.p95 : null,
    target: targetMs === null ? '' : `p95 < ${targetMs} ms`,
    met: targetMs === null ? null : s.p95 < targetMs,
    load1: os.loadavg()[0] ?? 0,
  };
  rows.push(row);
  log(`  ${what.padEnd(44)} ${actor.padEnd(12)} p50 ${s.p50.toFixed(1).padStart(7)}  p95 ${s.p95.toFixed(1).padStart(7)}  p99 ${s.p99.toFixed(1).padStart(7)} ms${raw ? `   raw p95 ${raw.p95.toFixed(1).padStart(7)}  ×${(row.ratio ?? 0).toFixed(2)}` : ''}${row.met === false ? '   MISSED' : ''}`);
  return row;
}

// ---- the database --------------------------------------------------------------------------

const held: { cluster: Cluster | null; dropDb: (() => Promise<void>) | null } = { cluster: null, dropDb: null };
async function databaseUrl(): Promise<string> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    held.cluster = await startCluster({ sharedBuffers: '2GB' });
    return held.cluster.url;
  }
  // Never fill a database someone uses: a fresh one on the same server, dropped at the end.
  const name = `hz_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  held.dropDb = async () => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}

const today = (): string => new Date().toISOString().slice(0, 10);

// ---- raw SQL equivalents -------------------------------------------------------------------

/** The case page as hand-written SQL: the same rows, the same round trips, no decryption or audit. */
async function rawCasePage(pool: pg.Pool, id: string): Promise<void> {
  const c = await pool.query(
    `SELECT c.id, c.ref, c.unit_id, u.name, u.path, c.title, c.narrative, c.stage, c.stage_since, c.closure_reason, c.statute, c.category, c.source, c.received_on,
            c.fir_number, c.fir_date, c.police_station, c.challan_date, c.court, c.officer_id, c.prosecutor_id, c.next_hearing, c.version, c.created_at, c.updated_at
     FROM cases c JOIN units u ON u.id = c.unit_id WHERE c.id = $1`,
    [id],
  );
  const row = c.rows[0] as { officer_id: string | null } | undefined;
  if (!row) throw new Error('case not found');
  await pool.query('SELECT u.path FROM case_shares s JOIN units u ON u.id = s.unit_id WHERE s.case_id = $1 AND s.revoked_at IS NULL', [id]);
  const [parties] = await Promise.all([
    pool.query('SELECT * FROM case_parties WHERE case_id = $1 ORDER BY created_at', [id]),
    pool.query('SELECT cc.id, cc.party_id, cc.offence, o.title, o.title_ur, o.category FROM case_charges cc JOIN offences o ON o.code = cc.offence WHERE cc.case_id = $1', [id]),
    pool.query('SELECT * FROM case_stage_events WHERE case_id = $1 ORDER BY recorded_at', [id]),
    pool.query('SELECT * FROM case_deadlines WHERE case_id = $1 ORDER BY due', [id]),
    pool.query('SELECT * FROM case_tasks WHERE case_id = $1 ORDER BY due', [id]),
    pool.query('SELECT s.id, s.unit_id, u.name, s.purpose, s.shared_at FROM case_shares s JOIN units u ON u.id = s.unit_id WHERE s.case_id = $1 AND s.revoked_at IS NULL', [id]),
    pool.query('SELECT * FROM case_entities WHERE case_id = $1', [id]),
    row.officer_id ? pool.query('SELECT id, display_name FROM users WHERE id = $1', [row.officer_id]) : Promise.resolve(null),
  ]);
  const ids = [...new Set(parties.rows.map((p: { person_id: string }) => p.person_id))];
  await pool.query('SELECT p.*, u.name, u.path FROM persons p JOIN units u ON u.id = p.unit_id WHERE p.id = ANY($1::uuid[])', [ids]);
}

type Combo = { label: string; q: Omit<RegisterQuery, 'page' | 'pageSize'> };

/** The register's WHERE clause as plain SQL (the same conditions registerConditions builds). */
function rawWhere(actor: UserActor, national: boolean, q: Combo['q'], params: unknown[], rewriteScope = false): string {
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const c: string[] = [];
  if (!national && rewriteScope) {
    // The suggested scope: the ATU's unit ids and the shared case ids as arrays (index-usable, BitmapOr).
    const up = p(actor.unitPath);
    c.push(`(c.unit_id = ANY (ARRAY(SELECT id FROM units WHERE starts_with(path, ${up})))
      OR c.id = ANY (ARRAY(SELECT s.case_id FROM case_shares s JOIN units su ON su.id = s.unit_id WHERE s.revoked_at IS NULL AND starts_with(${up}, su.path))))`);
  } else if (!national) {
    const up = p(actor.unitPath);
    c.push(`(starts_with(u.path, ${up}) OR EXISTS (SELECT 1 FROM case_shares s JOIN units su ON su.id = s.unit_id WHERE s.case_id = c.id AND s.revoked_at IS NULL AND starts_with(${up}, su.path)))`);
  }
  if (q.stage) c.push(`c.stage = ${p(q.stage)}`);
  if (q.statute) c.push(`c.statute = ${p(q.statute)}`);
  if (q.category) c.push(`c.category = ${p(q.category)}`);
  if (q.offence) c.push(`EXISTS (SELECT 1 FROM case_charges cc WHERE cc.case_id = c.id AND cc.offence = ${p(q.offence)})`);
  if (q.minAgeDays) c.push(`c.received_on < to_char(current_date - ${p(q.minAgeDays)}::int, 'YYYY-MM-DD')`);
  if (q.overdue) c.push(`EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = c.id AND d.due < to_char(current_date, 'YYYY-MM-DD'))`);
  if (q.mine) c.push(`c.officer_id = ${p(actor.userId)}`);
  if (q.q) {
    const t = p(q.q);
    const like = p(`%${q.q.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`);
    // c.search: title, narrative and diary notes in one stored vector (migration 0009).
    c.push(`(c.search @@ plainto_tsquery('simple', ${t}) OR c.ref ILIKE ${like})`);
  }
  return c.length ? c.join(' AND ') : 'true';
}

function rawRegisterSql(actor: UserActor, national: boolean, q: Combo['q'], page: number, rewriteScope = false): { items: [string, unknown[]]; count: [string, unknown[]] } {
  const p1: unknown[] = [];
  const w1 = rawWhere(actor, national, q, p1, rewriteScope);
  const order = q.sort === 'updated' ? 'c.updated_at DESC' : q.sort === 'stage-age' ? 'c.stage_since ASC' : 'c.received_on DESC';
  const items = `SELECT c.id, c.ref, c.title, c.unit_id, u.name, c.stage, c.stage_since, c.statute, c.category, c.received_on, c.fir_number, c.next_hearing, c.updated_at,
      EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = c.id AND d.due < to_char(current_date, 'YYYY-MM-DD')) AS overdue
    FROM cases c JOIN units u ON u.id = c.unit_id WHERE ${w1} ORDER BY ${order}, c.id DESC LIMIT 25 OFFSET ${(page - 1) * 25}`;
  const p2: unknown[] = [];
  const w2 = rawWhere(actor, national, q, p2, rewriteScope);
  return { items: [items, p1], count: [`SELECT count(*) FROM cases c JOIN units u ON u.id = c.unit_id WHERE ${w2}`, p2] };
}

async function rawRegister(pool: pg.Pool, actor: UserActor, national: boolean, q: Combo['q'], page: number, rewriteScope = false): Promise<void> {
  const s = rawRegisterSql(actor, national, q, page, rewriteScope);
  await Promise.all([pool.query(s.items[0], s.items[1]), pool.query(s.count[0], s.count[1])]);
}

/** The dashboard's aggregates as plain SQL, national scope, side by side on the pool. */
const DASHBOARD_SQL: Array<[string, string]> = (() => {
  const since = (() => {
    const d = new Date();
    d.setUTCMonth(d.getUTCMonth() - 11, 1);
    return `${d.toISOString().slice(0, 7)}-01`;
  })();
  const from = 'FROM cases c JOIN units u ON u.id = c.unit_id WHERE true';
  return [
    ['ageing by stage', `SELECT stage, bucket, count(*) FROM (SELECT c.stage, CASE WHEN current_date - c.stage_since::date <= 30 THEN '0-30' WHEN current_date - c.stage_since::date <= 90 THEN '31-90'
      WHEN current_date - c.stage_since::date <= 180 THEN '91-180' WHEN current_date - c.stage_since::date <= 365 THEN '181-365' ELSE '>365' END AS bucket ${from}) x GROUP BY 1, 2`],
    ['by ATU × category', `SELECT c.unit_id, u.name, count(*), count(*) FILTER (WHERE c.category = 'trafficking'), count(*) FILTER (WHERE c.category = 'smuggling'),
      count(*) FILTER (WHERE c.category = 'both'), count(*) FILTER (WHERE c.category = 'other') ${from} GROUP BY 1, 2 ORDER BY 2`],
    ['by statute', `SELECT c.statute, count(*) ${from} GROUP BY 1 ORDER BY 1`],
    ['new cases by month', `SELECT substr(c.received_on, 1, 7), count(*) ${from} AND c.received_on >= '${since}' GROUP BY 1`],
    ['FIRs by month', `SELECT substr(c.fir_date, 1, 7), count(*) ${from} AND c.fir_date >= '${since}' GROUP BY 1`],
    ['judgments (grouping sets)', `SELECT GROUPING(c.unit_id), GROUPING(j.court), c.unit_id, j.court, c.statute, count(*) FILTER (WHERE j.outcome = 'convicted'),
      count(*) FILTER (WHERE j.outcome = 'acquitted'), count(*) FILTER (WHERE j.outcome = 'discharged')
      FROM judgments j JOIN cases c ON c.id = j.case_id JOIN units u ON u.id = c.unit_id GROUP BY GROUPING SETS ((c.unit_id), (j.court), (c.statute))`],
    ['adjournments by court', `SELECT h.court, count(*), count(*) FILTER (WHERE h.adjourned) FROM hearings h JOIN cases c ON c.id = h.case_id JOIN units u ON u.id = c.unit_id GROUP BY 1 ORDER BY 3 DESC, 1`],
    ['most adjourned cases', `SELECT c.id, c.ref, u.name, c.stage, c.court, count(*) FROM hearings h JOIN cases c ON c.id = h.case_id JOIN units u ON u.id = c.unit_id
      WHERE h.adjourned GROUP BY 1, 2, 3, 4, 5 ORDER BY 6 DESC, 2 LIMIT 20`],
    ['overdue deadlines by kind', `SELECT d.kind, count(*) FROM case_deadlines d JOIN cases c ON c.id = d.case_id JOIN units u ON u.id = c.unit_id
      WHERE d.due < to_char(current_date, 'YYYY-MM-DD') GROUP BY 1 ORDER BY 1`],
  ];
})();

// ---- registration --------------------------------------------------------------------------

interface Throughput {
  total: number;
  seconds: number;
  perSecond: number;
  minSecond: number;
  medianSecond: number;
  latency: Stats;
  errors: number;
  firstError: string | null;
}

async function sustained(workers: number, seconds: number, one: (worker: number, i: number) => Promise<void>): Promise<Throughput> {
  const start = performance.now();
  const end = start + seconds * 1000;
  const done: number[] = [];
  const lat: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        try {
          await one(w, i);
          done.push(performance.now() - start);
          lat.push(performance.now() - t);
        } catch (e) {
          errors += 1;
          firstError ??= e instanceof Error ? e.message : String(e);
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const buckets = new Array<number>(Math.floor(seconds)).fill(0);
  for (const d of done) {
    const b = Math.floor(d / 1000);
    if (b < buckets.length) buckets[b] = (buckets[b] ?? 0) + 1;
  }
  const sorted = [...buckets].sort((a, b) => a - b);
  return { total: done.length, seconds: elapsed, perSecond: done.length / elapsed, minSecond: sorted[0] ?? 0, medianSecond: pct(sorted, 50), latency: stats(lat), errors, firstError };
}

function newPeople(seed: number) {
  const gen = syntheticPeople(10_000_000, seed);
  return () => gen.next().value as { name: string; sex: 'M' | 'F'; dob: string };
}

function caseInput(next: () => { name: string; sex: 'M' | 'F'; dob: string }, i: number): CaseInput {
  const d = today();
  const person = (role: string) => {
    const p = next();
    const cnicOk = i % 2 === 0;
    return {
      identity: {
        name: p.name,
        aliases: [],
        dob: p.dob,
        ...(cnicOk ? { cnic: `61101-${String(9_000_000 + ((i * 3 + role.length) % 999_999)).slice(-7)}-${p.sex === 'M' ? 1 : 2}` } : {}),
        passports: [],
        phones: [`0300${String(1_000_000 + (i % 8_999_999)).slice(-7)}`],
        addresses: [{ line: `House ${i % 500}, Street 4`, district: 'Lahore', province: 'Punjab' }],
      },
      sex: p.sex,
    };
  };
  return {
    title: 'Forced labour — Dubai',
    narrative: 'Victim recruited through a false job offer by a sub-agent; passport withheld on arrival.',
    statute: 'PTPA-2018',
    source: 'helpline',
    receivedOn: d,
    stage: 'fir',
    firNumber: `${i}/2026`,
    firDate: d,
    policeStation: 'FIA AHTC Lahore',
    parties: [
      { role: 'victim', person: person('victim'), exploitation: ['forced-labour'], meansOfControl: ['false-promises'] },
      { role: 'accused', person: person('accused'), charges: ['PTPA-2018-s3'], arrestedOn: d, remandUntil: d },
      { role: 'accused', person: person('accused2'), charges: ['PTPA-2018-s3', 'PPC-420'] },
    ],
  };
}

/** Registration as plain INSERTs in one transaction: no audit, no encryption, no screening. */
async function rawRegistration(pool: pg.Pool, actor: UserActor, input: CaseInput): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const year = input.receivedOn.slice(0, 4);
    const r = await c.query(
      `INSERT INTO case_ref_counters (unit_id, year, last) VALUES ($1, $2, 1) ON CONFLICT (unit_id, year) DO UPDATE SET last = case_ref_counters.last + 1 RETURNING last`,
      [actor.unitId, `R${year}`],
    );
    const id = crypto.randomUUID();
    await c.query(
      `INSERT INTO cases (id, ref, unit_id, title, narrative, stage, stage_since, statute, category, source, received_on, fir_number, fir_date, police_station, officer_id, created_by)
       VALUES ($1, $2, $3, $4, $5, 'fir', $6, $7, 'trafficking', $8, $6, $9, $6, $10, $11, $11)`,
      [id, `RAW-${actor.unitId.slice(0, 8)}/${year}/${String((r.rows[0] as { last: number }).last).padStart(6, '0')}`, actor.unitId, input.title, input.narrative, input.receivedOn, input.statute, input.source, input.firNumber, input.policeStation, actor.userId],
    );
    await c.query(`INSERT INTO case_stage_events (case_id, to_stage, on_date, note, recorded_by) VALUES ($1, 'fir', $2, 'registered', $3)`, [id, input.receivedOn, actor.userId]);
    for (const party of input.parties) {
      const pid = crypto.randomUUID();
      await c.query(`INSERT INTO persons (id, ref, unit_id, protected, sex, birth_year, nationality, identity, created_by) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8)`, [
        pid,
        `R-${pid.slice(0, 13)}`,
        actor.unitId,
        party.role !== 'accused',
        party.person?.sex ?? null,
        Number(party.person?.identity.dob?.slice(0, 4)) || null,
        JSON.stringify(party.person?.identity),
        actor.userId,
      ]);
      const pa = await c.query(`INSERT INTO case_parties (case_id, person_id, role, arrested_on, remand_until) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [id, pid, party.role, party.arrestedOn ?? null, party.remandUntil ?? null]);
      for (const off of party.charges ?? []) await c.query('INSERT INTO case_charges (case_id, party_id, offence) VALUES ($1, $2, $3)', [id, (pa.rows[0] as { id: string }).id, off]);
    }
    await c.query(
      `INSERT INTO case_deadlines (case_id, kind, due, basis, basis_ur) VALUES ($1, 's173-report', to_char($2::date + 14, 'YYYY-MM-DD'), 'Report under s.173', 'رپورٹ'),
         ($1, 's173-interim-report', to_char($2::date + 17, 'YYYY-MM-DD'), 'Interim report under s.173', 'عبوری رپورٹ')`,
      [id, input.receivedOn],
    );
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}

// ---- the run -------------------------------------------------------------------------------

/** Extra indexes tried in the second run (created only in this throwaway database). */
const EXTRA_INDEXES: Array<{ sql: string; why: string }> = [
  { sql: 'CREATE INDEX bench_cases_unit_received_idx ON cases (unit_id, received_on DESC, id DESC)', why: "an ATU's register, newest first, without sorting the ATU's cases" },
  { sql: 'CREATE INDEX bench_cases_received_id_idx ON cases (received_on DESC, id DESC)', why: 'the national register, newest first (ORDER BY received_on DESC, id DESC LIMIT 25)' },
  { sql: 'CREATE INDEX bench_case_deadlines_case_due_idx ON case_deadlines (case_id, due)', why: 'overdue flag / filter per case (EXISTS … case_id = ? AND due < today)' },
  { sql: 'CREATE INDEX bench_case_charges_offence_idx ON case_charges (offence, case_id)', why: 'offence filter (EXISTS … case_id = ? AND offence = ?)' },
  { sql: 'CREATE INDEX bench_cases_ref_trgm_idx ON cases USING gin (ref gin_trgm_ops)', why: "free-text q: ref ILIKE '%…%'" },
];

async function main(): Promise<void> {
  const t0 = performance.now();
  log(`bench:cases — ${N_CASES.toLocaleString()} cases, ${(N_CASES * 3).toLocaleString()} persons; nproc ${os.cpus().length}; heap limit ${mb(v8.getHeapStatistics().heap_size_limit)} MB`);
  const url = await databaseUrl();
  const database = await openDatabase({ databaseUrl: url });
  const config = { ...loadConfig({ NODE_ENV: 'test' }), loginPerMinute: 1e6, apiPerMinute: 1e6 };
  const cipher = new FieldCipher([{ id: 'bench1', key: crypto.randomBytes(32) }], crypto.randomBytes(32));
  const deps: Deps = await createDeps(database, cipher, config, 'bench');
  await ensureReferenceData(deps);
  const raw = new pg.Pool({ connectionString: url, max: 10 });
  raw.on('error', () => undefined);
  const server = (await raw.query<{ v: string; sb: string }>(`SELECT version() AS v, current_setting('shared_buffers') AS sb`)).rows[0];
  log(`PostgreSQL: ${server?.v.split(' on ')[0]}, shared_buffers ${server?.sb}${held.cluster ? ' (throwaway cluster, fsync=off, synchronous_commit=off)' : ''}`);

  // Users: investigators and a supervisor per ATU, an analyst in the Monitoring Cell (precomputed hash).
  const { hash } = await import('@node-rs/argon2');
  const pw = await hash('bench-password-not-used');
  const units = (await raw.query<{ id: string; code: string; path: string; kind: string }>(`SELECT id, code, path, kind FROM units ORDER BY code`)).rows;
  const atuUnits = units.filter((u) => u.kind === 'atu');
  const addUser = async (unitId: string, username: string, roles: Role[]): Promise<string> =>
    (await raw.query<{ id: string }>(`INSERT INTO users (username, display_name, unit_id, roles, password_hash) VALUES ($1, $1, $2, $3, $4) RETURNING id`, [username, unitId, roles, pw])).rows[0]!.id;
  const atus: Atu[] = [];
  for (const u of atuUnits) {
    const investigators: string[] = [];
    for (let k = 0; k < 5; k++) investigators.push(await addUser(u.id, `${u.code.toLowerCase()}-io${k}`, ['atu-investigator']));
    atus.push({ id: u.id, code: u.code, path: u.path, investigators, supervisor: await addUser(u.id, `${u.code.toLowerCase()}-sup`, ['atu-supervisor']) });
  }
  const cmc = units.find((u) => u.code === 'ATU-CMC')!;
  const analyst: UserActor = { kind: 'user', userId: await addUser(cmc.id, 'cell-analyst', ['monitoring-cell-analyst']), username: 'cell-analyst', displayName: 'analyst', unitId: cmc.id, unitPath: cmc.path, roles: ['monitoring-cell-analyst'] };
  const investigatorOf = (i: number, k = 0): UserActor => {
    const a = atus[i]!;
    return { kind: 'user', userId: a.investigators[k % a.investigators.length]!, username: `${a.code.toLowerCase()}-io${k}`, displayName: 'io', unitId: a.id, unitPath: a.path, roles: ['atu-investigator'] };
  };
  log(`${atus.length} ATUs (${atus.map((a) => a.code).join(', ')}), ${atus.length * 6 + 1} users`);

  // ---- generation
  log('\nGenerating (set-based SQL; persons encrypted in Node):');
  const tg = performance.now();
  const gen = await generate(raw, cipher, N_CASES, atus, log);
  const genSeconds = (performance.now() - tg) / 1000;
  const sizes = (await raw.query<{ t: string; rows: string; size: string }>(
    `SELECT relname AS t, reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND reltuples > 0 ORDER BY pg_total_relation_size(c.oid) DESC`,
  )).rows;
  const dbSize = (await raw.query<{ s: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS s')).rows[0]?.s;
  log(`generation ${genSeconds.toFixed(0)} s; database ${dbSize}`);
  for (const s of sizes) log(`  ${s.t.padEnd(22)} ${Number(s.rows).toLocaleString().padStart(12)} rows  ${s.size}`);

  // ---- the registry index, built from every person as on start
  gc();
  const m0 = process.memoryUsage();
  const tr = performance.now();
  let registryNote = '';
  try {
    await deps.registry.load(deps.db, cipher);
  } catch (e) {
    registryNote = `RegistryIndex.load failed: ${e instanceof Error ? e.message : String(e)}; registrations run with the index as it is`;
    log(registryNote);
  }
  const registrySeconds = (performance.now() - tr) / 1000;
  const mPeak = process.memoryUsage();
  gc();
  const m1 = process.memoryUsage();
  const registry = { entries: deps.registry.size, buildSeconds: registrySeconds, heapMB: mb(m1.heapUsed - m0.heapUsed), rssMB: mb(m1.rss), rssAfterLoadBeforeGcMB: mb(mPeak.rss), note: registryNote };
  log(`RegistryIndex: ${registry.entries.toLocaleString()} persons in ${registrySeconds.toFixed(1)} s; heap +${registry.heapMB} MB, RSS ${registry.rssMB} MB (${registry.rssAfterLoadBeforeGcMB} MB before GC)`);

  const slots = slotTable(atus.length);
  const biggest = [...atus.keys()].sort((a, b) => slots.filter((s) => s === b).length - slots.filter((s) => s === a).length)[0] ?? 0;
  const io = investigatorOf(biggest);
  const monitoringPath = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../src/server/modules/cases/monitoring.ts');
  type DashboardFn = (deps: Deps, actor: UserActor, f: Record<string, never>, source?: 'live' | 'summaries') => Promise<unknown>;
  let dashboardFn: DashboardFn | null = null;
  let refreshSummaries: ((db: Deps['db']) => Promise<void>) | null = null;
  if (fs.existsSync(monitoringPath)) {
    const mod = (await import(pathToFileURL(monitoringPath).href)) as { dashboard?: DashboardFn; refreshCaseSummaries?: (db: Deps['db']) => Promise<void> };
    dashboardFn = mod.dashboard ?? null;
    refreshSummaries = mod.refreshCaseSummaries ?? null;
  }

  const combos: Combo[] = [
    { label: 'all, newest first', q: {} },
    { label: 'stage=trial', q: { stage: 'trial' } },
    { label: 'stage=investigation, sort=stage-age', q: { stage: 'investigation', sort: 'stage-age' } },
    { label: 'statute=PSMA-2018', q: { statute: 'PSMA-2018' } },
    { label: 'offence=PPC-420', q: { offence: 'PPC-420' } },
    { label: 'overdue', q: { overdue: true } },
    { label: 'stage=trial, minAgeDays=365', q: { stage: 'trial', minAgeDays: 365 } },
    { label: 'category=smuggling, minAgeDays=730', q: { category: 'smuggling', minAgeDays: 730 } },
    { label: 'sort=updated', q: { sort: 'updated' } },
    { label: 'mine', q: { mine: true } },
    { label: 'q=Dubai (common word)', q: { q: 'Dubai' } },
    { label: 'q=<one case> (rare word)', q: { q: crypto.createHash('md5').update(String(Math.ceil(N_CASES / 2))).digest('hex') } },
  ];

  async function readRuns(run: string): Promise<void> {
    log(`\n[${run}] case page — getCase as an investigator of the owning ATU (service call, not HTTP)`);
    const rnd = seededRandom(5);
    const sample = Array.from({ length: CASE_PAGE_CALLS + 50 }, () => 1 + Math.floor(rnd() * N_CASES));
    const svc = await measure(CASE_PAGE_CALLS, 50, (i) => {
      const n = sample[i % sample.length]!;
      return getCase(deps, investigatorOf(unitIdxOf(slots, n), n), uuidOf('c', n), {});
    });
    const rawS = await measure(CASE_PAGE_CALLS, 50, (i) => rawCasePage(raw, uuidOf('c', sample[i % sample.length]!)));
    record(run, 'case page (getCase)', 'investigator', svc, rawS, 50);

    log(`\n[${run}] register — listCases, page size 25, pages 1–3 (items + total)`);
    for (const [who, actor, national] of [['investigator', io, false], ['analyst', analyst, true]] as const) {
      for (const combo of combos) {
        const s = await measure(LIST_CALLS, 3, (i) => listCases(deps, actor, { ...combo.q, page: 1 + (i % 3), pageSize: 25 }));
        const r = await measure(LIST_CALLS, 3, (i) => rawRegister(raw, actor, national, combo.q, 1 + (i % 3)));
        record(run, `register: ${combo.label}`, who, s, r, 150);
        if (!national && run.startsWith('run 2')) {
          const rw = await measure(LIST_CALLS, 3, (i) => rawRegister(raw, actor, national, combo.q, 1 + (i % 3), true));
          record(run, `  ↳ raw SQL, proposed scope rewrite`, who, rw, null, 150);
        }
      }
    }

    log(`\n[${run}] dashboard — national scope as the Monitoring Cell analyst`);
    const dashN = QUICK ? 8 : 10;
    const rawDash = await measure(dashN, 1, () => Promise.all(DASHBOARD_SQL.map(([, q]) => raw.query(q))));
    if (dashFnOk()) {
      const s = await measure(dashN, 1, () => dashboardFn!(deps, analyst, {}, 'live'));
      record(run, 'dashboard live (cases/monitoring.ts)', 'analyst', s, rawDash, 500);
      const sup: UserActor = { ...investigatorOf(biggest), userId: atus[biggest]!.supervisor, roles: ['atu-supervisor'] };
      const s2 = await measure(dashN, 1, () => dashboardFn!(deps, sup, {}, 'live'));
      record(run, 'dashboard live (cases/monitoring.ts)', 'supervisor', s2, null, 500);
      if (refreshSummaries) {
        const t0 = performance.now();
        await refreshSummaries(deps.db);
        log(`  summaries refreshed in ${((performance.now() - t0) / 1000).toFixed(1)} s (the scheduled job's work every 5 min)`);
        const s3 = await measure(dashN, 1, () => dashboardFn!(deps, analyst, {}, 'summaries'));
        record(run, 'dashboard from summaries', 'analyst', s3, rawDash, 500);
        const s4 = await measure(dashN, 1, () => dashboardFn!(deps, sup, {}, 'summaries'));
        record(run, 'dashboard from summaries', 'supervisor', s4, null, 500);
      }
    } else {
      record(run, 'dashboard aggregates (no service yet: raw SQL)', 'analyst', rawDash, rawDash, 500);
    }
    log('  each aggregate alone (raw SQL, sequential, ms):');
    for (const [label, q] of DASHBOARD_SQL) {
      const s = await measure(3, 1, () => raw.query(q));
      log(`    ${label.padEnd(28)} ${s.p50.toFixed(0).padStart(6)}`);
      dashboardParts.push({ run, label, ms: s.p50 });
    }
  }
  const dashFnOk = (): boolean => dashboardFn !== null;
  const dashboardParts: Array<{ run: string; label: string; ms: number }> = [];

  await readRuns('run 1: schema as shipped');

  // ---- registrations
  log(`\n[registration] registerCase with three new people (victim + 2 accused, charges), ${WORKERS} workers, ${REG_SECONDS} s; RegistryIndex of ${deps.registry.size.toLocaleString()} persons`);
  const next = newPeople(424242);
  const rndA = seededRandom(9);
  const regSvc = await sustained(WORKERS, REG_SECONDS, async (w, i) => {
    const actor = investigatorOf(Math.floor(rndA() * atus.length), w);
    await registerCase(deps, actor, caseInput(next, i * WORKERS + w), {});
  });
  const regLoad = os.loadavg()[0] ?? 0;
  const regRaw = await sustained(WORKERS, REG_SECONDS, async (w, i) => {
    const actor = investigatorOf(Math.floor(rndA() * atus.length), w);
    await rawRegistration(raw, actor, caseInput(next, 1_000_000 + i * WORKERS + w));
  });
  const showReg = (label: string, t: Throughput) =>
    log(`  ${label.padEnd(30)} ${t.perSecond.toFixed(1).padStart(7)}/s (${t.total} in ${t.seconds.toFixed(1)} s; slowest second ${t.minSecond}, median second ${t.medianSecond}); latency p50 ${t.latency.p50.toFixed(1)} p95 ${t.latency.p95.toFixed(1)} p99 ${t.latency.p99.toFixed(1)} ms; errors ${t.errors}${t.firstError ? ` (${t.firstError})` : ''}`);
  showReg('service (registerCase)', regSvc);
  showReg('raw INSERTs, one transaction', regRaw);
  log(`  ratio raw/service throughput ×${(regRaw.perSecond / Math.max(regSvc.perSecond, 0.001)).toFixed(2)}; target > 200/s: ${regSvc.perSecond > 200 ? 'met' : 'MISSED'}`);
  // Where a registration's time goes: the screening in Node, per new person.
  const probe = newPeople(777);
  const screenTimes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const p = probe();
    const t = performance.now();
    deps.registry.search({ name: p.name, dob: p.dob, sex: p.sex }, 10);
    screenTimes.push(performance.now() - t);
  }
  const screen = stats(screenTimes);
  log(`  registry screening of one new person (RegistryIndex.search, top 10): p50 ${screen.p50.toFixed(1)} p95 ${screen.p95.toFixed(1)} ms`);

  // ---- plans of the slowest register query
  const worst = rows.filter((r) => r.what.startsWith('register')).sort((a, b) => b.p95 - a.p95).slice(0, 2);
  const plans: Array<{ what: string; actor: string; plan: string }> = [];
  for (const w of worst) {
    const combo = combos.find((c) => `register: ${c.label}` === w.what)!;
    const actor = w.actor === 'analyst' ? analyst : io;
    const s = rawRegisterSql(actor, w.actor === 'analyst', combo.q, 1);
    for (const [kind, [text, params]] of [['items', s.items], ['count', s.count]] as const) {
      const plan = (await raw.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
      plans.push({ what: `${w.what} (${kind})`, actor: w.actor, plan });
      log(`\nEXPLAIN ANALYZE — ${w.what} (${kind}) as ${w.actor}:\n${plan}`);
    }
  }

  // ---- second run with the suggested indexes
  if (FIXES) {
    log('\nCreating the suggested extra indexes in the throwaway database:');
    for (const x of EXTRA_INDEXES) {
      const t = performance.now();
      await raw.query(x.sql);
      log(`  ${x.sql}  (${((performance.now() - t) / 1000).toFixed(1)} s) — ${x.why}`);
    }
    await raw.query('ANALYZE');
    await readRuns('run 2: + extra indexes');
  }

  // ---- the table
  log(`\n==== bench:cases — ${N_CASES.toLocaleString()} cases, ${(N_CASES * 3).toLocaleString()} persons, nproc ${os.cpus().length}, PostgreSQL 15 shared_buffers ${server?.sb}; load = 1-min load average (other sessions share these 2 cores) ====`);
  const fmt = (x: number | null, d = 1): string => (x === null ? '' : x.toFixed(d));
  const header = ['run', 'what', 'actor', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'raw p95', 'svc/raw', 'target', 'met', 'load'];
  const body = rows.map((r) => [r.run.split(':')[0]!, r.what, r.actor, String(r.n), fmt(r.p50), fmt(r.p95), fmt(r.p99), fmt(r.rawP95), r.ratio === null ? '' : `×${r.ratio.toFixed(2)}`, r.target, r.met === null ? '' : r.met ? 'yes' : 'NO', r.load1.toFixed(1)]);
  body.push(['', 'registration (registerCase, 3 new people)', `${WORKERS} workers`, String(regSvc.total), fmt(regSvc.latency.p50), fmt(regSvc.latency.p95), fmt(regSvc.latency.p99), fmt(regRaw.latency.p95), `×${(regRaw.perSecond / Math.max(regSvc.perSecond, 0.001)).toFixed(2)} thr`, '> 200/s', regSvc.perSecond > 200 ? 'yes' : 'NO', regLoad.toFixed(1)]);
  body.push(['', `  throughput: service ${regSvc.perSecond.toFixed(1)}/s, raw ${regRaw.perSecond.toFixed(1)}/s`, '', '', '', '', '', '', '', '', '', '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 && i <= 8 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  log(line(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) log(line(b));

  const totalSeconds = (performance.now() - t0) / 1000;
  log(`\ngeneration ${genSeconds.toFixed(0)} s (persons ${gen.persons.toFixed(0)} s, cases and the rest ${gen.cases.toFixed(0)} s, VACUUM ANALYZE ${gen.analyze.toFixed(0)} s); RegistryIndex ${registrySeconds.toFixed(1)} s; total ${(totalSeconds / 60).toFixed(1)} min`);

  fs.mkdirSync(path.resolve('bench/results'), { recursive: true });
  fs.writeFileSync(
    path.resolve('bench/results/cases.json'),
    JSON.stringify(
      {
        cores: os.cpus().length,
        cases: N_CASES,
        persons: N_CASES * 3,
        postgres: { version: server?.v, sharedBuffers: server?.sb, throwaway: held.cluster !== null },
        generation: { seconds: genSeconds, ...gen, databaseSize: dbSize, tables: sizes },
        registry,
        dashboard: dashboardFn ? 'cases/monitoring.ts dashboard()' : 'raw aggregates only (no service)',
        rows,
        dashboardParts,
        registration: { workers: WORKERS, service: regSvc, raw: regRaw, screeningOnePerson: screen },
        extraIndexes: FIXES ? EXTRA_INDEXES : [],
        plans,
        totalSeconds,
      },
      null,
      2,
    ),
  );
  log('wrote bench/results/cases.json');
  await raw.end();
  await database.close();
}

try {
  await main();
} finally {
  if (!args.includes('--keep')) {
    held.cluster?.stop();
    await held.dropDb?.();
  } else if (held.cluster) log(`kept cluster at ${held.cluster.url}`);
}
