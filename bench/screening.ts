/**
 * `npm run bench:screening` — the Immigration Monitoring System at national scale, on a
 * throwaway PostgreSQL cluster (scripts/pg-cluster.ts) or DATABASE_URL:
 *   1. 1,000,000 watchlist entries (synthetic names, 10% with a passport number), stored
 *      field-encrypted as the module stores them, loaded into the in-memory index on start;
 *   2. single screening through the HTTP API of a real listening server: an open-loop load
 *      generator in a separate process (keep-alive fetch) at 200 requests per second for 30 s;
 *      p50/p90/p99 of the response time (the check, the encounter and its audit event written);
 *   3. a 100,000-passenger manifest end to end (POST, background job, poll until done);
 *   4. the same fuzzy queries against pg_trgm similarity search on the same names (GIN index),
 *      in the same run, and the ratio of medians.
 * Prints a table and writes bench/results/screening.json. RATE, SECONDS, SIZE override.
 */
import { spawn } from 'node:child_process';
import crypto, { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';
import { startCluster } from '../scripts/pg-cluster';
import { buildApp } from '../src/server/app';
import { createDeps } from '../src/server/bootstrap';
import { createUser, findUnitByCode } from '../src/server/modules/admin/service';
import { composeTd3 } from '../src/server/modules/screening/mrz';
import { ENTRY_IDENTITY, screeningIndex, type EntryIdentity } from '../src/server/modules/screening/watchlist-index';
import { loadConfig } from '../src/server/platform/config';
import { FieldCipher } from '../src/server/platform/crypto';
import { openDatabase } from '../src/server/platform/db';
import { ensureReferenceData } from '../src/server/seed/index';
import { seededRandom, syntheticPeople } from './synthetic-names';

const SIZE = Number(process.env.SIZE ?? 1_000_000);
const RATE = Number(process.env.RATE ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 30);
const MANIFEST = Number(process.env.MANIFEST ?? 100_000);
const TRGM_QUERIES = 200;

const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const passportOf = (i: number) => `B${String(10_000_000 + i).slice(-8)}`;

async function main() {
  const cluster = process.env.DATABASE_URL ? null : await startCluster({ sharedBuffers: '512MB' });
  const url = process.env.DATABASE_URL ?? cluster!.url;
  const result: Record<string, unknown> = { when: new Date().toISOString(), nproc: os.cpus().length, loadavgAtStart: os.loadavg(), size: SIZE, rate: RATE, seconds: SECONDS, manifest: MANIFEST };
  try {
    const database = await openDatabase({ databaseUrl: url });
    const cipher = new FieldCipher([{ id: 'bench', key: crypto.randomBytes(32) }], crypto.randomBytes(32));
    const config = { ...loadConfig({ NODE_ENV: 'test' }), apiPerMinute: 10_000_000, loginPerMinute: 1000, logLevel: 'silent', matchWorkers: Number(process.env.HIFAZAT_MATCH_WORKERS ?? 2) };
    const deps = await createDeps(database, cipher, config, 'bench');
    await ensureReferenceData(deps);
    const owner = (await findUnitByCode(deps.db, 'FIA-IMM'))!;

    // 1. the watchlist: one million encrypted entries, plus the plain names for the pg_trgm baseline
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    const listId = randomUUID();
    await raw.query(`INSERT INTO screening_watchlists (id, name, kind, instruction, owner_unit_id, legal_basis) VALUES ($1, 'Bench list', 'exit-control', 'stop', $2, 'bench')`, [listId, owner.id]);
    await raw.query('CREATE TABLE bench_names (id uuid PRIMARY KEY, name text NOT NULL, dob text)');
    let t = Date.now();
    const people: Array<{ name: string; dob: string }> = [];
    let batch: { ids: string[]; ident: string[]; names: string[]; dobs: string[]; docIds: string[]; docHashes: string[] } = { ids: [], ident: [], names: [], dobs: [], docIds: [], docHashes: [] };
    const flush = async () => {
      if (!batch.ids.length) return;
      await raw.query(`INSERT INTO screening_entries (id, watchlist_id, identity, source) SELECT id, $2::uuid, ident, 'import' FROM unnest($1::uuid[], $3::text[]) AS t(id, ident)`, [batch.ids, listId, batch.ident]);
      await raw.query('INSERT INTO bench_names (id, name, dob) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])', [batch.ids, batch.names, batch.dobs]);
      if (batch.docIds.length) await raw.query(`INSERT INTO screening_entry_identifiers (entry_id, kind, hash) SELECT id, 'document', h FROM unnest($1::uuid[], $2::text[]) AS t(id, h)`, [batch.docIds, batch.docHashes]);
      batch = { ids: [], ident: [], names: [], dobs: [], docIds: [], docHashes: [] };
    };
    let i = 0;
    for (const p of syntheticPeople(SIZE, 424242)) {
      const id = randomUUID();
      const documents = i % 10 === 0 ? [passportOf(i)] : [];
      const identity: EntryIdentity = { names: [p.name], dob: p.dob, nationality: 'PAK', sex: p.sex, documents };
      batch.ids.push(id);
      batch.ident.push(cipher.encrypt(JSON.stringify(identity), ENTRY_IDENTITY(id)));
      batch.names.push(p.name);
      batch.dobs.push(p.dob);
      for (const d of documents) {
        batch.docIds.push(id);
        batch.docHashes.push(cipher.blindIndex('screening-document', d));
      }
      if (i < 5000) people.push({ name: p.name, dob: p.dob });
      i++;
      if (batch.ids.length === 10_000) await flush();
    }
    await flush();
    result.insertSeconds = (Date.now() - t) / 1000;
    log(`${SIZE.toLocaleString()} entries stored in ${result.insertSeconds as number} s`);
    t = Date.now();
    await raw.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await raw.query('CREATE INDEX bench_names_trgm ON bench_names USING gin (name gin_trgm_ops)');
    result.trgmIndexSeconds = (Date.now() - t) / 1000;
    // measure the steady state, as after any bulk import: vacuumed and analysed, so autovacuum's
    // first pass over a million fresh rows does not land in the middle of the load
    await raw.query('VACUUM ANALYZE');
    await raw.query('CHECKPOINT');

    // 2. the app, listening; the index loads before the first request
    t = Date.now();
    const app = await buildApp(deps);
    const index = await screeningIndex(deps);
    result.indexLoadSeconds = (Date.now() - t) / 1000;
    result.indexEntries = index.size;
    result.rssMBAfterLoad = Math.round(process.memoryUsage().rss / 1e6);
    log(`index loaded: ${index.size.toLocaleString()} entries in ${result.indexLoadSeconds as number} s, rss ${result.rssMBAfterLoad as number} MB`);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const counter = (await findUnitByCode(deps.db, 'IMM-LHE-D1')) ?? (await findUnitByCode(deps.db, 'IMM-LHE'))!;
    const password = 'bench password long enough';
    await createUser(deps, { kind: 'system', name: 'cli' }, { username: 'bench.officer', displayName: 'Bench officer', unitId: counter.id, roles: ['immigration-officer'], password });
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.officer', password }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;

    // queries: 80% unlisted travellers (typed or MRZ), 15% listed people under another spelling, 5% listed passports
    const rnd = seededRandom(77);
    const fresh = [...syntheticPeople(20_000, 99)];
    const bodies: string[] = [];
    const fuzzy: Array<{ name: string; dob: string }> = [];
    for (let k = 0; k < RATE * SECONDS; k++) {
      const r = rnd();
      if (r < 0.05) {
        const n = Math.floor(rnd() * (SIZE / 10)) * 10;
        bodies.push(JSON.stringify({ name: 'Unknown Traveller', documentNumber: passportOf(n) }));
      } else if (r < 0.2) {
        const p = people[Math.floor(rnd() * people.length)]!;
        const name = p.name.replace('Muhammad', 'Mohammad').replace('Ahmed', 'Ahmad').replace('Hussain', 'Husain');
        fuzzy.push({ name, dob: p.dob });
        bodies.push(JSON.stringify({ name, dateOfBirth: p.dob, nationality: 'PAK' }));
      } else {
        const p = fresh[k % fresh.length]!;
        if (rnd() < 0.5 && /^\d{4}-\d{2}-\d{2}$/.test(p.dob)) {
          const parts = p.name.split(' ');
          bodies.push(JSON.stringify({ mrz: composeTd3({ state: 'PAK', surname: parts[parts.length - 1]!, givenNames: parts.slice(0, -1).join(' ') || 'X', number: `Z${String(k).padStart(8, '0')}`, nationality: 'PAK', dob: p.dob, sex: p.sex, expiry: '2031-01-01' }) }));
        } else bodies.push(JSON.stringify({ name: p.name, dateOfBirth: p.dob, nationality: 'PAK' }));
      }
    }
    // warm-up
    for (let k = 0; k < 200; k++) await fetch(`${base}/api/v1/screening/checks`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: bodies[k]! }).then((r) => r.arrayBuffer());
    log(`load: ${RATE} requests/s for ${SECONDS} s through ${base}/api/v1/screening/checks`);
    const loadavgBefore = os.loadavg();
    // what the server's main thread went through during the load: event-loop delay and its own GC pauses
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    const gcPauses: number[] = [];
    const gcObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcPauses.push(e.duration);
    });
    gcObserver.observe({ entryTypes: ['gc'] });
    loopDelay.enable();
    const heapBefore = process.memoryUsage().heapUsed;
    const load = await runLoad(`${base}/api/v1/screening/checks`, cookie, csrf, bodies, RATE);
    const lat = load.latencies;
    result.http = {
      requests: lat.length,
      errors: load.errors,
      statusCounts: load.status,
      achievedRps: Math.round((lat.length / load.seconds) * 10) / 10,
      p50ms: round(pct(lat, 50)),
      p90ms: round(pct(lat, 90)),
      p99ms: round(pct(lat, 99)),
      maxms: round(Math.max(...lat)),
      loadavgBefore,
      loadavgAfter: os.loadavg(),
      mainThread: {
        heapUsedMB: Math.round(heapBefore / 1e6),
        eventLoopDelayP99ms: round(loopDelay.percentile(99) / 1e6),
        eventLoopDelayMaxms: round(loopDelay.max / 1e6),
        gcPauses: gcPauses.length,
        gcPausesOver10ms: gcPauses.filter((d) => d > 10).length,
        gcPauseMaxms: round(Math.max(0, ...gcPauses)),
        gcPauseTotalms: round(gcPauses.reduce((a, b) => a + b, 0)),
      },
    };
    loopDelay.disable();
    gcObserver.disconnect();
    log(`HTTP: ${JSON.stringify(result.http)}`);

    // 3. the manifest, end to end
    // every passenger a different person (none repeats), one in a thousand a listed one
    const travellers = [...syntheticPeople(MANIFEST, 4242)];
    const manifest = Array.from({ length: MANIFEST }, (_, k) => {
      const p = travellers[k]!;
      return k % 1000 === 0 ? { name: people[k % people.length]!.name, dateOfBirth: people[k % people.length]!.dob, nationality: 'PAK' } : { name: p.name, dateOfBirth: p.dob, nationality: 'PAK', documentNumber: `M${k}` };
    });
    t = Date.now();
    const sub = await fetch(`${base}/api/v1/screening/manifests`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify({ flight: 'BENCH-1', passengers: manifest }) });
    const { id: manifestId } = (await sub.json()) as { id: string };
    let status = '';
    let m: { status: string; done: number; hitCount: number } = { status: '', done: 0, hitCount: 0 };
    while (status !== 'done' && status !== 'failed') {
      await new Promise((r) => setTimeout(r, 250));
      m = (await (await fetch(`${base}/api/v1/screening/manifests/${manifestId}`, { headers: { cookie } })).json()) as typeof m;
      status = m.status;
    }
    result.manifest = { passengers: MANIFEST, status, seconds: (Date.now() - t) / 1000, hits: m.hitCount, passengersPerSecond: Math.round(MANIFEST / ((Date.now() - t) / 1000)) };
    log(`manifest: ${JSON.stringify(result.manifest)}`);

    // 4. the same fuzzy queries: in-memory index vs pg_trgm
    const sample = fuzzy.slice(0, TRGM_QUERIES);
    const mem: number[] = [];
    for (const q of sample) {
      const s = process.hrtime.bigint();
      await index.screen({ name: q.name, dob: q.dob, nationality: 'PAK' });
      mem.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    const trg: number[] = [];
    let trgFound = 0;
    await raw.query('SET pg_trgm.similarity_threshold = 0.5');
    for (const q of sample) {
      const s = process.hrtime.bigint();
      const r = await raw.query('SELECT id, name, dob, similarity(name, $1) AS sim FROM bench_names WHERE name % $1 ORDER BY sim DESC LIMIT 20', [q.name]);
      trg.push(Number(process.hrtime.bigint() - s) / 1e6);
      if (r.rows.some((row: { dob: string }) => row.dob === q.dob)) trgFound++;
    }
    result.comparison = {
      queries: sample.length,
      indexP50ms: round(pct(mem, 50)),
      indexP99ms: round(pct(mem, 99)),
      pgTrgmP50ms: round(pct(trg, 50)),
      pgTrgmP99ms: round(pct(trg, 99)),
      ratioOfMedians: round(pct(trg, 50) / pct(mem, 50)),
      pgTrgmFoundListedPerson: `${trgFound}/${sample.length}`,
    };
    log(`comparison: ${JSON.stringify(result.comparison)}`);
    result.loadavgAtEnd = os.loadavg();
    await app.close();
    await raw.end();
    await database.close();
  } finally {
    cluster?.stop();
  }
  const http = result.http as Record<string, number>;
  const man = result.manifest as Record<string, number>;
  const cmp = result.comparison as Record<string, number>;
  console.log('\n| measure | value | target |\n|---|---|---|');
  console.log(`| watchlist entries (in memory) | ${String(result.indexEntries)} | 1,000,000 |`);
  console.log(`| index load on start | ${String(result.indexLoadSeconds)} s | |`);
  console.log(`| HTTP check p50 / p90 / p99 at ${http.achievedRps} req/s | ${http.p50ms} / ${http.p90ms} / ${http.p99ms} ms | p99 < 20 ms |`);
  console.log(`| HTTP errors | ${http.errors} of ${http.requests} | 0 |`);
  console.log(`| manifest ${MANIFEST.toLocaleString()} passengers | ${man.seconds} s (${man.passengersPerSecond}/s) | < 60 s |`);
  console.log(`| fuzzy query, index p50 / p99 | ${cmp.indexP50ms} / ${cmp.indexP99ms} ms | |`);
  console.log(`| fuzzy query, pg_trgm p50 / p99 | ${cmp.pgTrgmP50ms} / ${cmp.pgTrgmP99ms} ms | |`);
  console.log(`| pg_trgm ÷ index (medians) | ${cmp.ratioOfMedians}× | |`);
  console.log(`| nproc, load average (1 min) at start / end | ${String(result.nproc)}, ${(result.loadavgAtStart as number[])[0]?.toFixed(2)} / ${(result.loadavgAtEnd as number[])[0]?.toFixed(2)} | |`);
  const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'results', 'screening.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten ${out}`);
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Open-loop load from a separate process, as counters are other machines: request k is sent at
 * start + k/rate, whatever the server does. The client warms up first (100 requests, one at a
 * time, not counted), so its own start-up is not measured as the server's latency.
 */
function runLoad(url: string, cookie: string, csrf: string, bodies: string[], rate: number): Promise<{ latencies: number[]; errors: number; status: Record<string, number>; seconds: number }> {
  const code = `
    let input = '';
    process.stdin.on('data', (d) => (input += d)).on('end', async () => {
      const { url, cookie, csrf, bodies, rate } = JSON.parse(input);
      const post = (body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body });
      for (let i = 0; i < 100; i++) await (await post(bodies[i % bodies.length])).arrayBuffer();
      const latencies = []; const status = {}; let errors = 0; let pending = 0;
      const start = performance.now() + 50;
      let k = 0;
      const fire = (body) => {
        const t0 = performance.now(); pending++;
        post(body)
          .then(async (r) => { await r.arrayBuffer(); status[r.status] = (status[r.status] || 0) + 1; if (r.status !== 200) errors++; })
          .catch(() => { errors++; status.network = (status.network || 0) + 1; })
          .finally(() => { latencies.push(performance.now() - t0); pending--; if (k >= bodies.length && pending === 0) process.stdout.write(JSON.stringify({ latencies, errors, status, seconds: (performance.now() - start) / 1000 })); });
      };
      const tick = () => {
        const now = performance.now();
        while (k < bodies.length && start + (k * 1000) / rate <= now) fire(bodies[k++]);
        if (k < bodies.length) setTimeout(tick, Math.max(0, start + (k * 1000) / rate - performance.now()));
      };
      setTimeout(tick, 50);
    });
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      try {
        resolve(JSON.parse(out) as { latencies: number[]; errors: number; status: Record<string, number>; seconds: number });
      } catch {
        reject(new Error(`load generator exited ${code} without a result`));
      }
    });
    child.stdin.end(JSON.stringify({ url, cookie, csrf, bodies, rate }));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
