// The screening data a search needs, in one or more replicas. A replica holds the names in a
// MatchIndex, exact keys (document numbers, CNICs) in a map, and per entry a small payload the
// caller gets back with a hit (the list it belongs to, its expiry, its case). With worker threads
// every replica lives in a worker, so the thread that serves HTTP keeps a small heap: with a
// million entries held there, its major GC pauses (15-30 ms) stalled every request in flight
// and the audit-chain lock behind them (p99 45-170 ms at 200 checks/s on 2 cores). A worker's own
// heap grows to twice its live size while the index is built; V8 would shrink it later, in pauses
// of 50-130 ms in the middle of the traffic, so the pool collects it once before serving (compact).
//
// Searches come in two lanes. A counter's check (interactive) goes to the least-busy of the first
// half of the workers; a manifest slice (bulk) to the least-busy of all of them. The workers only
// bulk work reaches run at a lower scheduling priority (a higher nice value), so a manifest takes
// the cores nobody else wants and a counter, the HTTP thread and PostgreSQL do not wait behind it.
// (Measured on 2 cores, 1,000,000 entries, 200 checks/s: checks spread over two equal workers had a
// p99 of 100 ms, over one 15 ms.) A search posted after a change is answered after it (a worker
// handles its messages in order). If a worker dies, every pending and later search fails with an
// error — a counter is never told "clear" by a broken matcher — until the owner rebuilds the pool.
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { MatchIndex, type Hit, type MatchQuery, type SearchOptions, type WatchlistEntry } from '../../matching/index.js';
import type { WorkerMessage, WorkerReply } from './match-worker.js';

/** An entry as a replica holds it: names to match (if any), exact keys, and its payload. */
export interface ReplicaEntry<M> {
  id: string;
  match: WatchlistEntry | null;
  keys: string[];
  meta: M;
}

/** One traveller: a name query (if a name is known) and exact keys to look up. */
export interface ReplicaQuery {
  match: MatchQuery | null;
  keys: string[];
}

export interface ReplicaResult<M> {
  /** Entries holding one of the query's keys, in the order of the keys. */
  exact: Array<{ id: string; key: string; meta: M }>;
  /** Name hits, best first. */
  hits: Array<{ hit: Hit; meta: M }>;
}

/** One copy of the data. Payloads are interned: most entries of a list share one. */
export class Replica<M> {
  private names = new MatchIndex();
  private metaOf = new Map<string, number>();
  private metas: M[] = [];
  private metaId = new Map<string, number>();
  private keysOf = new Map<string, string[]>();
  private byKey = new Map<string, string[]>();

  get size(): number {
    return this.metaOf.size;
  }

  add(entries: ReplicaEntry<M>[]): void {
    for (const e of entries) {
      if (this.metaOf.has(e.id)) this.drop(e.id);
      const k = JSON.stringify(e.meta);
      let m = this.metaId.get(k);
      if (m === undefined) {
        m = this.metas.push(e.meta) - 1;
        this.metaId.set(k, m);
      }
      this.metaOf.set(e.id, m);
      if (e.keys.length) {
        this.keysOf.set(e.id, e.keys);
        for (const key of e.keys) {
          const ids = this.byKey.get(key);
          if (ids) ids.push(e.id);
          else this.byKey.set(key, [e.id]);
        }
      }
      if (e.match) {
        e.match.id = e.id; // one string for the id in every map (a message arrives with a copy per mention)
        this.names.add(e.match);
      }
    }
  }

  remove(ids: string[]): void {
    for (const id of ids) if (this.metaOf.has(id)) this.drop(id);
  }

  private drop(id: string): void {
    this.metaOf.delete(id);
    for (const key of this.keysOf.get(id) ?? []) {
      const ids = this.byKey.get(key)?.filter((x) => x !== id) ?? [];
      if (ids.length) this.byKey.set(key, ids);
      else this.byKey.delete(key);
    }
    this.keysOf.delete(id);
    this.names.remove(id);
  }

  search(q: ReplicaQuery, options: SearchOptions): ReplicaResult<M> {
    const meta = (id: string): M => this.metas[this.metaOf.get(id) ?? -1]!;
    return {
      exact: q.keys.flatMap((key) => (this.byKey.get(key) ?? []).map((id) => ({ id, key, meta: meta(id) }))),
      hits: q.match ? this.names.search(q.match, options).map((hit) => ({ hit, meta: meta(hit.id) })) : [],
    };
  }
}

export type Lane = 'interactive' | 'bulk';

/** The replicas the screening index uses: one in this thread, or one per worker thread. */
export interface Matcher<M> {
  add(entries: ReplicaEntry<M>[]): void;
  remove(ids: string[]): void;
  /** One result per query, in order; `bulk` work (a manifest) yields to interactive work. */
  search(queries: ReplicaQuery[], options: SearchOptions, lane?: Lane): Promise<Array<ReplicaResult<M>>>;
  /** Bulk searches a caller may have in flight at once to keep every worker busy. */
  readonly parallelism: number;
  /** Resolves, with the number of entries, when every change posted so far has been applied everywhere. */
  flush(): Promise<number>;
  /** After a bulk load, before the first search: each worker collects its garbage once, so the collector does not do it later mid-traffic. */
  compact(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A worker's young generation: 192 MB instead of V8's default 48 (16 MB semi-spaces). The objects of a
 * search die young; with the default, a replica under 200 checks/s ran 172 scavenges in 30 s
 * (456 ms in all, up to 18 ms each), with this 46 (143 ms, up to 4.7 ms).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 192 };

/** Nice value of the workers that only bulk work reaches (Linux; elsewhere they run at normal priority). */
const BULK_NICE = 10;

/** The replica in the calling thread (tests, small deployments, one core). */
export class LocalMatcher<M> implements Matcher<M> {
  private replica = new Replica<M>();
  readonly parallelism = 1;
  add(entries: ReplicaEntry<M>[]): void {
    this.replica.add(entries);
  }
  remove(ids: string[]): void {
    this.replica.remove(ids);
  }
  async search(queries: ReplicaQuery[], options: SearchOptions): Promise<Array<ReplicaResult<M>>> {
    // one lane here: give the event loop a turn first, a manifest in slices must not hold up other requests
    await new Promise<void>((resolve) => setImmediate(resolve));
    return queries.map((q) => this.replica.search(q, options));
  }
  flush(): Promise<number> {
    return Promise.resolve(this.replica.size);
  }
  compact(): Promise<void> {
    return Promise.resolve(); // the collector of the serving thread is left to itself
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface Pending<M> {
  resolve: (reply: { results: Array<ReplicaResult<M>>; size: number }) => void;
  reject: (err: Error) => void;
  worker: number;
  size: number;
}

export class WorkerMatcher<M> implements Matcher<M> {
  private workers: Worker[];
  private queued: number[];
  /** Workers 0 … interactive-1 take counter checks; every worker takes bulk slices. */
  private readonly interactive: number;
  private pending = new Map<number, Pending<M>>();
  private nextId = 1;
  private failure: Error | null = null;
  private closing = false;

  constructor(count: number, private readonly onFailure: (err: Error) => void = () => undefined) {
    const url = new URL(`./match-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
    // V8's memory reducer would give a worker's spare pages back some seconds after the build, by
    // full collections of the whole index (pauses of 50-130 ms) in the middle of the traffic. The
    // flag is read when an isolate is created: set here, it holds for the workers created below.
    v8.setFlagsFromString('--no-memory-reducer');
    // Under 200 checks/s a replica's old generation grows by 0.6-1 MB/s, nearly all of it garbage
    // (searches in one thread keep about 50 bytes each once the caches are warm). By default V8
    // collects the whole replica (0.3 GB; on 2 cores a 36 ms pause, incremental steps of up to
    // 20 ms, and marking threads that take both cores) each time it has grown by a tenth: every
    // 30 s or so. Letting it double first (the flag holds for every heap of the process) makes it
    // every 8 minutes or so; a 300 s run at 200 checks/s had none (p99 13 ms, before 56-86 ms).
    v8.setFlagsFromString('--heap-growing-percent=100');
    this.interactive = Math.max(1, Math.ceil(count / 2));
    this.workers = Array.from({ length: count }, (_, i) => {
      const workerData = { nice: i < this.interactive ? 0 : BULK_NICE };
      // the sources are TypeScript: the worker loads them through tsx, as the server does
      const w = url.pathname.endsWith('.ts')
        ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData, resourceLimits: WORKER_LIMITS })
        : new Worker(url, { workerData, resourceLimits: WORKER_LIMITS });
      w.unref(); // an idle matcher never keeps the process alive
      w.on('message', (m: WorkerReply<M>) => this.settle(m));
      w.on('error', (err) => this.fail(new Error(`name matcher worker ${i} failed: ${err.message}`)));
      w.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`name matcher worker ${i} stopped (exit ${code})`));
      });
      return w;
    });
    this.queued = this.workers.map(() => 0);
  }

  get parallelism(): number {
    return this.workers.length;
  }

  add(entries: ReplicaEntry<M>[]): void {
    this.broadcast({ t: 'add', entries });
  }

  remove(ids: string[]): void {
    this.broadcast({ t: 'remove', ids });
  }

  async search(queries: ReplicaQuery[], options: SearchOptions, lane: Lane = 'interactive'): Promise<Array<ReplicaResult<M>>> {
    const n = lane === 'bulk' ? this.workers.length : this.interactive;
    let worker = 0;
    for (let i = 1; i < n; i++) if ((this.queued[i] ?? 0) < (this.queued[worker] ?? 0)) worker = i;
    return (await this.post(worker, queries, options)).results;
  }

  async flush(): Promise<number> {
    // an empty search is answered only after everything posted before it
    const replies = await Promise.all(this.workers.map((_, i) => this.post(i, [], {})));
    return replies[0]?.size ?? 0;
  }

  async compact(): Promise<void> {
    this.broadcast({ t: 'compact' });
    await this.flush();
  }

  private post(worker: number, queries: ReplicaQuery[], options: SearchOptions): Promise<{ results: Array<ReplicaResult<M>>; size: number }> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    this.queued[worker] = (this.queued[worker] ?? 0) + queries.length;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker, size: queries.length });
      this.workers[worker]?.postMessage({ t: 'search', id, queries, options } satisfies WorkerMessage<M>);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.fail(new Error('the name matcher was closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private broadcast(m: WorkerMessage<M>): void {
    for (const w of this.workers) w.postMessage(m);
  }

  private settle(m: WorkerReply<M>): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    this.queued[p.worker] = (this.queued[p.worker] ?? 0) - p.size;
    if ('error' in m) p.reject(new Error(`name matcher: ${m.error}`));
    else p.resolve(m);
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    if (!this.closing) this.onFailure(err);
  }
}
