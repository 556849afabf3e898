import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a hall signs what it POSTs to its SMS gateway or WeChat service account (docs/api.md,
 * "Notices to visitors' phones"): HMAC-SHA256 with the shared secret over the timestamp, a dot,
 * and the body exactly as sent, in hex:
 *
 *     X-OneWindow-Timestamp: 1763863200
 *     X-OneWindow-Signature: sha256=5d41402abc4b2a76b9719d911017c592…
 *
 * A receiver recomputes it, compares in constant time, refuses a timestamp more than five minutes
 * away from its clock (a replay), and drops a delivery id it has already taken (a retry).
 */
export const SIGNATURE_HEADER = 'x-onewindow-signature';
export const TIMESTAMP_HEADER = 'x-onewindow-timestamp';
export const DELIVERY_HEADER = 'x-onewindow-delivery';
export const ATTEMPT_HEADER = 'x-onewindow-attempt';
export const MAX_SKEW_SEC = 300;

export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does with the two headers and the raw body: true when the hall sent it just now. */
export function verify(secret: string, headers: { timestamp?: string; signature?: string }, body: string, nowSec = Math.floor(Date.now() / 1000)): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSec - ts) > MAX_SKEW_SEC || !headers.signature) return false;
  const want = Buffer.from(sign(secret, ts, body));
  const got = Buffer.from(headers.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
