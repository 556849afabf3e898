import { describe, expect, it } from 'vitest';
import type { EvaluationRequest, WindowView } from '@onewindow/protocol';
import { applyPadMessage, idlePad, onRecorded, onRequest, onTouch, RATING_IDLE_MS, thanked, THANKS_MS, tick, TOUCH_EXTEND_MS } from './pad.ts';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const req = (ticketId: string, expiresIn = 180_000): EvaluationRequest => ({
  ticketId, number: 'A012', windowId: 'W01', clerkName: '张敏', expiresAt: new Date(T0 + expiresIn).toISOString(),
});

describe('the pad\'s screens', () => {
  it('Given idle, when a request comes, then it asks until a minute without a touch', () => {
    const s = onRequest(idlePad(), req('t1'), T0);
    expect(s).toMatchObject({ phase: 'rating', deadline: T0 + RATING_IDLE_MS });
    expect(tick(s, T0 + RATING_IDLE_MS - 1).timedOut).toBe(false);
    expect(tick(s, T0 + RATING_IDLE_MS)).toEqual({ state: idlePad(), timedOut: true });
  });

  it('keeps asking while touched, never past the request\'s expiry', () => {
    let s = onRequest(idlePad(), req('t1', 90_000), T0);
    s = onTouch(s, T0 + 50_000);
    expect(s.deadline).toBe(T0 + 90_000);
    s = onTouch(onRequest(idlePad(), req('t2'), T0), T0 + 30_000);
    expect(s.deadline).toBe(T0 + 30_000 + TOUCH_EXTEND_MS);
  });

  it('ignores an expired request and a repeat of the one shown; a newer ticket replaces it', () => {
    expect(onRequest(idlePad(), req('t1', -1), T0).phase).toBe('idle');
    const s = onRequest(idlePad(), req('t1'), T0);
    expect(onRequest(s, req('t1'), T0 + 5000)).toBe(s);
    expect(onRequest(s, req('t2'), T0 + 5000).request?.ticketId).toBe('t2');
    expect(onRequest(s, null, T0).phase).toBe('idle');
  });

  it('thanks when its ticket is recorded (here or by a wired pad), then returns to idle', () => {
    const s = onRequest(idlePad(), req('t1'), T0);
    expect(onRecorded(s, 'other', T0)).toBe(s);
    const thanks = onRecorded(s, 't1', T0 + 1000);
    expect(thanks).toMatchObject({ phase: 'thanks', deadline: T0 + 1000 + THANKS_MS });
    expect(onRecorded(thanks, 't1', T0 + 2000)).toBe(thanks);
    expect(tick(thanks, T0 + 1000 + THANKS_MS)).toEqual({ state: idlePad(), timedOut: false });
    expect(thanked(s, T0).phase).toBe('thanks');
  });
});

describe('the pad\'s window feed', () => {
  const view = { window: null, pad: idlePad() };
  const win = { id: 'W01', name: '1号窗口', skills: [], status: 'open', phase: 'idle', clerk: { id: 'c', name: '张敏' }, pauseReason: null, since: '', freeSince: '', currentTicket: null, servedToday: 0, held: [] } satisfies WindowView;

  it('Given an idle pad, when the window changes and then asks for a rating, then it shows the clerk and asks', () => {
    const a = applyPadMessage(view, { event: 'window:changed', payload: { seq: 1, prev: 0, window: win, services: [] } }, T0);
    const b = applyPadMessage(a, { event: 'evaluation:request', payload: { seq: 2, prev: 1, request: req('t1') } }, T0);
    expect(a.window?.clerk?.name).toBe('张敏');
    expect(b.pad).toMatchObject({ phase: 'rating', request: { ticketId: 't1' } });
  });

  it('Given a rating screen, when a wired pad at the same window recorded it, then it thanks', () => {
    const a = applyPadMessage(view, { event: 'evaluation:request', payload: { seq: 2, prev: 1, request: req('t1') } }, T0);
    const b = applyPadMessage(a, { event: 'evaluation:recorded', payload: { seq: 3, prev: 2, ticketId: 't1', windowId: 'W01', score: 5 } }, T0 + 1000);
    expect(b.pad.phase).toBe('thanks');
  });
});
