import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'match-cli-'));
const list = join(dir, 'list.jsonl');
const queries = join(dir, 'queries.jsonl');
writeFileSync(list, [
  JSON.stringify({ id: 'L1', name: 'Muhammad Yusuf Tareen', aliases: [{ name: 'M. Yousaf Tarin', quality: 'Good' }, 'Yusuf Tareen'], dob: ['1970-01-02'], nationality: ['Pakistan'] }),
  JSON.stringify({ id: 'L2', name: 'Yasir Ali Baloch', dob: ['1980'] }),
].join('\n') + '\n');
writeFileSync(queries, [
  JSON.stringify({ qid: 'q1', name: 'Mohammad Yousaf Tareen', dob: '1970-01-02' }),
  JSON.stringify({ qid: 'q2', name: 'محمد یوسف ترین' }),
  JSON.stringify({ qid: 'q3', name: 'Yasir Baloch', dob: '1980' }),
].join('\n') + '\n');

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/match.ts', ...args], { encoding: 'utf8' });

describe('match CLI', () => {
  it('writes one JSON line per query, best hit first, with alert and explanation', () => {
    const r = run('--list', list, '--queries', queries, '--top', '2');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { qid: string; hits: Array<{ id: string; score: number; alert: boolean; explanation: { parts: unknown[] } }> });
    expect(lines.map((l) => l.qid)).toEqual(['q1', 'q2', 'q3']);
    expect(lines[0]?.hits[0]).toMatchObject({ id: 'L1', alert: true });
    expect(lines[0]?.hits[0]?.explanation.parts.length).toBe(3);
    expect(lines[1]?.hits[0]?.id).toBe('L1');
    expect(lines[2]?.hits[0]?.id).toBe('L2');
    expect(lines.every((l) => l.hits.length <= 2)).toBe(true);
  });
  it('exits 2 with a one-line message for a missing file or a malformed line', () => {
    const missing = run('--list', join(dir, 'nope.jsonl'), '--queries', queries);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/file not found/);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, JSON.stringify({ qid: 'ok', name: 'A' }) + '\n{"qid": "x",\n');
    const r = run('--list', list, '--queries', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl:2: malformed JSON line/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
