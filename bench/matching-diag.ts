/**
 * Matcher diagnosis (not a test): `npx tsx bench/matching-diag.ts [--n 30] [--all] [--size N] [--dob] [--nonshare]`.
 * Indexes the primary names of the development lists (no distractors, or --size N synthetic ones; --dob adds the date of birth), queries with every alias,
 * and prints the aliases whose right person is NOT in the top 10 although alias and listed name
 * share a name part (same letters, or same consonant skeleton), with the rank found (or "not
 * generated"), the parsed parts of both names and the best hit, so one can tell blocking,
 * normalisation and ranking failures apart. --nonshare prints the misses that share NO part instead
 * (to see what a date of birth can still find).
 */
import { readFileSync } from 'node:fs';
import { MatchIndex, nameParts, type WatchlistEntry } from '../src/matching';
import { syntheticPeople } from './synthetic-names';

interface DevRow { id: string; name: string; aliases?: Array<string | { name: string }>; dob?: string[]; nationality?: string[] }
const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--n') + 1] ?? 0) || 30;
const files = ['un-individuals-dev.jsonl', 'ofac-consolidated-individuals-dev.jsonl'];
const rows: DevRow[] = files.flatMap((f) => readFileSync(`/work/shared/data/${f}`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as DevRow));
const entries: WatchlistEntry[] = rows.map((r) => ({ id: r.id, names: [r.name], dob: r.dob ?? [], nationality: r.nationality ?? [] }));
const byId = new Map(rows.map((r) => [r.id, r]));
const SIZE = Number(args[args.indexOf('--size') + 1] ?? 0) || 0;
const WITH_DOB = args.includes('--dob');
const idx = new MatchIndex();
let k = 0;
for (const p of syntheticPeople(SIZE, 20240601)) idx.add({ id: `SYN-${k++}`, names: [p.name], dob: [p.dob], sex: p.sex, nationality: ['Pakistan'] });
for (const e of entries) idx.add(e);

const STOP = new Set(['al', 'el', 'ad', 'ud', 'ul', 'ur', 'abu', 'abou', 'bin', 'ibn', 'ben', 'bint', 'ould', 'dr', 'haji', 'mr', 'mrs']);
const rawTokens = (s: string): string[] => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}]+/u).filter((t) => t.length > 1 && !STOP.has(t));
const shares = (a: string, b: string): boolean => {
  const ta = new Set(rawTokens(a));
  if (rawTokens(b).some((t) => ta.has(t))) return true;
  const sa = new Set(nameParts(a).filter((p) => p.kind === 'name').map((p) => p.skeleton));
  return nameParts(b).some((p) => p.kind === 'name' && sa.has(p.skeleton));
};
const show = (s: string): string => nameParts(s).map((p) => `${p.text}[${p.skeleton}${p.kind === 'name' ? '' : ',' + p.kind}]`).join(' ');

let total = 0, sharing = 0, found = 0, foundSharing = 0, notGenerated = 0, rankedLow = 0;
const misses: string[] = [];
for (const r of rows) {
  for (const a of r.aliases ?? []) {
    const name = typeof a === 'string' ? a : a.name;
    total++;
    const share = shares(name, r.name);
    if (share) sharing++;
    const hits = idx.search(WITH_DOB ? { name, dob: r.dob?.[0] } : { name }, { top: 1000 });
    const rank = hits.findIndex((h) => h.id === r.id);
    const ok = rank >= 0 && rank < 10;
    if (ok) { found++; if (share) foundSharing++; continue; }
    if (share === args.includes('--nonshare')) continue;
    if (rank < 0) notGenerated++; else rankedLow++;
    const mine = hits[rank];
    const best = hits[0];
    misses.push([
      `${rank < 0 ? 'NOT GENERATED' : `rank ${rank + 1}`}  ${r.id}`,
      `  alias : ${name}\n          ${show(name)}`,
      `  listed: ${r.name}\n          ${show(r.name)}`,
      mine ? `  right : score ${mine.score} name ${mine.explanation.nameScore} parts ${mine.explanation.parts.map((p) => `${p.query}~${p.candidate}:${p.how}:${p.similarity}`).join(' ')}` : '',
      best ? `  best  : ${best.id} ${byId.get(best.id)?.name} score ${best.score} name ${best.explanation.nameScore}` : '  best  : (no hits)',
    ].filter(Boolean).join('\n'));
  }
}
console.log(misses.slice(0, args.includes('--all') ? misses.length : N).join('\n\n'));
console.log(`\n${total} aliases; ${sharing} share a name part (${(sharing / total).toFixed(3)}); found in top 10: ${found} (${(found / total).toFixed(3)}), of the sharing ones ${foundSharing}`);
console.log(`sharing but missed: ${notGenerated} not generated/no part matched, ${rankedLow} ranked below 10`);
