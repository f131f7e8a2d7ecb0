// The name matcher on more than one core: every worker thread holds a full replica of the same
// MatchIndex (built from the same batches of entries, in the same order), and each search goes
// to the worker with the least work queued. A search posted after a change is answered after
// it (a worker handles its messages in order). If a worker dies, every pending and later search
// fails with an error — a counter is never told "clear" by a broken matcher — until the owner
// rebuilds the pool.
import { Worker } from 'node:worker_threads';
import { MatchIndex, type Hit, type MatchQuery, type SearchOptions, type WatchlistEntry } from '../../matching/index.js';
import type { WorkerMessage, WorkerReply } from './match-worker.js';

/** The matcher the screening index uses: in this thread, or replicated in worker threads. */
export interface Matcher {
  add(entries: WatchlistEntry[]): void;
  remove(ids: string[]): void;
  /** One result list per query, in order. */
  search(queries: MatchQuery[], options: SearchOptions): Promise<Hit[][]>;
  /** Queries a caller may have in flight at once to keep every worker busy. */
  readonly parallelism: number;
  /** Resolves when every change posted so far has been applied everywhere. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** The matcher in the calling thread (tests, small deployments, one core). */
export class LocalMatcher implements Matcher {
  private index = new MatchIndex();
  readonly parallelism = 1;
  add(entries: WatchlistEntry[]): void {
    for (const e of entries) this.index.add(e);
  }
  remove(ids: string[]): void {
    for (const id of ids) this.index.remove(id);
  }
  async search(queries: MatchQuery[], options: SearchOptions): Promise<Hit[][]> {
    // give the event loop a turn first: a manifest in slices must not hold up other requests
    await new Promise<void>((resolve) => setImmediate(resolve));
    return queries.map((q) => this.index.search(q, options));
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface Pending {
  resolve: (hits: Hit[][]) => void;
  reject: (err: Error) => void;
  worker: number;
  size: number;
}

export class WorkerMatcher implements Matcher {
  private workers: Worker[];
  private queued: number[];
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;
  private closing = false;

  constructor(count: number, private readonly onFailure: (err: Error) => void = () => undefined) {
    const url = new URL(`./match-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
    this.workers = Array.from({ length: count }, (_, i) => {
      // the sources are TypeScript: the worker loads them through tsx, as the server does
      const w = url.pathname.endsWith('.ts')
        ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true })
        : new Worker(url);
      w.unref(); // an idle matcher never keeps the process alive
      w.on('message', (m: WorkerReply) => this.settle(m));
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

  add(entries: WatchlistEntry[]): void {
    this.broadcast({ t: 'add', entries });
  }

  remove(ids: string[]): void {
    this.broadcast({ t: 'remove', ids });
  }

  search(queries: MatchQuery[], options: SearchOptions): Promise<Hit[][]> {
    let worker = 0;
    for (let i = 1; i < this.queued.length; i++) if ((this.queued[i] ?? 0) < (this.queued[worker] ?? 0)) worker = i;
    return this.post(worker, queries, options);
  }

  async flush(): Promise<void> {
    // an empty search is answered only after everything posted before it
    await Promise.all(this.workers.map((_, i) => this.post(i, [], {})));
  }

  private post(worker: number, queries: MatchQuery[], options: SearchOptions): Promise<Hit[][]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    this.queued[worker] = (this.queued[worker] ?? 0) + queries.length;
    return new Promise<Hit[][]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker, size: queries.length });
      this.workers[worker]?.postMessage({ t: 'search', id, queries, options } satisfies WorkerMessage);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.fail(new Error('the name matcher was closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private broadcast(m: WorkerMessage): void {
    for (const w of this.workers) w.postMessage(m);
  }

  private settle(m: WorkerReply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    this.queued[p.worker] = (this.queued[p.worker] ?? 0) - p.size;
    if ('error' in m) p.reject(new Error(`name matcher: ${m.error}`));
    else p.resolve(m.hits);
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    if (!this.closing) this.onFailure(err);
  }
}
