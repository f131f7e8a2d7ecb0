import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, testEnv, type TestEnv } from '../../../test/support.js';
import { users } from '../db/schema.js';
import { DecryptionError, FieldCipher } from './crypto.js';
import { rotateFieldKeys } from './rotation.js';

const key = () => crypto.randomBytes(32);
const ctx = { table: 'persons', column: 'cnic', id: 'p-1' };

describe('field encryption', () => {
  const cipher = new FieldCipher([{ id: 'k1', key: key() }], key());

  it('round-trips and carries its key id', () => {
    const value = cipher.encrypt('35202-1234567-1', ctx);
    expect(value.startsWith('v1:k1:')).toBe(true);
    expect(cipher.decrypt(value, ctx)).toBe('35202-1234567-1');
  });

  it('ciphertext reveals nothing: no plaintext, no digits pattern, different each time', () => {
    const a = cipher.encrypt('35202-1234567-1', ctx);
    const b = cipher.encrypt('35202-1234567-1', ctx);
    expect(a).not.toBe(b);
    expect(a).not.toContain('35202');
    expect(a).not.toContain(Buffer.from('35202').toString('base64url'));
  });

  it('rejects a tampered value', () => {
    const value = cipher.encrypt('0300-1234567', ctx);
    const parts = value.split(':');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[3] = ct.toString('base64url');
    expect(() => cipher.decrypt(parts.join(':'), ctx)).toThrow(DecryptionError);
  });

  it('rejects a value moved to another record or column (associated data)', () => {
    const value = cipher.encrypt('secret', ctx);
    expect(() => cipher.decrypt(value, { ...ctx, id: 'p-2' })).toThrow(/integrity/);
    expect(() => cipher.decrypt(value, { ...ctx, column: 'phone' })).toThrow(/integrity/);
  });

  it('blind indexes are stable for one key and differ under another', () => {
    const other = new FieldCipher([{ id: 'k1', key: key() }], key());
    expect(cipher.blindIndex('cnic', '3520212345671')).toBe(cipher.blindIndex('cnic', '3520212345671'));
    expect(cipher.blindIndex('cnic', '3520212345671')).not.toBe(other.blindIndex('cnic', '3520212345671'));
    expect(cipher.blindIndex('cnic', '3520212345671')).not.toBe(cipher.blindIndex('phone', '3520212345671'));
  });

  it('refuses weak key material', () => {
    expect(() => new FieldCipher([{ id: 'k1', key: crypto.randomBytes(16) }], key())).toThrow(/32 bytes/);
  });
});

describe('encryption in the database and key rotation', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv();
  });
  afterAll(() => env.close());

  it('stores TOTP secrets encrypted, and rotation re-encrypts them under the new key', async () => {
    const user = await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-LHR' });
    const [row] = await env.deps.db.select({ s: users.totpSecret }).from(users).where(eq(users.id, user.id));
    expect(row!.s).not.toContain(user.totpSecret);
    const raw = await env.deps.db.execute(sql`SELECT count(*)::int AS n FROM users WHERE totp_secret LIKE ${`%${user.totpSecret}%`}`);
    expect((raw as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(0);

    const oldKey = { id: 'test1', key: (env.deps.cipher as unknown as { keys: Map<string, Buffer> }).keys.get('test1')! };
    const rotated = new FieldCipher([oldKey, { id: 'k2', key: key() }], crypto.randomBytes(32));
    const n = await rotateFieldKeys({ ...env.deps, cipher: rotated });
    expect(n).toBeGreaterThanOrEqual(1);
    const [after] = await env.deps.db.select({ s: users.totpSecret }).from(users).where(eq(users.id, user.id));
    expect(after!.s!.startsWith('v1:k2:')).toBe(true);
    expect(rotated.decrypt(after!.s!, { table: 'users', column: 'totp_secret', id: user.id })).toBe(user.totpSecret);
    expect(await rotateFieldKeys({ ...env.deps, cipher: rotated })).toBe(0);
  });
});
