import { apiRequest, ApiError, type TicketView, type WindowView } from '@onewindow/protocol';
import type { DemoHall } from './hall-setup.ts';
import type { DemoVisitor } from './visitors.ts';

/** What happened, for the demo's running commentary. */
export type DemoEvent =
  | { kind: 'issued'; number: string; serviceId: string }
  | { kind: 'called'; number: string; windowId: string }
  | { kind: 'finished'; number: string; windowId: string; noShow: boolean }
  | { kind: 'rated'; number: string; windowId: string; score: number }
  | { kind: 'paused' | 'resumed'; windowId: string }
  | { kind: 'problem'; what: string; error: string };

export interface Actors { stop(): void; done: Promise<void> }

const REASONS = ['wait', 'slow', 'unclear'];

/**
 * The hall at work, through the real HTTP API only: the kiosk issues each visitor's ticket when they
 * arrive; at every window a clerk calls the next ticket, waits for the visitor to walk up, serves
 * them (or marks a no-show), finishes, and now and then takes a short break; the window's pad rates
 * the visit a moment later. Every wait is in real seconds: `visitors` are already at the demo's pace.
 */
export function startActors(url: string, hall: DemoHall, visitors: DemoVisitor[], report: (e: DemoEvent) => void, rnd: () => number = Math.random): Actors {
  let running = true;
  const wakers = new Set<() => void>();
  const sleep = (sec: number) => new Promise<void>((resolve) => {
    if (!running) return resolve();
    const done = () => { clearTimeout(t); wakers.delete(done); resolve(); };
    const t = setTimeout(done, sec * 1000);
    wakers.add(done);
  });
  const api = <T>(path: string, token: string, body: unknown = {}) => apiRequest<T>(url, path, { token, body });
  const visitorOf = new Map<string, DemoVisitor>();
  const problem = (what: string, e: unknown) => report({ kind: 'problem', what, error: e instanceof ApiError ? `${e.status} ${e.code}: ${e.message}` : String(e) });
  const t0 = Date.now();

  async function kiosk(): Promise<void> {
    for (const v of [...visitors].sort((a, b) => a.at - b.at)) {
      const wait = v.at - (Date.now() - t0) / 1000;
      if (wait > 0) await sleep(wait);
      if (!running) return;
      try {
        const { ticket } = await api<{ ticket: TicketView }>('/api/tickets', hall.kioskToken, { serviceId: v.serviceId, priority: v.priority });
        visitorOf.set(ticket.id, v);
        report({ kind: 'issued', number: ticket.number, serviceId: v.serviceId });
      } catch (e) {
        problem('issuing a ticket', e);
        await sleep(2);
      }
    }
  }

  async function pad(windowId: string, ticket: { id: string; number: string }, v: DemoVisitor): Promise<void> {
    await sleep(2 + rnd() * 3);
    if (!running) return;
    try {
      await api('/api/evaluations', hall.padTokens.get(windowId)!, { ticketId: ticket.id, score: v.score, ...(v.score <= 2 ? { reasons: [REASONS[Math.floor(rnd() * REASONS.length)]] } : {}) });
      report({ kind: 'rated', number: ticket.number, windowId, score: v.score });
    } catch (e) {
      problem(`rating ${ticket.number} at ${windowId}`, e);
    }
  }

  async function clerk(windowId: string, token: string, startDelay: number): Promise<void> {
    const w = (action: string, body: unknown = {}) => api<{ ticket: TicketView | null }>(`/api/windows/${windowId}/${action}`, token, body);
    await sleep(startDelay);
    try {
      await w('sign-in');
    } catch (e) {
      problem(`signing in at ${windowId}`, e);
    }
    while (running) {
      try {
        // A clerk who asked and got nobody waits ready: the hall may have handed them a ticket since.
        const { windows } = await apiRequest<{ windows: WindowView[] }>(url, '/api/hall', { token });
        const handed = windows.find((x) => x.id === windowId)?.currentTicket;
        const ticket = handed?.status === 'called' ? { id: handed.id, number: handed.number } : (await w('call-next')).ticket;
        if (!ticket) {
          await sleep(2 + rnd() * 3);
          continue;
        }
        report({ kind: 'called', number: ticket.number, windowId });
        const v = visitorOf.get(ticket.id) ?? { serviceSec: 15, noShow: false, score: 5 } as DemoVisitor;
        if (v.noShow) {
          await sleep(12);
          if (!running) return;
          await w('no-show');
          report({ kind: 'finished', number: ticket.number, windowId, noShow: true });
          continue;
        }
        // The visitor walks up to the window.
        await sleep(3 + rnd() * 4);
        if (!running) return;
        await w('start');
        await sleep(v.serviceSec);
        if (!running) return;
        await w('finish', { outcome: 'done' });
        report({ kind: 'finished', number: ticket.number, windowId, noShow: false });
        void pad(windowId, ticket, v);
        if (rnd() < 0.04) {
          await w('pause', { reason: '短暂休息' });
          report({ kind: 'paused', windowId });
          await sleep(15 + rnd() * 15);
          if (!running) return;
          await w('resume');
          report({ kind: 'resumed', windowId });
        }
        await sleep(1 + rnd() * 2);
      } catch (e) {
        // Somebody else acted at this window (a person at its terminal): look again in a moment.
        problem(`at ${windowId}`, e);
        await sleep(3);
      }
    }
  }

  const done = Promise.all([
    kiosk(),
    ...[...hall.clerks.entries()].map(([windowId, c], i) => clerk(windowId, c.token, i * 0.3)),
  ]).then(() => undefined);
  return {
    done,
    stop() {
      running = false;
      for (const wake of [...wakers]) wake();
    },
  };
}
