import { readFileSync } from 'node:fs';
import { MatchIndex } from '../src/matching';
interface Row { id: string; name: string; aliases?: Array<string | { name: string }>; dob?: string[]; nationality?: string[] }
const rows: Row[] = ['un-individuals-dev.jsonl', 'ofac-consolidated-individuals-dev.jsonl'].flatMap((f) =>
  readFileSync(`/work/shared/data/${f}`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row));
const idx = new MatchIndex();
for (const r of rows) idx.add({ id: r.id, names: [r.name], dob: r.dob, nationality: r.nationality });
let n = 0, r1 = 0, r10 = 0, d1 = 0, d10 = 0;
const misses: string[] = [];
for (const r of rows) for (const a of r.aliases ?? []) {
  const name = typeof a === 'string' ? a : a.name;
  n++;
  const h = idx.search({ name }, { top: 10 });
  const rank = h.findIndex((x) => x.id === r.id);
  if (rank === 0) r1++; if (rank >= 0) r10++;
  else misses.push(`${name}  =>  ${r.name}   [top: ${h[0]?.explanation.matchedName} ${h[0]?.score}]`);
  const hd = idx.search({ name, dob: r.dob?.[0] }, { top: 10 });
  const rd = hd.findIndex((x) => x.id === r.id);
  if (rd === 0) d1++; if (rd >= 0) d10++;
}
console.log({ n, r1: r1 / n, r10: r10 / n, d1: d1 / n, d10: d10 / n });
if (process.argv[2]) console.log(misses.join('\n'));
