import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticPeople } from '../../../bench/synthetic-names';
import { LocalMatcher, WorkerMatcher, type ReplicaEntry, type ReplicaQuery } from './match-workers.js';

type Meta = { list: string };
const entries: ReplicaEntry<Meta>[] = [...syntheticPeople(3000, 11)].map((p, i) => ({
  id: `E${i}`,
  match: { id: `E${i}`, names: [p.name], dob: [p.dob], sex: p.sex },
  keys: i % 10 === 0 ? [`document:P${i}`] : [],
  meta: { list: i % 2 ? 'odd' : 'even' },
}));
const queries: ReplicaQuery[] = entries.slice(0, 40).map((e) => ({ match: { name: (e.match?.names[0] ?? '').replace('Muhammad', 'Mohd'), dob: e.match?.dob?.[0] ?? '' }, keys: [] }));

describe('the screening replicas in worker threads', () => {
  const workers = new WorkerMatcher<Meta>(2);
  const local = new LocalMatcher<Meta>();
  afterAll(async () => {
    await workers.close();
  });

  it('answers exactly what the in-thread replica answers, with each entry’s payload', async () => {
    workers.add(entries);
    local.add(entries);
    expect(await workers.flush()).toBe(3000);
    const options = { top: 5 };
    const [a, b] = await Promise.all([Promise.all(queries.map((q) => workers.search([q], options))), local.search(queries, options)]);
    expect(a.map((r) => r[0])).toEqual(b);
    expect(b.flatMap((r) => r.hits).length).toBeGreaterThan(40);
    expect(b[1]?.hits[0]).toMatchObject({ hit: { id: 'E1' }, meta: { list: 'odd' } });
  });

  it('finds entries by exact key, with or without a name', async () => {
    const [byKey, both] = await workers.search([{ match: null, keys: ['document:P20', 'document:NOPE'] }, { ...queries[10]!, keys: ['document:P10'] }], { top: 3 });
    expect(byKey).toEqual({ exact: [{ id: 'E20', key: 'document:P20', meta: { list: 'even' } }], hits: [] });
    expect(both?.exact.map((e) => e.id)).toEqual(['E10']);
    expect(both?.hits[0]?.hit.id).toBe('E10');
  });

  it('a search posted after a change sees it: removed, replaced, added', async () => {
    workers.remove(['E0']);
    workers.add([
      { id: 'E30', match: null, keys: ['document:Q30'], meta: { list: 'moved' } },
      { id: 'NEW', match: { id: 'NEW', names: ['Zarghuna Wazirzada'], dob: ['1990-01-01'] }, keys: [], meta: { list: 'new' } },
    ]);
    const [gone, added, replaced] = await workers.search([{ ...queries[0]!, keys: ['document:P0'] }, { match: { name: 'Zarghoona Wazirzada' }, keys: [] }, { match: null, keys: ['document:P30', 'document:Q30'] }], { top: 3 });
    expect(gone?.hits.map((h) => h.hit.id)).not.toContain('E0');
    expect(gone?.exact).toEqual([]);
    expect(added?.hits[0]).toMatchObject({ hit: { id: 'NEW' }, meta: { list: 'new' } });
    expect(replaced?.exact).toEqual([{ id: 'E30', key: 'document:Q30', meta: { list: 'moved' } }]);
    expect(await workers.flush()).toBe(3000);
  });

  it('bulk work reaches every worker, a counter only the first half; bulk-only workers run at a lower priority', async () => {
    const spy = workers as unknown as { queued: number[] };
    const bulk = Array.from({ length: 8 }, () => workers.search(queries.slice(0, 20), { top: 3 }, 'bulk'));
    expect(spy.queued).toEqual([80, 80]);
    expect((await Promise.all(bulk)).every((r) => r.length === 20)).toBe(true);
    const pending = workers.search([queries[1]!], { top: 3 });
    expect(spy.queued).toEqual([1, 0]);
    expect((await pending)[0]?.hits[0]?.hit.id).toBe('E1');
    if (process.platform === 'linux') {
      // the nice value is field 19 of /proc/<pid>/task/<tid>/stat
      const nice = fs.readdirSync('/proc/self/task').map((t) => Number(fs.readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
      expect(nice.filter((n) => n === 10)).toHaveLength(1);
    }
  });

  it('when a worker stops, every search fails instead of answering "no hits"', async () => {
    const failures: Error[] = [];
    const broken = new WorkerMatcher<Meta>(2, (err) => failures.push(err));
    broken.add(entries.slice(0, 100));
    await broken.search([queries[0]!], { top: 1 });
    await (broken as unknown as { workers: Array<{ terminate(): Promise<number> }> }).workers[1]!.terminate();
    await expect(broken.search([queries[0]!], { top: 1 })).rejects.toThrow(/stopped/);
    expect(failures).toHaveLength(1);
    await broken.close();
  });
});
