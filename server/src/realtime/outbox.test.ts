import { describe, expect, it } from 'vitest';
import { coalesceIssues, mergesIssues, type Outgoing } from './outbox.ts';

const svc = (id: string, waiting: number) => ({ id, waiting });
const issued = (seq: number, services: { id: string; waiting: number }[]): Outgoing =>
  ({ event: 'ticket:issued', seq, payload: { ticket: { id: `t${seq}` }, services } });
const called = (seq: number): Outgoing => ({ event: 'ticket:called', seq, payload: { ticket: { id: `c${seq}` }, services: [svc('biz', 0)] } });

describe('coalescing issues for the counting feeds', () => {
  it('merges a run of issues into its last, with every service the run touched at its latest count', () => {
    const out = coalesceIssues([issued(1, [svc('biz', 1)]), issued(2, [svc('tax', 1)]), issued(3, [svc('biz', 2)])]);
    expect(out).toHaveLength(1);
    expect(out[0].seq).toBe(3);
    expect(out[0].payload.ticket).toEqual({ id: 't3' });
    expect(out[0].payload.services).toEqual([svc('biz', 2), svc('tax', 1)]);
  });

  it('never merges across another message, and keeps every call', () => {
    const out = coalesceIssues([issued(1, [svc('biz', 1)]), called(2), called(3), issued(4, [svc('biz', 1)]), issued(5, [svc('tax', 1)])]);
    expect(out.map((m) => [m.event, m.seq])).toEqual([['ticket:issued', 1], ['ticket:called', 2], ['ticket:called', 3], ['ticket:issued', 5]]);
    expect(out[3].payload.services).toEqual([svc('biz', 1), svc('tax', 1)]);
  });

  it('applies to caller screens and kiosks only: staff, pads and phones hear every issue', () => {
    expect(['public', 'kiosk:K1', 'staff', 'window:W01', 'track:x'].map((f) => mergesIssues(f as never))).toEqual([true, true, false, false, false]);
  });
});
