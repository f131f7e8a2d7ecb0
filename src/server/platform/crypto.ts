// Field encryption: AES-256-GCM with the key id stored beside every value and the record's
// identity (table, column, id) as associated data, so a value copied to another row or column
// does not decrypt. Exact look-ups use keyed HMAC-SHA-256 blind indexes. The keys are their own
// set, never the ones that protect sessions.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface FieldContext {
  table: string;
  column: string;
  id: string;
}

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

const VERSION = 'v1';

export class FieldCipher {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;
  private readonly blindKey: Buffer;

  constructor(keys: Array<{ id: string; key: Buffer }>, blindIndexKey: Buffer) {
    if (keys.length === 0) throw new Error('at least one field-encryption key is required');
    for (const k of keys) {
      if (k.key.length !== 32) throw new Error(`field-encryption key "${k.id}" must be 32 bytes`);
      if (!/^[A-Za-z0-9_-]+$/.test(k.id)) throw new Error(`field-encryption key id "${k.id}" may hold only letters, digits, - and _`);
    }
    if (blindIndexKey.length < 32) throw new Error('the blind-index key must be at least 32 bytes');
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    this.currentKeyId = keys[keys.length - 1]!.id;
    this.blindKey = blindIndexKey;
  }

  encrypt(plaintext: string, ctx: FieldContext): string {
    const key = this.keys.get(this.currentKeyId)!;
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad(ctx, this.currentKeyId));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.currentKeyId, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join(':');
  }

  decrypt(value: string, ctx: FieldContext): string {
    const parts = value.split(':');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new DecryptionError(`${ctx.table}.${ctx.column} is not an encrypted value`);
    const [, keyId, iv, ct, tag] = parts as [string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw new DecryptionError(`${ctx.table}.${ctx.column} was encrypted under key "${keyId}", which is not loaded`);
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(aad(ctx, keyId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError(`${ctx.table}.${ctx.column} of ${ctx.id} failed its integrity check`);
    }
  }

  /** The key id a stored value was encrypted under (for rotation). */
  keyIdOf(value: string): string | undefined {
    const parts = value.split(':');
    return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
  }

  /** Keyed HMAC of a normalised value, for exact look-ups without storing the value. */
  blindIndex(kind: string, normalisedValue: string): string {
    return crypto.createHmac('sha256', this.blindKey).update(`${kind}\u0000${normalisedValue}`).digest('base64url');
  }
}

function aad(ctx: FieldContext, keyId: string): Buffer {
  return Buffer.from(`${ctx.table}\u0000${ctx.column}\u0000${ctx.id}\u0000${keyId}`, 'utf8');
}

interface KeyFile {
  fieldKeys: Array<{ id: string; key: string }>;
  blindIndexKey: string;
}

export function parseKeyList(spec: string): Array<{ id: string; key: Buffer }> {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const i = entry.indexOf(':');
      if (i <= 0) throw new Error('HIFAZAT_FIELD_KEYS must look like "keyid:base64key,keyid2:base64key2"');
      return { id: entry.slice(0, i), key: Buffer.from(entry.slice(i + 1), 'base64') };
    });
}

/**
 * Keys come from the environment in production. Otherwise they live in DATA_DIR/keys.json,
 * generated on first start with owner-only permissions.
 */
export function loadFieldCipher(opts: { fieldKeys?: string | undefined; blindIndexKey?: string | undefined; dataDir: string; production: boolean }): FieldCipher {
  if (opts.fieldKeys || opts.blindIndexKey) {
    if (!opts.fieldKeys || !opts.blindIndexKey) throw new Error('set both HIFAZAT_FIELD_KEYS and HIFAZAT_BLIND_INDEX_KEY, or neither');
    return new FieldCipher(parseKeyList(opts.fieldKeys), Buffer.from(opts.blindIndexKey, 'base64'));
  }
  if (opts.production) throw new Error('production needs HIFAZAT_FIELD_KEYS and HIFAZAT_BLIND_INDEX_KEY in the environment');
  const file = path.join(opts.dataDir, 'keys.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    const generated: KeyFile = { fieldKeys: [{ id: newKeyId(), key: crypto.randomBytes(32).toString('base64') }], blindIndexKey: crypto.randomBytes(32).toString('base64') };
    fs.writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600, flag: 'wx' });
  }
  const kf = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  return new FieldCipher(
    kf.fieldKeys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') })),
    Buffer.from(kf.blindIndexKey, 'base64'),
  );
}

/** Adds a new current key to DATA_DIR/keys.json (the old ones stay to decrypt until rotation ends). */
export function addKeyToFile(dataDir: string): string {
  const file = path.join(dataDir, 'keys.json');
  const kf = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  const id = newKeyId();
  kf.fieldKeys.push({ id, key: crypto.randomBytes(32).toString('base64') });
  fs.writeFileSync(file, JSON.stringify(kf, null, 2), { mode: 0o600 });
  return id;
}

function newKeyId(): string {
  return `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}${crypto.randomBytes(3).toString('hex')}`;
}

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}
