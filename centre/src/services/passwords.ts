import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt with a per-password salt: `scrypt$N$salt$hash`. */
export async function hashPassword(pw: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pw, salt);
  return `scrypt$16384$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(pw: string, stored: string): Promise<boolean> {
  const [kind, , salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const key = await derive(pw, Buffer.from(salt, 'base64url'));
  const want = Buffer.from(hash, 'base64url');
  return want.length === key.length && timingSafeEqual(want, key);
}

function derive(pw: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(pw.normalize('NFC'), salt, 32, { N: 16384, r: 8, p: 1 }, (e, k) => (e ? reject(e) : resolve(k))));
}

/**
 * Tokens and hall keys are long random strings, so a fast hash is enough to store them: nobody can
 * guess one from its sha256, and a lookup by hash needs no per-row salt.
 */
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newSecret = (bytes = 24) => randomBytes(bytes).toString('base64url');
