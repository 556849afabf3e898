import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seq.ts';
import { isoLocal } from './time.ts';

describe('SeqTracker', () => {
  it('applies in order, drops duplicates, reports gaps', () => {
    const t = new SeqTracker();
    expect(t.accept({ seq: 3, prev: 0 })).toBe('gap');
    t.reset(10);
    expect(t.accept({ seq: 12, prev: 8 })).toBe('apply');
    expect(t.accept({ seq: 12, prev: 8 })).toBe('duplicate');
    expect(t.accept({ seq: 15, prev: 12 })).toBe('apply');
    expect(t.accept({ seq: 20, prev: 17 })).toBe('gap');
    expect(t.lastSeq).toBe(15);
  });
});

describe('isoLocal', () => {
  it('writes instants with the hall\'s offset', () => {
    expect(isoLocal(Date.UTC(2026, 10, 23, 1, 14, 3, 120), 'Asia/Shanghai')).toBe('2026-11-23T09:14:03.120+08:00');
    expect(isoLocal(Date.UTC(2026, 6, 1, 12, 0, 0, 5), 'Europe/Berlin')).toBe('2026-07-01T14:00:00.005+02:00');
    expect(isoLocal(Date.UTC(2026, 0, 1, 2, 0, 0, 0), 'America/New_York')).toBe('2025-12-31T21:00:00.000-05:00');
  });
});
