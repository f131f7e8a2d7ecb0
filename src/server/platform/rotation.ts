// Key rotation: every field-encrypted column, listed once here, re-encrypted under the current
// key id where it was written under an older one. Modules add their columns to ENCRYPTED_COLUMNS.
import { sql } from 'drizzle-orm';
import { queryRows } from './db.js';
import type { Deps } from './http.js';

export interface EncryptedColumn {
  table: string;
  column: string;
  idColumn: string;
}

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: 'users', column: 'totp_secret', idColumn: 'id' },
  { table: 'users', column: 'totp_pending_secret', idColumn: 'id' },
  { table: 'persons', column: 'identity', idColumn: 'id' },
  { table: 'evidence_blobs', column: 'content', idColumn: 'sha256' },
];

/** Re-encrypts values not under the current key. Returns how many values changed. */
export async function rotateFieldKeys(deps: Deps, columns: EncryptedColumn[] = ENCRYPTED_COLUMNS): Promise<number> {
  const { cipher } = deps;
  let changed = 0;
  for (const c of columns) {
    const table = sql.identifier(c.table);
    const col = sql.identifier(c.column);
    const idCol = sql.identifier(c.idColumn);
    const current = `v1:${cipher.currentKeyId}:%`;
    for (;;) {
      const rows = await queryRows<{ id: string; value: string }>(
        deps.db,
        sql`SELECT ${idCol}::text AS id, ${col} AS value FROM ${table} WHERE ${col} IS NOT NULL AND ${col} NOT LIKE ${current} LIMIT 500`,
      );
      if (rows.length === 0) break;
      await deps.db.transaction(async (tx) => {
        for (const row of rows) {
          const ctx = { table: c.table, column: c.column, id: row.id };
          const value = cipher.encrypt(cipher.decrypt(row.value, ctx), ctx);
          await tx.execute(sql`UPDATE ${table} SET ${col} = ${value} WHERE ${idCol}::text = ${row.id}`);
          changed += 1;
        }
      });
    }
  }
  return changed;
}
