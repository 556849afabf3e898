import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The hall's key for hashing ID numbers: 32 random bytes, made on first use, kept beside the
 * database but not in it (`ONEWINDOW_DATA/id-hash.key`, mode 0600), so a copy of the database
 * alone cannot be matched against a list of ID numbers. Losing it only means today's "one ticket
 * per person" and the bookings made with an ID number stop matching cards read after it is gone.
 */
export const ID_KEY_FILE = 'id-hash.key';

export function loadIdKey(dataDir: string): Buffer {
  const file = join(dataDir, ID_KEY_FILE);
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} is not a key of 64 hex digits: restore it from the backup, or delete it to start a new one`);
    return Buffer.from(hex, 'hex');
  }
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

/** HMAC-SHA256 of the ID number (upper case, so a typed x matches a read X), hex: what is kept for a match. */
export function hashIdNumber(key: Buffer, idNumber: string): string {
  return createHmac('sha256', key).update(idNumber.trim().toUpperCase()).digest('hex');
}
