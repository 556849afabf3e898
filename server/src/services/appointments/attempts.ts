import { AppError } from '../app-error.ts';

export interface AttemptRule { max: number; windowMs: number }

/**
 * Failed lookups of booking codes, counted so nobody can guess codes: a requester (an address or
 * a device) or a phone number that missed too often within a while is refused for that while.
 * Kept in memory: a restart forgets it, which costs a guesser nothing worth having (the window is
 * short) and spares the database a write per typo.
 */
export class AttemptGuard {
  private readonly misses = new Map<string, number[]>();

  constructor(private readonly now: () => number, private readonly maxKeys = 10_000) {}

  /** Refuses with 429 TOO_MANY_ATTEMPTS while this key has used up its misses. */
  check(key: string, rule: AttemptRule, message: string): void {
    const recent = this.recent(key, rule);
    if (recent.length >= rule.max) {
      const retryAfterSec = Math.max(1, Math.ceil((recent[0] + rule.windowMs - this.now()) / 1000));
      throw new AppError(429, 'TOO_MANY_ATTEMPTS', message, { retryAfterSec });
    }
  }

  miss(key: string, rule: AttemptRule): void {
    const recent = this.recent(key, rule);
    recent.push(this.now());
    this.misses.set(key, recent);
    if (this.misses.size > this.maxKeys) this.prune(rule);
  }

  /** Runs a lookup under a key's limit; a lookup that finds nothing counts as a miss. */
  guard<T>(key: string, rule: AttemptRule, message: string, lookup: () => T, missed: (e: unknown) => boolean): T {
    this.check(key, rule, message);
    try {
      return lookup();
    } catch (e) {
      if (missed(e)) this.miss(key, rule);
      throw e;
    }
  }

  private recent(key: string, rule: AttemptRule): number[] {
    const since = this.now() - rule.windowMs;
    const kept = (this.misses.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.misses.delete(key);
    return kept;
  }

  /** Forgets the oldest keys: the map never grows past its bound, whatever a flood of addresses does. */
  private prune(rule: AttemptRule): void {
    for (const key of [...this.misses.keys()]) if (this.recent(key, rule).length === 0) this.misses.delete(key);
    for (const key of this.misses.keys()) {
      if (this.misses.size <= this.maxKeys) break;
      this.misses.delete(key);
    }
  }
}
