/**
 * A random Idempotency-Key. crypto.randomUUID exists only in secure contexts, and a counter on the
 * hall LAN is often plain http: getRandomValues works everywhere.
 */
export function newKey(random: (a: Uint8Array) => Uint8Array = (a) => crypto.getRandomValues(a)): string {
  return [...random(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
