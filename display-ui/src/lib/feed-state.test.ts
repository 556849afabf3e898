import { describe, expect, it } from 'vitest';
import { applyMessage, applySnapshot, callKey, emptyFeed, eventTime, missedCalls } from './feed-state.ts';
import { at, call, service, snapshot, ticket, windowView } from '../../test/fixtures.ts';

describe('feed state', () => {
  it('takes a snapshot whole, keeping only open alerts and unfinished tickets', () => {
    const st = emptyFeed();
    applySnapshot(st, snapshot({
      feed: 'staff', tickets: [ticket(), ticket({ id: 't2', status: 'done' })],
      alerts: [
        { id: 'a1', kind: 'wait-over-target', level: 'warning', message: 'x', raisedAt: at(0), acknowledgedAt: null, acknowledgedBy: null },
        { id: 'a2', kind: 'printer', level: 'warning', message: 'y', raisedAt: at(0), acknowledgedAt: at(1), acknowledgedBy: 'sup' },
      ],
    }));
    expect(Object.keys(st.tickets)).toEqual(['t1']);
    expect(st.alerts.map((a) => a.id)).toEqual(['a1']);
    expect(st.hall?.announcement.repeat).toBe(2);
  });

  it('puts a call on top of the recent calls and reports it; a recall moves it up instead of doubling it', () => {
    const st = emptyFeed();
    applySnapshot(st, snapshot({ recentCalls: [call({ ticketId: 't0', number: 'B001', at: at(-1) })] }));
    const c = call({ at: at(1) });
    const w = windowView({ phase: 'calling', currentTicket: { id: 't1', number: 'A001', serviceId: 'biz', priority: 'normal', status: 'called', calledAt: at(1), startedAt: null, reason: null } });
    const effect = applyMessage(st, { event: 'ticket:called', payload: { seq: 11, prev: 10, ticket: ticket({ status: 'called' }), services: [service({ waiting: 3 })], window: w, call: c } });
    expect(effect.call).toEqual(c);
    expect(st.recentCalls.map((x) => x.number)).toEqual(['A001', 'B001']);
    expect(st.services[0].waiting).toBe(3);
    expect(st.windows[0].phase).toBe('calling');
    applyMessage(st, { event: 'ticket:recalled', payload: { seq: 12, prev: 11, ticket: ticket({ status: 'called' }), services: [], call: call({ at: at(2), recall: true }) } });
    expect(st.recentCalls.map((x) => [x.number, x.recall])).toEqual([['A001', true], ['B001', false]]);
  });

  it('keeps staff tickets current and forgets finished ones', () => {
    const st = emptyFeed();
    applySnapshot(st, snapshot({ feed: 'staff' }));
    applyMessage(st, { event: 'ticket:issued', payload: { seq: 11, prev: 10, ticket: ticket(), services: [] } });
    expect(Object.keys(st.tickets)).toEqual(['t1']);
    applyMessage(st, { event: 'ticket:finished', payload: { seq: 12, prev: 11, ticket: ticket({ status: 'done' }), services: [] } });
    expect(st.tickets).toEqual({});
  });

  it('does not keep tickets on public feeds', () => {
    const st = emptyFeed();
    applySnapshot(st, snapshot());
    applyMessage(st, { event: 'ticket:issued', payload: { seq: 11, prev: 10, ticket: ticket(), services: [service({ waiting: 1 })] } });
    expect(st.tickets).toEqual({});
    expect(st.services[0].waiting).toBe(1);
  });

  it('adds raised alerts on top and removes acknowledged ones', () => {
    const st = emptyFeed();
    applySnapshot(st, snapshot({ feed: 'staff' }));
    const a = { id: 'a1', kind: 'wait-over-target', level: 'warning' as const, message: 'm', raisedAt: at(0), acknowledgedAt: null, acknowledgedBy: null };
    applyMessage(st, { event: 'alert', payload: { seq: 11, prev: 10, alert: a } });
    expect(st.alerts).toHaveLength(1);
    applyMessage(st, { event: 'alert', payload: { seq: 12, prev: 11, alert: { ...a, acknowledgedAt: at(1), acknowledgedBy: 'sup' } } });
    expect(st.alerts).toHaveLength(0);
  });

  it('window feeds ignore windows other than their own', () => {
    const st = emptyFeed();
    applySnapshot(st, snapshot({ feed: 'window:W01' }));
    applyMessage(st, { event: 'window:changed', payload: { seq: 11, prev: 10, window: windowView({ id: 'W02' }), services: [] } });
    expect(st.windows.map((w) => w.id)).toEqual(['W01']);
  });

  it('finds the calls a resync brings that the screen missed, oldest first', () => {
    const before = [call({ ticketId: 'a', at: at(1) })];
    const after = [call({ ticketId: 'c', at: at(3) }), call({ ticketId: 'b', at: at(2) }), ...before];
    expect(missedCalls(before, after).map((c) => c.ticketId)).toEqual(['b', 'c']);
    expect(missedCalls(after, after)).toEqual([]);
    expect(callKey(before[0])).toBe(`a@${at(1)}`);
    expect(callKey(call({ ticketId: 'a', at: at(1), recall: true }))).not.toBe(callKey(before[0]));
  });

  it('reads the server\'s time off events that carry it', () => {
    expect(eventTime({ event: 'ticket:called', payload: { seq: 1, prev: 0, ticket: ticket(), services: [], call: call({ at: at(3) }) } })).toBe(at(3));
    expect(eventTime({ event: 'ticket:issued', payload: { seq: 1, prev: 0, ticket: ticket({ issuedAt: at(4) }), services: [] } })).toBe(at(4));
    expect(eventTime({ event: 'ticket:finished', payload: { seq: 1, prev: 0, ticket: ticket(), services: [] } })).toBeNull();
  });
});
