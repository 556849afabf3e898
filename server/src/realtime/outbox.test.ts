import { describe, expect, it } from 'vitest';
import type { CallView, ServiceView, TicketView } from '@onewindow/protocol';
import { coalesceIssues, mergesIssues, type Outgoing } from './outbox.ts';

// Views cut down to what coalescing reads.
const svc = (id: string, waiting: number) => ({ id, waiting }) as ServiceView;
const ticket = (id: string) => ({ id }) as TicketView;
const issued = (seq: number, services: ServiceView[]): Outgoing =>
  ({ event: 'ticket:issued', payload: { seq, prev: 0, ticket: ticket(`t${seq}`), services } });
const called = (seq: number): Outgoing =>
  ({ event: 'ticket:called', payload: { seq, prev: 0, ticket: ticket(`c${seq}`), services: [svc('biz', 0)], call: { ticketId: `c${seq}` } as CallView } });
const seqOf = (m: Outgoing) => m.payload.seq;
const change = (m: Outgoing) => {
  if (m.event !== 'ticket:issued') throw new Error(`expected an issue, got ${m.event}`);
  return m.payload;
};

describe('coalescing issues for the counting feeds', () => {
  it('merges a run of issues into its last, with every service the run touched at its latest count', () => {
    const out = coalesceIssues([issued(1, [svc('biz', 1)]), issued(2, [svc('tax', 1)]), issued(3, [svc('biz', 2)])]);
    expect(out).toHaveLength(1);
    expect(seqOf(out[0])).toBe(3);
    expect(change(out[0]).ticket).toEqual({ id: 't3' });
    expect(change(out[0]).services).toEqual([svc('biz', 2), svc('tax', 1)]);
  });

  it('keeps every call, and merges an issue into the call after it (a ticket handed at once to a ready window)', () => {
    const out = coalesceIssues([issued(1, [svc('tax', 1)]), called(2), called(3), issued(4, [svc('biz', 1)]), issued(5, [svc('tax', 1)])]);
    expect(out.map((m) => [m.event, seqOf(m)])).toEqual([['ticket:called', 2], ['ticket:called', 3], ['ticket:issued', 5]]);
    // The call says what the issue said too: tax's count from the issue, biz's from the call.
    expect(out[0].event === 'ticket:called' && out[0].payload.services).toEqual([svc('tax', 1), svc('biz', 0)]);
    expect(out[0].event === 'ticket:called' && out[0].payload.call).toEqual({ ticketId: 'c2' });
    expect(change(out[2]).services).toEqual([svc('biz', 1), svc('tax', 1)]);
  });

  it('never merges a call away, nor an issue that touched a window, nor into a message without queues', () => {
    const atWindow: Outgoing = { event: 'ticket:issued', payload: { ...change(issued(4, [svc('biz', 1)])), window: { id: 'W01' } as never } };
    const alert = { event: 'alert', payload: { seq: 8, prev: 0, alert: {} } } as unknown as Outgoing;
    const out = coalesceIssues([called(1), issued(2, [svc('biz', 1)]), called(3), atWindow, called(5), issued(7, [svc('biz', 2)]), alert]);
    expect(out.map((m) => [m.event, seqOf(m)])).toEqual([['ticket:called', 1], ['ticket:called', 3], ['ticket:issued', 4], ['ticket:called', 5], ['ticket:issued', 7], ['alert', 8]]);
  });

  it('applies to caller screens and kiosks only: staff, pads and phones hear every issue', () => {
    expect(['public', 'kiosk:K1', 'staff', 'window:W01', 'track:x'].map((f) => mergesIssues(f as never))).toEqual([true, true, false, false, false]);
  });
});
