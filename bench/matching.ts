/**
 * Name-matching benchmark (not a test): `npm run bench:matching [-- --skip-pg] [--size N]`.
 * Index the primary names of the UN and OFAC development lists, query with every alias, count
 * recall@1 / recall@10 with and without the date of birth; then hide those entries among one
 * million synthetic Pakistani people and measure again, plus the alerts that clean, unlisted
 * synthetic travellers raise. Baselines: PostgreSQL pg_trgm KNN and a brute-force Jaro-Winkler scan.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ALERT_THRESHOLD, MatchIndex, jaroWinkler, type WatchlistEntry } from '../src/matching';
import { seededRandom, syntheticPeople } from './synthetic-names';
import { startPostgres } from './matching-pg';

const args = process.argv.slice(2);
const SKIP_PG = args.includes('--skip-pg');
const SKIP_SCAN = args.includes('--skip-scan');
const SIZE = Number(args[args.indexOf('--size') + 1] ?? 0) || 1_000_000;
const CLEAN = 10_000;
const BASELINE_SAMPLE = 100;

interface DevRow { id: string; name: string; aliases?: Array<string | { name: string }>; dob?: string[]; nationality?: string[] }
interface DevQuery { name: string; dob?: string; expect: string }

const rows: DevRow[] = ['un-individuals-dev.jsonl', 'ofac-consolidated-individuals-dev.jsonl'].flatMap((f) =>
  readFileSync(`/work/shared/data/${f}`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as DevRow));
const devEntries: WatchlistEntry[] = rows.map((r) => ({ id: r.id, names: [r.name], dob: r.dob ?? [], nationality: r.nationality ?? [] }));
const queries: DevQuery[] = rows.flatMap((r) => (r.aliases ?? []).map((a) => ({ name: typeof a === 'string' ? a : a.name, dob: r.dob?.[0], expect: r.id })));

interface Recall { r1: number; r10: number; d1: number; d10: number; p50: number; p99: number; cpu50: number; cpu99: number; n: number; byList: Record<string, { n: number; r10: number; d10: number }> }
type Searcher = (q: { name: string; dob?: string }) => Promise<string[]> | string[];

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function recall(search: Searcher, qs: DevQuery[]): Promise<Recall> {
  let r1 = 0, r10 = 0, d1 = 0, d10 = 0;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const byList: Recall['byList'] = {};
  for (const q of qs) {
    const list = (byList[listOf(q.expect)] ??= { n: 0, r10: 0, d10: 0 });
    list.n++;
    for (const withDob of [false, true]) {
      const t = performance.now();
      const c = process.cpuUsage();
      const ids = await search(withDob ? { name: q.name, dob: q.dob } : { name: q.name });
      const used = process.cpuUsage(c);
      times.push(performance.now() - t);
      cpuTimes.push((used.user + used.system) / 1000);
      const rank = ids.indexOf(q.expect);
      const in10 = rank >= 0 && rank < 10 ? 1 : 0;
      if (withDob) { d1 += rank === 0 ? 1 : 0; d10 += in10; list.d10 += in10; }
      else { r1 += rank === 0 ? 1 : 0; r10 += in10; list.r10 += in10; }
    }
  }
  const n = qs.length;
  for (const l of Object.values(byList)) { l.r10 /= l.n; l.d10 /= l.n; }
  return { r1: r1 / n, r10: r10 / n, d1: d1 / n, d10: d10 / n, p50: pct(times, 50), p99: pct(times, 99), cpu50: pct(cpuTimes, 50), cpu99: pct(cpuTimes, 99), n, byList };
}

/** Which development list an entry comes from: "UN" or "OFAC". */
const listOf = (id: string): string => id.split('-')[0] ?? id;
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

const mb = (b: number): number => Math.round(b / 1048576);
const gc = (): void => { (globalThis as { gc?: () => void }).gc?.(); };

function sample<T>(xs: T[], n: number, seed: number): T[] {
  const rnd = seededRandom(seed);
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [a[i], a[j]] = [a[j] as T, a[i] as T]; }
  return a.slice(0, n);
}

const plain = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const dobBonus = (q: string | undefined, dobs: readonly string[]): number =>
  q && dobs.some((d) => d.slice(0, 4) === q.slice(0, 4)) ? 0.1 : 0;

async function main(): Promise<void> {
  const table: Array<Record<string, string | number>> = [];
  const perList: string[] = [];
  const loads: string[] = [`start ${load()}`];
  const row = (system: string, distractors: string, r: Recall, extra: Record<string, string | number> = {}): void => {
    console.log(`measured: ${system}, ${distractors} distractors: r@10 name ${r.r10.toFixed(3)}, +dob ${r.d10.toFixed(3)}, p50/p99 ${r.p50.toFixed(2)}/${r.p99.toFixed(2)} ms (cpu ${r.cpu50.toFixed(2)}/${r.cpu99.toFixed(2)} ms), load ${load()}`);
    perList.push(`${system}, ${distractors} distractors: ` + Object.entries(r.byList).map(([l, x]) => `${l} (${x.n} aliases) r@10 name ${x.r10.toFixed(3)}, +dob ${x.d10.toFixed(3)}`).join('; '));
    table.push({ system, distractors, queries: r.n, 'r@1 name': r.r1.toFixed(3), 'r@10 name': r.r10.toFixed(3), 'r@1 +dob': r.d1.toFixed(3), 'r@10 +dob': r.d10.toFixed(3), 'p50 ms': r.p50.toFixed(2), 'p99 ms': r.p99.toFixed(2), 'cpu p50 ms': r.cpu50.toFixed(2), 'cpu p99 ms': r.cpu99.toFixed(2), ...extra });
  };
  console.log(`machine: ${cpus().length} cores, node ${process.version}; ${rows.length} listed people, ${queries.length} alias queries; distractors ${SIZE.toLocaleString()}`);

  // 1. development lists alone
  const small = new MatchIndex();
  for (const e of devEntries) small.add(e);
  row('hifazat MatchIndex', '0', await recall((q) => small.search(q, { top: 10 }).map((h) => h.id), queries));

  // 2. among synthetic distractors
  const people = [...syntheticPeople(SIZE, 20240601)];
  gc();
  const heap0 = process.memoryUsage();
  const t0 = performance.now();
  const index = new MatchIndex();
  people.forEach((p, i) => index.add({ id: `SYN-${i}`, names: [p.name], dob: [p.dob], sex: p.sex, nationality: ['Pakistan'] }));
  for (const e of devEntries) index.add(e);
  const buildS = (performance.now() - t0) / 1000;
  gc();
  const heap1 = process.memoryUsage();
  loads.push(`before the queries among distractors ${load()}`);
  const big = await recall((q) => index.search(q, { top: 10 }).map((h) => h.id), queries);
  loads.push(`after them ${load()}`);
  row('hifazat MatchIndex', SIZE.toLocaleString(), big, { 'build s': buildS.toFixed(1), 'heap MB': mb(heap1.heapUsed - heap0.heapUsed + heap1.arrayBuffers - heap0.arrayBuffers), 'RSS MB': mb(heap1.rss) });

  // clean travellers: synthetic people from another seed, not in the index
  const cleanScores: number[] = [];
  const cleanNameOnly: number[] = [];
  const cleanTimes: number[] = [];
  for (const p of syntheticPeople(CLEAN, 777)) {
    const t = performance.now();
    cleanScores.push(index.search({ name: p.name, dob: p.dob, sex: p.sex }, { top: 1 })[0]?.score ?? 0);
    cleanTimes.push(performance.now() - t);
    cleanNameOnly.push(index.search({ name: p.name }, { top: 1 })[0]?.score ?? 0);
  }
  const falseAlert = cleanScores.filter((s) => s >= ALERT_THRESHOLD).length / CLEAN;
  const falseAlertName = cleanNameOnly.filter((s) => s >= ALERT_THRESHOLD).length / CLEAN;
  let hitAlerts = 0;
  for (const q of queries) {
    const h = index.search({ name: q.name, dob: q.dob }, { top: 10 }).find((x) => x.id === q.expect);
    if (h?.alert) hitAlerts++;
  }
  // the alert-level search the screening module runs (minScore prunes), at the counter's and the manifest's candidate counts
  const alertLevel = [120, 20].map((candidates) => {
    let found = 0;
    const t = performance.now();
    for (const q of queries) if (index.search({ name: q.name, dob: q.dob }, { top: 20, minScore: ALERT_THRESHOLD, candidates }).some((h) => h.id === q.expect)) found++;
    return `${candidates} candidates: ${(found / queries.length * 100).toFixed(1)}% alerted, ${((performance.now() - t) / queries.length).toFixed(2)} ms/query`;
  });
  const thresholds = [0.8, 0.85, 0.88, 0.9, 0.92, 0.95].map((t) => `${t}: ${(cleanScores.filter((s) => s >= t).length / CLEAN * 100).toFixed(2)}%`);
  table[table.length - 1]!['false alerts'] = `${(falseAlert * 100).toFixed(2)}%`;
  console.log(`measured: false alerts ${(falseAlert * 100).toFixed(2)}% at ${ALERT_THRESHOLD}; by threshold ${thresholds.join(', ')}`);

  // 3. brute-force Jaro-Winkler scan over all names (sampled queries)
  const sampled = sample(queries, BASELINE_SAMPLE, 42);
  const allNames = people.map((p, i) => ({ id: `SYN-${i}`, name: plain(p.name), dob: [p.dob] })).concat(devEntries.map((e) => ({ id: e.id, name: plain(e.names[0] ?? ''), dob: e.dob ?? [] })));
  const scan: Searcher = (q) => {
    const qn = plain(q.name);
    const best: Array<{ id: string; s: number }> = [];
    for (const c of allNames) {
      const s = jaroWinkler(qn, c.name) + dobBonus(q.dob, c.dob);
      if (best.length < 10 || s > (best[9]?.s ?? 0)) {
        best.push({ id: c.id, s });
        best.sort((a, b) => b.s - a.s);
        if (best.length > 10) best.pop();
      }
    }
    return best.map((b) => b.id);
  };
  if (!SKIP_SCAN) row('brute-force JW scan', SIZE.toLocaleString(), await recall(scan, sampled), { note: `${BASELINE_SAMPLE} sampled queries; +dob = +0.1 for the same birth year` });

  // 4. PostgreSQL pg_trgm
  if (!SKIP_PG) {
    const pgRes = await pgBaseline(allNames, sampled);
    row('PostgreSQL pg_trgm <->', SIZE.toLocaleString(), pgRes.recall, { 'build s': pgRes.buildS.toFixed(1), note: `${BASELINE_SAMPLE} sampled queries; +dob = top-50 by distance re-ranked by year` });
  }

  console.log('\n' + formatTable(table));
  console.log(`\nrecall per list:\n  ${perList.join('\n  ')}`);
  console.log(`load average (1/5/15 min) on ${cpus().length} cores: ${loads.join('; ')}`);
  console.log(`\nALERT_THRESHOLD = ${ALERT_THRESHOLD}: clean travellers (name+dob+sex, not listed) raising an alert: ${(falseAlert * 100).toFixed(2)}% of ${CLEAN} (name only: ${(falseAlertName * 100).toFixed(2)}%); clean-traveller p50/p99 ${pct(cleanTimes, 50).toFixed(2)}/${pct(cleanTimes, 99).toFixed(2)} ms`);
  console.log(`false-alert rate by threshold (name+dob): ${thresholds.join(', ')}; 99th percentile of clean top scores: ${pct(cleanScores, 99).toFixed(3)}`);
  console.log(`listed people found AND alerted at the threshold (alias + dob, ${SIZE.toLocaleString()} distractors): ${(hitAlerts / queries.length * 100).toFixed(1)}%`);
  console.log(`the same with the pruned alert-level search (minScore ${ALERT_THRESHOLD}): ${alertLevel.join('; ')}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/matching.json', JSON.stringify({ cores: cpus().length, load: loads, size: SIZE, table, perList, falseAlert, falseAlertName, thresholds, alertThreshold: ALERT_THRESHOLD, alertedAtThreshold: hitAlerts / queries.length, alertLevel }, null, 2));
}

async function pgBaseline(names: Array<{ id: string; name: string; dob: string[] }>, qs: DevQuery[]): Promise<{ recall: Recall; buildS: number }> {
  const pgh = await startPostgres();
  try {
    const c = pgh.client;
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await c.query("SET maintenance_work_mem = '1GB'");
    await c.query('DROP TABLE IF EXISTS bench_watch');
    await c.query('CREATE TABLE bench_watch (ext text, name text, dob text[])');
    const t0 = performance.now();
    for (let i = 0; i < names.length; i += 50_000) {
      const part = names.slice(i, i + 50_000);
      await c.query('INSERT INTO bench_watch SELECT e, n, string_to_array(d, \',\') FROM unnest($1::text[], $2::text[], $3::text[]) AS t(e, n, d)',
        [part.map((x) => x.id), part.map((x) => x.name), part.map((x) => x.dob.join(','))]);
    }
    await c.query('CREATE INDEX bench_watch_trgm ON bench_watch USING gist (name gist_trgm_ops)');
    await c.query('ANALYZE bench_watch');
    const buildS = (performance.now() - t0) / 1000;
    const search: Searcher = async (q) => {
      const res = await c.query<{ ext: string; d: number; dob: string[] }>('SELECT ext, dob, name <-> $1 AS d FROM bench_watch ORDER BY name <-> $1 LIMIT 50', [plain(q.name)]);
      const scored = res.rows.map((r, i) => ({ id: r.ext, s: (q.dob ? 1 - r.d + dobBonus(q.dob, r.dob ?? []) : -i) }));
      if (q.dob) scored.sort((a, b) => b.s - a.s);
      return scored.slice(0, 10).map((r) => r.id);
    };
    return { recall: await recall(search, qs), buildS };
  } finally {
    await pgh.stop();
  }
}

function formatTable(t: Array<Record<string, string | number>>): string {
  const cols = [...new Set(t.flatMap((r) => Object.keys(r)))];
  const w = cols.map((c) => Math.max(c.length, ...t.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]): string => '| ' + cells.map((x, i) => x.padEnd(w[i] ?? 0)).join(' | ') + ' |';
  return [line(cols), '|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|', ...t.map((r) => line(cols.map((c) => String(r[c] ?? ''))))].join('\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
