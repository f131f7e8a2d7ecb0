// The registry's in-memory name index: built from the database on start, kept current by the
// persons service after each committed change. A merged person's names fold into the person
// they were merged into, so a search by the old spelling finds the surviving record.
import { and, asc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { MatchIndex, type Hit, type MatchQuery } from '../../../matching/index.js';
import { persons } from '../../db/schema.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { queryRows, type Executor } from '../../platform/db.js';
import { IDENTITY_FIELD, matchEntryOf, type PersonIdentity } from './identity.js';

interface Row {
  id: string;
  identity: string;
  sex: string | null;
  nationality: string | null;
  mergedInto: string | null;
}

export class RegistryIndex {
  private index = new MatchIndex();

  get size(): number {
    return this.index.size;
  }

  /**
   * (Re)builds from every person in the database, in batches, so memory holds one batch of
   * decrypted identities at a time (the national registry has millions of people).
   */
  async load(db: Executor, cipher: FieldCipher, batchSize = 5000): Promise<void> {
    const cols = { id: persons.id, identity: persons.identity, sex: persons.sex, nationality: persons.nationality, mergedInto: persons.mergedInto };
    // Merged records are few: fold their names into the record that survives.
    const merged: Row[] = await db.select(cols).from(persons).where(isNotNull(persons.mergedInto));
    const byId = new Map(merged.map((r) => [r.id, r]));
    const folded = new Map<string, string[]>();
    for (const r of merged) {
      const id = JSON.parse(cipher.decrypt(r.identity, IDENTITY_FIELD(r.id))) as PersonIdentity;
      const root = rootOf(r.id, byId);
      folded.set(root, [...(folded.get(root) ?? []), id.name, ...(id.nameUrdu ? [id.nameUrdu] : []), ...id.aliases]);
    }
    const index = new MatchIndex();
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Row[] = await db
        .select(cols)
        .from(persons)
        .where(and(isNull(persons.mergedInto), gt(persons.id, after)))
        .orderBy(asc(persons.id))
        .limit(batchSize);
      for (const r of rows) index.add(matchEntryOf(r.id, JSON.parse(cipher.decrypt(r.identity, IDENTITY_FIELD(r.id))) as PersonIdentity, r, folded.get(r.id)));
      if (rows.length < batchSize) break;
      after = rows[rows.length - 1]!.id;
    }
    this.index = index;
  }

  /** Re-reads one surviving person and everything merged into it. */
  async refresh(db: Executor, cipher: FieldCipher, personId: string): Promise<void> {
    const [row] = await db.select({ id: persons.id, identity: persons.identity, sex: persons.sex, nationality: persons.nationality, mergedInto: persons.mergedInto }).from(persons).where(eq(persons.id, personId));
    if (!row) return;
    if (row.mergedInto) {
      this.index.remove(row.id);
      return;
    }
    const merged = await collectMerged(db, personId);
    const folded: string[] = [];
    for (const m of merged) {
      const id = JSON.parse(cipher.decrypt(m.identity, IDENTITY_FIELD(m.id))) as PersonIdentity;
      folded.push(id.name, ...(id.nameUrdu ? [id.nameUrdu] : []), ...id.aliases);
    }
    const identity = JSON.parse(cipher.decrypt(row.identity, IDENTITY_FIELD(row.id))) as PersonIdentity;
    this.index.update(matchEntryOf(row.id, identity, row, folded));
  }

  /**
   * Adds a person just registered, from the identity already in hand (nothing can have been
   * merged into a record that did not exist). Edits and merges go through `refresh`.
   */
  addNew(personId: string, identity: PersonIdentity, extra: { sex?: string | null; nationality?: string | null }): void {
    this.index.add(matchEntryOf(personId, identity, extra));
  }

  /** Hits best first; with `minScore`, only hits at or above it (the search is pruned to them). */
  search(query: MatchQuery, top: number, minScore?: number): Hit[] {
    return this.index.search(query, minScore === undefined ? { top } : { top, minScore });
  }
}

function rootOf(id: string, byId: Map<string, Row>): string {
  let cur = id;
  for (let i = 0; i < 100; i++) {
    const next = byId.get(cur)?.mergedInto;
    if (!next) return cur;
    cur = next;
  }
  return cur;
}

/** Every person merged (directly or through others) into personId. */
function collectMerged(db: Executor, personId: string): Promise<Array<{ id: string; identity: string }>> {
  return queryRows<{ id: string; identity: string }>(
    db,
    sql`WITH RECURSIVE m AS (
          SELECT id, identity FROM persons WHERE merged_into = ${personId}
          UNION ALL
          SELECT p.id, p.identity FROM persons p JOIN m ON p.merged_into = m.id
        ) SELECT id::text AS id, identity FROM m`,
  );
}
