import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeqTracker } from '@onewindow/protocol';
import { nextEvent, startTestServer, type TestServer } from './helper.ts';

let srv: TestServer;
beforeEach(async () => { srv = await startTestServer(); });
afterEach(async () => { await srv.close(); });

/** A phone following one ticket: every message it receives, checked against the seq protocol. */
async function phone(token: string) {
  const s = srv.socket({ trackToken: token });
  const seen: { event: string; payload: any }[] = [];
  const seq = new SeqTracker();
  const verdicts: string[] = [];
  s.onAny((event: string, payload: any) => {
    seen.push({ event, payload });
    if (event === 'state') seq.reset(payload.seq);
    else verdicts.push(seq.accept(payload));
  });
  const state = await nextEvent(s, 'state');
  return { s, seen, state, verdicts };
}

const settle = () => new Promise((r) => setTimeout(r, 150));

describe('following a ticket from the phone', () => {
  it('sees only its own ticket, hears the queue move ahead of it, and gets its call with the window', async () => {
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const clerk = await srv.user('clerk');
    const issue = async (serviceId: string) => (await srv.api('/api/tickets', { token: kiosk, body: { serviceId } })).ticket;
    const a1 = await issue('biz');
    const a2 = await issue('biz');
    const mine = await issue('biz');
    const b1 = await issue('tax');
    const others = [a1, a2, b1];

    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    const me = await phone(mine.trackToken);
    const neighbour = await phone(a2.trackToken);
    expect(me.state.feed).toBe(`track:${mine.trackToken}`);
    expect(me.state.tickets).toHaveLength(1);
    expect(me.state.tickets[0]).toMatchObject({ id: mine.id, number: mine.number, status: 'waiting' });
    const aheadAtFirst = me.state.tickets[0].ahead;
    expect(aheadAtFirst).toBeGreaterThanOrEqual(2);
    expect(me.state.tickets[0].trackToken).toBeUndefined();
    expect(me.state.windows).toEqual([]);
    expect(me.state.recentCalls).toEqual([]);


    // The people ahead are called: the phone's count goes down.
    let update = nextEvent(me.s, 'ticket:updated');
    await srv.api('/api/windows/W01/call', { token: clerk.token, body: { number: a1.number } });
    const afterFirst = (await update).ticket;
    expect(afterFirst.id).toBe(mine.id);
    expect(afterFirst.ahead).toBeLessThan(aheadAtFirst);
    srv.clock.advance(180_000); // no-show only after a real call (the hall's default: three minutes)
    await srv.api('/api/windows/W01/no-show', { token: clerk.token, body: {} });

    // Another queue moving is none of its business.
    const before = me.seen.length;
    await srv.api('/api/windows/W01/call', { token: clerk.token, body: { number: b1.number } });
    await srv.api('/api/windows/W01/finish', { token: clerk.token, body: { outcome: 'done' } });
    await settle();
    expect(me.seen.slice(before).filter((m) => m.event !== 'ticket:updated' || m.payload.ticket.id !== mine.id)).toEqual([]);

    update = nextEvent(me.s, 'ticket:updated');
    await srv.api('/api/windows/W01/call', { token: clerk.token, body: { number: a2.number } });
    expect((await update).ticket).toMatchObject({ id: mine.id, ahead: 0 });
    // The neighbour hears its own call, not mine (on its own connection: it may land a moment later).
    await expect.poll(() => neighbour.seen.some((m) => m.event === 'ticket:called' && m.payload.ticket.id === a2.id)).toBe(true);
    // The neighbour is parked on hold at W01 (fetching a document): staff see it there, the phone must not.
    await srv.api('/api/windows/W01/hold', { token: clerk.token, body: { note: '取复印件' } });

    // Its own call: the window, by name, with the announcement.
    const called = nextEvent(me.s, 'ticket:called');
    await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
    const c = await called;
    expect(c.ticket).toMatchObject({ id: mine.id, status: 'called', windowId: 'W01' });
    expect(c.call).toMatchObject({ number: mine.number, windowId: 'W01', windowName: '1号综合窗口', text: `请${mine.number}号到1号综合窗口办理` });
    expect(c.window).toMatchObject({ id: 'W01', held: [] });
    expect(srv.ctx.hall.state.windows.get('W01')!.held).toEqual([a2.id]);

    // A reconnect shows it called at its window.
    const again = await phone(mine.trackToken);
    expect(again.state.tickets[0]).toMatchObject({ status: 'called', windowId: 'W01' });
    expect(again.state.windows.map((w: any) => w.id)).toEqual(['W01']);

    // The no-show ends it.
    const finished = nextEvent(me.s, 'ticket:finished');
    srv.clock.advance(180_000);
    await srv.api('/api/windows/W01/no-show', { token: clerk.token, body: {} });
    expect((await finished).ticket).toMatchObject({ id: mine.id, status: 'no-show' });

    await settle();
    // Nothing it received names another ticket's id or token; every message fitted the seq chain.
    const all = JSON.stringify(me.seen);
    for (const t of others) {
      expect(all).not.toContain(t.id);
      expect(all).not.toContain(t.trackToken);
    }
    expect(me.verdicts.every((v) => v === 'apply')).toBe(true);
    expect(me.seen.map((m) => m.event).filter((e) => e !== 'ticket:updated')).toEqual(['state', 'ticket:called', 'ticket:finished']);
  });

  it('refuses unknown tokens and answers state requests with its own slice only', async () => {
    const s = srv.socket({ trackToken: 'not-a-real-token-123' });
    const err = await nextEvent(s, 'connect_error');
    expect(err.message).toBe('TICKET_NOT_FOUND');

    const guide = await srv.user('guide');
    const { ticket } = await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'prop' } });
    await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'prop' } });
    const me = await phone(ticket.trackToken);
    const snap: any = await me.s.timeout(3000).emitWithAck('state:request');
    expect(snap.feed).toBe(`track:${ticket.trackToken}`);
    expect(snap.tickets.map((t: any) => t.id)).toEqual([ticket.id]);
    expect(snap.alerts).toEqual([]);
  });
});
