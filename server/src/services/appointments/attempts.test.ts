import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.ts';
import { AttemptGuard } from './attempts.ts';

const rule = { max: 3, windowMs: 60_000 };
const notFound = () => { throw new AppError(404, 'APPOINTMENT_NOT_FOUND', 'no'); };
const isMiss = (e: unknown) => e instanceof AppError && e.code === 'APPOINTMENT_NOT_FOUND';

describe('failed code lookups', () => {
  it('refuse a requester who missed too often, for the rest of the window', () => {
    // Given a guard allowing three misses a minute
    let now = 0;
    const g = new AttemptGuard(() => now);
    // When one requester misses three times
    for (let i = 0; i < 3; i++) { expect(() => g.guard('ip:a', rule, 'slow down', notFound, isMiss)).toThrow('no'); now += 1000; }
    // Then the fourth try is refused before any lookup, with when to come back
    let looked = false;
    const refused = (() => { try { g.guard('ip:a', rule, 'slow down', () => { looked = true; return 1; }, isMiss); } catch (e) { return e as AppError; } return null; })();
    expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSec: 57 } });
    expect(looked).toBe(false);
    // And another requester is not affected
    expect(g.guard('ip:b', rule, 'slow down', () => 'found', isMiss)).toBe('found');
    // And once the first miss is a minute old, one more try is allowed
    now = 60_001;
    expect(g.guard('ip:a', rule, 'slow down', () => 'found', isMiss)).toBe('found');
  });

  it('count only lookups that found nothing', () => {
    const g = new AttemptGuard(() => 0);
    for (let i = 0; i < 5; i++) expect(g.guard('k', rule, 'm', () => 'ok', isMiss)).toBe('ok');
    for (let i = 0; i < 5; i++) expect(() => g.guard('k', rule, 'm', () => { throw new AppError(409, 'TOO_EARLY', 'later'); }, isMiss)).toThrow('later');
    expect(g.guard('k', rule, 'm', () => 'still ok', isMiss)).toBe('still ok');
  });

  it('stay bounded whatever a flood of addresses does', () => {
    const g = new AttemptGuard(() => 0, 100);
    for (let i = 0; i < 1000; i++) g.miss(`ip:${i}`, rule);
    expect((g as unknown as { misses: Map<string, number[]> }).misses.size).toBeLessThanOrEqual(100);
  });
});
