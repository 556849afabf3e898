import type { EngineContext } from './commands.ts';
import * as commands from './commands.ts';
import type { EngineEvent, HallModel, Priority } from './types.ts';
import { createHallState } from './state.ts';
import { apply } from './reducer.ts';
import { EngineError } from './errors.ts';
import type { RoutingPolicy } from './routing/policy.ts';

/** A small hall and a deterministic context for engine tests. */
export function sequentialContext(start = 0): EngineContext & { advance(ms: number): void } {
  let n = 0;
  const ctx = {
    now: start,
    newId: () => `t${String(++n).padStart(5, '0')}`,
    newToken: () => `tok${n}`,
    advance(ms: number) {
      ctx.now += ms;
    },
  };
  return ctx;
}

export const smallHall: HallModel = {
  services: [
    { id: 'biz', name: '企业开办', prefix: 'A', targetWaitSec: 900 },
    { id: 'tax', name: '税务办理', prefix: 'B', targetWaitSec: 900 },
    { id: 'rare', name: '公积金', prefix: 'G', targetWaitSec: 900 },
  ],
  windows: [
    { id: 'W01', name: '1号窗口', skills: ['biz', 'tax'] },
    { id: 'W02', name: '2号窗口', skills: ['tax', 'biz', 'rare'] },
  ],
  greenStreakCap: 2,
  appointmentLeadSec: 300,
};

export const MIN = 60_000;

/**
 * A hall to play scenes in: commands decide, the reducer applies, as the live hall does. Each
 * helper applies what it decided and returns it, so a test reads as the hall's own story.
 */
export function testHall(model: HallModel = smallHall) {
  const s = createHallState(model, '2026-11-23', 0);
  const ctx = sequentialContext(0);
  const run = <E extends EngineEvent>(events: E[]): E[] => {
    for (const e of events) apply(s, e);
    return events;
  };
  const at = (ms: number) => (ctx.now = ms);
  return {
    s, ctx, run,
    /** Issues a ticket at `when` (ms), returning its id. */
    issue(serviceId: string, when = ctx.now, more: { priority?: Priority; appointmentAt?: number | null } = {}): string {
      at(when);
      const [e] = run(commands.issueTicket(s, { serviceId, channel: 'kiosk', priority: more.priority, appointmentAt: more.appointmentAt ?? null }, ctx));
      return e.type === 'ticket.issued' ? e.ticket.id : '';
    },
    open(...ids: string[]): void {
      for (const id of ids) run(commands.signIn(s, id, `clerk-${id}`, ctx.now));
    },
    /** The clerk at `windowId` presses "call next": the event the engine decided, applied. */
    callNext(windowId: string, policy: RoutingPolicy, when = ctx.now): Extract<EngineEvent, { type: 'ticket.called' | 'window.ready' }> {
      at(when);
      const [e] = run(commands.callNext(s, windowId, policy, when));
      if (e.type !== 'ticket.called' && e.type !== 'window.ready') throw new Error(`unexpected ${e.type}`);
      return e;
    },
    finish(windowId: string, when = ctx.now): void {
      at(when);
      run(commands.finish(s, windowId, { outcome: 'done' }, when));
    },
    /** Serves one ticket of `serviceId` taking `sec` at `windowId`, so the engine learns its length. */
    serve(windowId: string, serviceId: string, when: number, sec: number): void {
      const id = this.issue(serviceId, when);
      run(commands.callTicket(s, windowId, id, when));
      this.finish(windowId, when + sec * 1000);
    },
    status: (ticketId: string) => s.tickets.get(ticketId)!.steps.at(-1)!.status,
  };
}

/** The stable code of the EngineError `fn` throws, or 'no error'. */
export function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return 'no error';
}
