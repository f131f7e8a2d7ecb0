/**
 * npm run --silent match -- --list LIST.jsonl --queries QUERIES.jsonl [--top K]
 * Builds the name index once from LIST (streamed), then writes one JSON line per query:
 * {"qid","hits":[{"id","score","alert","explanation"}]} best first.
 * Exit code 2 with a one-line message for a missing file, a bad argument or a malformed line.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { MatchIndex } from '../src/matching';

class UsageError extends Error {}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

async function* jsonLines(file: string): AsyncGenerator<{ value: Record<string, unknown>; line: number }> {
  if (!existsSync(file)) throw new UsageError(`file not found: ${file}`);
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new UsageError(`${file}:${line}: malformed JSON line`);
    }
    if (!isObj(value)) throw new UsageError(`${file}:${line}: expected a JSON object`);
    yield { value, line };
  }
}

async function main(): Promise<void> {
  const list = arg('list');
  const queries = arg('queries');
  const top = Number(arg('top') ?? 10);
  if (!list || !queries) throw new UsageError('usage: match --list LIST.jsonl --queries QUERIES.jsonl [--top K]');
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive integer, got ${arg('top')}`);
  if (!existsSync(queries)) throw new UsageError(`file not found: ${queries}`);

  const index = new MatchIndex();
  for await (const { value: v, line } of jsonLines(list)) {
    if (typeof v.id !== 'string' && typeof v.id !== 'number') throw new UsageError(`${list}:${line}: missing "id"`);
    if (typeof v.name !== 'string' || !v.name.trim()) throw new UsageError(`${list}:${line}: missing "name"`);
    const aliases = Array.isArray(v.aliases)
      ? v.aliases.map((a) => (typeof a === 'string' ? a : isObj(a) && typeof a.name === 'string' ? a.name : '')).filter(Boolean)
      : [];
    index.add({ id: String(v.id), names: [v.name, ...aliases], dob: strList(v.dob), nationality: strList(v.nationality) });
  }

  const out = process.stdout;
  for await (const { value: q, line } of jsonLines(queries)) {
    if (typeof q.qid !== 'string' && typeof q.qid !== 'number') throw new UsageError(`${queries}:${line}: missing "qid"`);
    if (typeof q.name !== 'string') throw new UsageError(`${queries}:${line}: missing "name"`);
    const dob = strList(q.dob)[0];
    const nationality = strList(q.nationality)[0];
    const hits = index.search({ name: q.name, dob, nationality }, { top });
    const ok = out.write(JSON.stringify({ qid: q.qid, hits }) + '\n');
    if (!ok) await new Promise((r) => out.once('drain', r));
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`match: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
