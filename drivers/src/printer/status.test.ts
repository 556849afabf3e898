import { describe, expect, it } from 'vitest';
import { decodeStatus, encodeStatus, readStatus, type StatusIO } from './status.ts';

// Reply bytes as an Epson-class printer sends them for DLE EOT 1, 2, 3, 4 (bits 1 and 4 always set).
const CASES = [
  { name: 'healthy', raw: [0x12, 0x12, 0x12, 0x12], state: 'ok' },
  { name: 'paper near end', raw: [0x12, 0x12, 0x12, 0x1e], state: 'paper-near-end', paperNearEnd: true },
  { name: 'paper out', raw: [0x1a, 0x32, 0x12, 0x7e], state: 'paper-out', paperOut: true, paperNearEnd: true },
  { name: 'cover open', raw: [0x1a, 0x16, 0x12, 0x12], state: 'cover-open', coverOpen: true },
  { name: 'cover open, no paper', raw: [0x1a, 0x36, 0x12, 0x7e], state: 'cover-open', coverOpen: true, paperOut: true, paperNearEnd: true },
  { name: 'autocutter error', raw: [0x1a, 0x52, 0x1a, 0x12], state: 'error', error: { cutter: true } },
  { name: 'unrecoverable error', raw: [0x1a, 0x52, 0x32, 0x12], state: 'error', error: { unrecoverable: true } },
  { name: 'head too hot', raw: [0x1a, 0x52, 0x52, 0x12], state: 'error', error: { autoRecoverable: true } },
  { name: 'feed button held', raw: [0x1a, 0x1a, 0x12, 0x12], state: 'offline', feedButton: true },
] as const;

describe('decodeStatus', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const s = decodeStatus(c.raw);
      expect(s.state).toBe(c.state);
      expect(s.online).toBe(c.state === 'ok' || c.state === 'paper-near-end');
      expect(s.coverOpen).toBe('coverOpen' in c);
      expect(s.paperOut).toBe('paperOut' in c);
      expect(s.paperNearEnd).toBe('paperNearEnd' in c);
      expect(s.error).toEqual({ cutter: false, unrecoverable: false, autoRecoverable: false, ...('error' in c ? c.error : {}) });
      expect(s.offlineCause.feedButton).toBe('feedButton' in c);
      expect(s.raw).toEqual(c.raw);
    });
  }

  it('refuses bytes that cannot be status replies', () => {
    expect(() => decodeStatus([0x12, 0x12, 0x12])).toThrow();
    expect(() => decodeStatus([0x12, 0x13, 0x12, 0x12])).toThrow(); // bit 0 set
    expect(() => decodeStatus([0x12, 0x12, 0x92, 0x12])).toThrow(); // bit 7 set
  });
});

describe('encodeStatus (what the emulators answer)', () => {
  it('matches the reference bytes', () => {
    expect(encodeStatus({})).toEqual([0x12, 0x12, 0x12, 0x12]);
    expect(encodeStatus({ paper: 'near-end' })).toEqual([0x12, 0x12, 0x12, 0x1e]);
    expect(encodeStatus({ paper: 'out' })).toEqual([0x1a, 0x32, 0x12, 0x7e]);
    expect(encodeStatus({ coverOpen: true })).toEqual([0x1a, 0x16, 0x12, 0x12]);
    expect(encodeStatus({ error: 'cutter' })).toEqual([0x1a, 0x52, 0x1a, 0x12]);
    expect(encodeStatus({ error: 'auto-recoverable' })).toEqual([0x1a, 0x52, 0x52, 0x12]);
  });
});

/** A device that answers each DLE EOT n after a delay, and checks one query at a time. */
function fakeDevice(answers: Record<number, number[] | null>, delayMs = 5) {
  const inbox: number[] = [];
  const sent: number[][] = [];
  let outstanding = false;
  let waiter: ((b: number | null) => void) | null = null;
  const io: StatusIO = {
    async write(data) {
      if (outstanding) throw new Error('a second query while one is unanswered');
      sent.push([...data]);
      const reply = answers[data[2]];
      if (!reply) return;
      outstanding = true;
      setTimeout(() => {
        outstanding = false;
        inbox.push(...reply);
        const w = waiter;
        waiter = null;
        w?.(inbox.shift() ?? null);
      }, delayMs);
    },
    readByte(timeoutMs) {
      if (inbox.length) return Promise.resolve(inbox.shift() ?? null);
      return new Promise((resolve) => {
        const t = setTimeout(() => { waiter = null; outstanding = false; resolve(null); }, timeoutMs);
        waiter = (b) => { clearTimeout(t); resolve(b); };
      });
    },
    discardInput: () => { inbox.length = 0; },
  };
  return { io, sent };
}

describe('readStatus', () => {
  it('asks DLE EOT 1..4 one at a time and decodes the answers', async () => {
    const { io, sent } = fakeDevice({ 1: [0x1a], 2: [0x32], 3: [0x12], 4: [0x7e] });
    const s = await readStatus(io, 200);
    expect(sent).toEqual([[0x10, 0x04, 1], [0x10, 0x04, 2], [0x10, 0x04, 3], [0x10, 0x04, 4]]);
    expect(s.state).toBe('paper-out');
  });

  it('skips a byte that is not a status reply', async () => {
    const { io } = fakeDevice({ 1: [0xff, 0x12], 2: [0x12], 3: [0x12], 4: [0x12] });
    expect((await readStatus(io, 200)).state).toBe('ok');
  });

  it('reports offline when a query goes unanswered, within the timeout', async () => {
    const { io } = fakeDevice({ 1: [0x12], 2: [0x12], 3: null, 4: [0x12] });
    const t0 = Date.now();
    const s = await readStatus(io, 100);
    expect(s.state).toBe('offline');
    expect(s.online).toBe(false);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
