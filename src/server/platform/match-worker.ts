// One replica of a MatchIndex in a worker thread (see match-workers.ts): entries arrive in
// batches, searches are answered in the order they were posted, after every earlier change.
import { parentPort } from 'node:worker_threads';
import { MatchIndex, type Hit, type MatchQuery, type SearchOptions, type WatchlistEntry } from '../../matching/index.js';

export type WorkerMessage =
  | { t: 'add'; entries: WatchlistEntry[] }
  | { t: 'remove'; ids: string[] }
  | { t: 'search'; id: number; queries: MatchQuery[]; options: SearchOptions };

export type WorkerReply = { id: number; hits: Hit[][] } | { id: number; error: string };

const index = new MatchIndex();
const port = parentPort;
port?.on('message', (m: WorkerMessage) => {
  if (m.t === 'add') for (const e of m.entries) index.add(e);
  else if (m.t === 'remove') for (const id of m.ids) index.remove(id);
  else {
    let reply: WorkerReply;
    try {
      reply = { id: m.id, hits: m.queries.map((q) => index.search(q, m.options)) };
    } catch (err) {
      reply = { id: m.id, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  }
});
