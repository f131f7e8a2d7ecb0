import { afterAll, describe, expect, it } from 'vitest';
import { syntheticPeople } from '../../../bench/synthetic-names';
import type { WatchlistEntry } from '../../matching/index.js';
import { LocalMatcher, WorkerMatcher } from './match-workers.js';

const entries: WatchlistEntry[] = [...syntheticPeople(3000, 11)].map((p, i) => ({ id: `E${i}`, names: [p.name], dob: [p.dob], sex: p.sex }));
const queries = entries.slice(0, 40).map((e) => ({ name: (e.names[0] ?? '').replace('Muhammad', 'Mohd'), dob: e.dob?.[0] ?? '' }));

describe('the name matcher replicated in worker threads', () => {
  const workers = new WorkerMatcher(2);
  const local = new LocalMatcher();
  afterAll(async () => {
    await workers.close();
  });

  it('answers exactly what the in-thread matcher answers', async () => {
    workers.add(entries);
    local.add(entries);
    const options = { top: 5 };
    const [a, b] = await Promise.all([Promise.all(queries.map((q) => workers.search([q], options))), local.search(queries, options)]);
    expect(a.map((r) => r[0])).toEqual(b);
    expect(b.flat().length).toBeGreaterThan(40);
  });

  it('a search posted after a change sees it', async () => {
    workers.remove(['E0']);
    workers.add([{ id: 'NEW', names: ['Zarghuna Wazirzada'], dob: ['1990-01-01'] }]);
    const [gone, added] = await workers.search([queries[0]!, { name: 'Zarghoona Wazirzada' }], { top: 3 });
    expect(gone?.map((h) => h.id)).not.toContain('E0');
    expect(added?.[0]?.id).toBe('NEW');
  });

  it('when a worker stops, every search fails instead of answering "no hits"', async () => {
    const failures: Error[] = [];
    const broken = new WorkerMatcher(2, (err) => failures.push(err));
    broken.add(entries.slice(0, 100));
    await broken.search([queries[0]!], { top: 1 });
    await (broken as unknown as { workers: Array<{ terminate(): Promise<number> }> }).workers[1]!.terminate();
    await expect(broken.search([queries[0]!], { top: 1 })).rejects.toThrow(/stopped/);
    expect(failures).toHaveLength(1);
    await broken.close();
  });
});
