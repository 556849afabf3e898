import { describe, expect, it } from 'vitest';
import { project } from './project.ts';
import type { Loaded, ProjectedEvent } from './types.ts';

const DAY = '2026-11-23';
let seq = 0;
const ev = (at: number, type: string, data: Record<string, unknown>, detail?: Record<string, unknown>): ProjectedEvent => ({
  seq: ++seq, day: DAY, at, type, ticketId: (data.ticketId as string) ?? ((data.ticket as { id?: string })?.id ?? null), windowId: (data.windowId as string) ?? null, data: { type, at, ...data }, detail,
});
const issued = (at: number, id: string, serviceId: string, appointmentAt: number | null = null) =>
  ev(at, 'ticket.issued', { ticket: { id, number: 'A001', priority: 'normal', appointmentAt, steps: [{ serviceId }] } });
const empty = (): Loaded => ({ hall: { hallId: 'h', projectedSeq: 0, day: null, lastEventAt: null }, visits: new Map(), windows: new Map() });

describe('the projector', () => {
  it('Given a ticket called, held, called again and transferred, Then two matters: the first call kept, the second queued at the transfer', () => {
    seq = 0;
    const c = project('h', [
      ev(0, 'window.signed-in', { windowId: 'W1', clerkId: 'c1' }),
      issued(1_000, 't1', 'biz'),
      ev(61_000, 'ticket.called', { ticketId: 't1', windowId: 'W1', clerkId: 'c1' }),
      ev(70_000, 'ticket.held', { ticketId: 't1', windowId: 'W1' }),
      ev(200_000, 'ticket.called', { ticketId: 't1', windowId: 'W1', clerkId: 'c1' }),
      ev(300_000, 'ticket.transferred', { ticketId: 't1', windowId: 'W1', toServiceId: 'tax' }),
    ], empty());
    const [first, second] = c.visits.sort((a, b) => a.step - b.step);
    expect([first.calledAt, first.endKind, first.current]).toEqual([61_000, 'transferred', false]);
    expect([second.serviceId, second.queuedAt, second.waitFrom, second.calledAt, second.current]).toEqual(['tax', 300_000, 300_000, null, true]);
    expect(c.windows[0]).toMatchObject({ windowId: 'W1', status: 'open', currentTicketId: null });
    expect(c.days.get(DAY)).toEqual({ issued: 1, served: 0, rated: 0, good: 0, bad: 0 });
  });

  it('Given a booked ticket come early, Then its wait counts from the slot', () => {
    seq = 0;
    const c = project('h', [issued(1_000, 't2', 'biz', 600_000)], empty());
    expect(c.visits[0].waitFrom).toBe(600_000);
  });

  it('Given a rating with what the hall stored beside it, Then a rating row and the day\'s counts', () => {
    seq = 0;
    const c = project('h', [
      issued(1_000, 't3', 'biz'), ev(2_000, 'ticket.called', { ticketId: 't3', windowId: 'W1', clerkId: 'c1' }),
      ev(3_000, 'ticket.finished', { ticketId: 't3', windowId: 'W1', outcome: 'done', nextServiceId: null }),
      ev(4_000, 'evaluation.recorded', { ticketId: 't3', windowId: 'W1', score: 2 }, { serviceId: 'biz', clerkId: 'c1', clerkName: '张敏', reasons: ['wait'], source: 'pad-serial', day: DAY, number: 'A001' }),
    ], empty());
    expect(c.ratings).toEqual([expect.objectContaining({ ticketId: 't3', score: 2, reasons: ['wait'], channel: 'pad-serial', clerkName: '张敏', serviceId: 'biz' })]);
    expect(c.days.get(DAY)).toEqual({ issued: 1, served: 1, rated: 1, good: 0, bad: 1 });
    expect(c.hall).toMatchObject({ projectedSeq: 4, day: DAY, lastEventAt: 4_000 });
  });
});
