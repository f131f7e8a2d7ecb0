// One replica of the screening data in a worker thread (see match-workers.ts): entries arrive in
// batches, searches are answered in the order they were posted, after every earlier change.
import fs from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { SearchOptions } from '../../matching/index.js';
import { Replica, type ReplicaEntry, type ReplicaQuery, type ReplicaResult } from './match-workers.js';

export type WorkerMessage<M> =
  | { t: 'add'; entries: ReplicaEntry<M>[] }
  | { t: 'remove'; ids: string[] }
  | { t: 'compact' }
  | { t: 'search'; id: number; queries: ReplicaQuery[]; options: SearchOptions };

export type WorkerReply<M> = { id: number; results: Array<ReplicaResult<M>>; size: number } | { id: number; error: string };

// A bulk-only worker lowers its own thread's priority: on Linux a thread id is a valid target of
// setpriority(2), and /proc/thread-self names this thread.
const nice = (workerData as { nice?: number } | null)?.nice ?? 0;
if (nice > 0) {
  try {
    os.setPriority(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()), nice);
  } catch {
    // not Linux: the worker keeps the process's priority
  }
}

// A full collection on request, after the index is built and before it serves (Node exposes gc()
// only behind this flag; it is set in this worker's own context).
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

const replica = new Replica<unknown>();
const port = parentPort;
port?.on('message', (m: WorkerMessage<unknown>) => {
  if (m.t === 'add') replica.add(m.entries);
  else if (m.t === 'remove') replica.remove(m.ids);
  else if (m.t === 'compact') collect();
  else {
    let reply: WorkerReply<unknown>;
    try {
      reply = { id: m.id, results: m.queries.map((q) => replica.search(q, m.options)), size: replica.size };
    } catch (err) {
      reply = { id: m.id, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  }
});
