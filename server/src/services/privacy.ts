/**
 * Visitors' phone numbers and contacts are personal data: lists show them masked, one way
 * everywhere ("13812345678" → "138****5678"; short ones wholly starred).
 */
export function maskContact(c: string | null): string | null {
  if (!c) return null;
  if (c.length <= 4) return '*'.repeat(c.length);
  const keep = Math.min(3, Math.floor((c.length - 4) / 2));
  return c.slice(0, keep) + '*'.repeat(c.length - keep - 4) + c.slice(-4);
}
