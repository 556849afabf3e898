import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '@onewindow/protocol';
import { Random } from '../src/sim/generate/random.ts';
import { startTestServer, type TestServer } from './helper.ts';

/**
 * Issue 18: a clerk who asks gets a visitor whenever one waits that they can serve. Four windows of
 * the default hall (all can do biz and tax) with clerks who press "call next" one at a time, 5 to 60
 * seconds after finishing, as in a hall; visitors come meanwhile. Through the real HTTP API.
 */
const WINDOWS = ['W01', 'W02', 'W03', 'W12'];
let srv: TestServer;
/** Guides issue the tickets (a kiosk may issue only so many a minute). */
const guides: string[] = [];
let guide: string;
const clerks = new Map<string, string>();

beforeAll(async () => {
  srv = await startTestServer();
  for (let i = 0; i < 8; i++) guides.push((await srv.user('guide')).token);
  guide = guides[0];
  for (const w of WINDOWS) {
    const c = await srv.user('clerk', `live-${w}`);
    clerks.set(w, c.token);
    await srv.api(`/api/windows/${w}/sign-in`, { token: c.token, body: {} });
  }
}, 60_000);
afterAll(async () => { await srv.close(); });

describe('clerks pressing call-next one at a time', () => {
  it('never get ticket: null while a visitor they can serve waits', async () => {
    const rnd = new Random(18);
    const start = srv.clock.now();
    const busyUntil = new Map<string, number>();
    const asksAt = new Map(WINDOWS.map((w, i) => [w, start + i * 15_000]));
    let presses = 0, pressesWithWaiting = 0, calls = 0;
    const nullsWhileWaiting: string[] = [];
    const waitingCount = async () => (await srv.api<{ tickets: { status: string; serviceId: string }[] }>('/api/tickets', { token: guide }))
      .tickets.filter((t) => t.status === 'waiting' && (t.serviceId === 'biz' || t.serviceId === 'tax')).length;
    /** A visitor is at the window: served for 2 to 10 minutes, then the clerk asks again after a pause. */
    const serving = (w: string, now: number) => {
      busyUntil.set(w, now + (120 + rnd.uniform() * 480) * 1000);
      asksAt.delete(w);
      calls++;
    };
    for (let now = start; now < start + 2.5 * 3600_000; now += 10_000) {
      srv.clock.set(now);
      if (rnd.chance(0.11)) await srv.api('/api/tickets', { token: guides[presses % guides.length], body: { serviceId: rnd.chance(0.6) ? 'biz' : 'tax' } });
      for (const w of WINDOWS) {
        const token = clerks.get(w)!;
        if (busyUntil.has(w) && busyUntil.get(w)! <= now) {
          await srv.api(`/api/windows/${w}/finish`, { token, body: { outcome: 'done' } });
          busyUntil.delete(w);
          asksAt.set(w, now + (5 + rnd.uniform() * 55) * 1000);
        }
        if (!asksAt.has(w) || asksAt.get(w)! > now) continue;
        const waiting = await waitingCount();
        presses++;
        if (waiting > 0) pressesWithWaiting++;
        try {
          const r = await srv.api<{ ticket: { id: string } | null }>(`/api/windows/${w}/call-next`, { token, body: {} });
          if (r.ticket) serving(w, now);
          else {
            if (waiting > 0) nullsWhileWaiting.push(`${w} at +${(now - start) / 1000} s with ${waiting} waiting`);
            // Asked and got nobody: the window waits ready and the hall calls its next visitor by itself.
            asksAt.set(w, Infinity);
          }
        } catch (e) {
          // The hall already called a visitor here (the clerk was waiting ready): they are at the window.
          if (!(e instanceof ApiError && e.code === 'WINDOW_BUSY')) throw e;
          serving(w, now);
        }
      }
      // Windows waiting ready that the hall has called a visitor to since.
      for (const w of WINDOWS) {
        if (asksAt.get(w) !== Infinity) continue;
        const view = await srv.api<{ windows: { id: string; currentTicket: unknown }[] }>('/api/hall', { token: guide });
        if (view.windows.find((x) => x.id === w)?.currentTicket) serving(w, now);
      }
    }
    expect(nullsWhileWaiting).toEqual([]);
    // The afternoon really had clerks asking while visitors waited, and visitors served.
    expect(pressesWithWaiting).toBeGreaterThan(20);
    expect(presses).toBeGreaterThan(40);
    expect(calls).toBeGreaterThan(40);
  }, 240_000);
});
