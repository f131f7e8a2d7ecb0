// Flood protection for the public forms, with no third party: a proof-of-work challenge. The
// server hands out `challenge` (expiry, difficulty and a random id, HMAC-signed with a key
// derived from the server's blind-index key, so every app instance can verify it); the browser
// finds a nonce such that sha256(challenge + nonce) starts with `difficulty` zero bits; the
// server checks the signature, the expiry, the work, and that the challenge was not spent before
// (spent ids are kept in the database until they expire, so single use holds across instances).
// When more reports than `floodPerMinute` arrive in a minute, new challenges get the stricter
// difficulty. Address-based rate limits live in memory only (routes.ts): nothing is stored.
import crypto from 'node:crypto';
import { lt } from 'drizzle-orm';
import { helplineSpentChallenges } from '../../db/schema.js';
import type { Executor, Tx } from '../../platform/db.js';
import { AppError, tooMany } from '../../platform/errors.js';
import type { FieldCipher } from '../../platform/crypto.js';

/** The abuse limits of the public forms (tests lower or raise them). */
export const abuseLimits = {
  /** Leading zero bits normally: about 65 000 hashes, a fraction of a second in a browser. */
  difficulty: 16,
  /** Leading zero bits while flooded: 16× the work. */
  floodDifficulty: 20,
  /** Reports and complaints per minute (all addresses together) above which the flood difficulty applies. */
  floodPerMinute: 60,
  /** Submissions per address per 10 minutes (kept in memory only). */
  perAddressPer10Minutes: 10,
  /** Challenges per address per minute. */
  challengesPerAddressPerMinute: 30,
  /** How long a challenge can be solved and used. */
  ttlMs: 10 * 60_000,
};

const recent: number[] = [];

/** Counts one submission toward the global flood meter (in memory, per instance). */
export function countSubmission(now = Date.now()): void {
  recent.push(now);
  while (recent.length && recent[0]! < now - 60_000) recent.shift();
}

export function flooded(now = Date.now()): boolean {
  while (recent.length && recent[0]! < now - 60_000) recent.shift();
  return recent.length >= abuseLimits.floodPerMinute;
}

/** Resets the flood meter (tests). */
export function resetFloodMeter(): void {
  recent.length = 0;
}

const keyOf = (cipher: FieldCipher) => Buffer.from(cipher.blindIndex('helpline-proof-of-work-key', 'v1'));
const sign = (cipher: FieldCipher, body: string) => crypto.createHmac('sha256', keyOf(cipher)).update(body).digest('base64url');

export function issueChallenge(cipher: FieldCipher, now = Date.now()): { challenge: string; difficulty: number; expiresAt: string } {
  const difficulty = flooded(now) ? abuseLimits.floodDifficulty : abuseLimits.difficulty;
  const expires = now + abuseLimits.ttlMs;
  const body = `${expires}.${difficulty}.${crypto.randomBytes(12).toString('base64url')}`;
  return { challenge: `${body}.${sign(cipher, body)}`, difficulty, expiresAt: new Date(expires).toISOString() };
}

/** Number of leading zero bits of a digest. */
export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** What a client does: the first nonce that solves the challenge. */
export function solveChallenge(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    if (leadingZeroBits(crypto.createHash('sha256').update(challenge + nonce).digest()) >= difficulty) return nonce;
  }
}

const refused = (message: string) => new AppError(400, 'proof_of_work', message);

/** Checks a solved challenge and spends it (inside the transaction that stores the submission). */
export async function spendChallenge(tx: Tx, cipher: FieldCipher, pow: { challenge: string; nonce: string } | undefined, now = Date.now()): Promise<void> {
  if (!pow) throw refused('Solve the anti-flood challenge first (GET /api/v1/helpline/challenge).');
  const parts = pow.challenge.split('.');
  if (parts.length !== 4) throw refused('The anti-flood challenge is not one this server gave out.');
  const [expires, difficulty, id, mac] = parts as [string, string, string, string];
  const body = `${expires}.${difficulty}.${id}`;
  const expected = sign(cipher, body);
  if (mac.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) throw refused('The anti-flood challenge is not one this server gave out.');
  if (Number(expires) < now) throw refused('The anti-flood challenge has expired. Ask for a new one and send the form again.');
  const digest = crypto.createHash('sha256').update(pow.challenge + pow.nonce).digest();
  if (leadingZeroBits(digest) < Number(difficulty)) throw refused('The anti-flood challenge was not solved.');
  const spent = await tx
    .insert(helplineSpentChallenges)
    .values({ id, expiresAt: new Date(Number(expires)) })
    .onConflictDoNothing()
    .returning({ id: helplineSpentChallenges.id });
  if (spent.length === 0) throw tooMany('This anti-flood challenge was already used. Ask for a new one.', 1);
}

/** Forgets spent challenges once they have expired anyway (the scheduler). */
export async function purgeSpentChallenges(db: Executor, now = new Date()): Promise<void> {
  await db.delete(helplineSpentChallenges).where(lt(helplineSpentChallenges.expiresAt, now));
}
