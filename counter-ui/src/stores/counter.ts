import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { routingReasonText, type TicketView, type WindowView } from '@onewindow/protocol';
import type { BodyOf, EndpointKey, WindowResult } from '@onewindow/protocol/endpoints';
import { api, ApiError } from '../api/http.ts';
import { i18n } from '../i18n/index.ts';
import { enabledActions } from '../lib/availability.ts';
import { errorKey } from '../lib/errors.ts';
import { newKey } from '../lib/ids.ts';
import { applyTicket } from '../lib/live.ts';
import type { CounterAction } from '../lib/shortcuts.ts';
import type { Timeline, WindowSummary } from '../lib/types.ts';
import { useLiveStore } from './live.ts';
import { useSessionStore } from './session.ts';

export type Dialog = Exclude<CounterAction, 'call-next' | 'recall' | 'start'> | null;
/** How long a key pressed while the terminal is joining the hall waits for the hall's state. */
const JOINING_MS = 5000;
interface Notice { kind: 'ok' | 'error'; text: string; at: number }

/** The window actions of the API (`POST /api/windows/:id/<action>`), by name. */
export type WindowAction = EndpointKey extends infer K ? K extends `POST /api/windows/:id/${infer A}` ? A : never : never;
type ActionBody<A extends WindowAction> = BodyOf<`POST /api/windows/:id/${A}`>;
type WindowRoute = `POST /api/windows/:id/${WindowAction}`;

/** An error as the clerk reads it: the code translated, else the server's message. */
export function explain(e: unknown): string {
  const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e));
  const key = errorKey(err.code);
  return key ? i18n.global.t(key) : err.message;
}

/** The clerk's work at one window: actions over HTTP, the side panels, dialogs and notices. */
export const useCounterStore = defineStore('counter', () => {
  const session = useSessionStore();
  const live = useLiveStore();
  const busy = ref<string | null>(null);
  const notice = ref<Notice | null>(null);
  const dialog = ref<Dialog>(null);
  const summary = ref<WindowSummary | null>(null);
  const timeline = ref<Timeline | null>(null);
  let summaryTimer: ReturnType<typeof setTimeout> | null = null;

  const win = computed<WindowView | null>(() => (session.windowId ? live.state.windows[session.windowId] ?? null : null));
  const current = computed<TicketView | null>(() => {
    const id = win.value?.currentTicket?.id;
    return id ? live.state.tickets[id] ?? null : null;
  });
  const enabled = computed(() => enabledActions(win.value, (summary.value?.recent.length ?? 0) > 0));

  function say(kind: Notice['kind'], text: string): void {
    notice.value = { kind, text, at: Date.now() };
  }

  /** Takes what the server answered into the live state at once (the feed confirms it shortly). */
  function absorb(r: WindowResult): void {
    applyTicket(live.state, r.ticket, r.window);
  }

  let inflight: Promise<unknown> = Promise.resolve();

  /**
   * One window action over HTTP. A key pressed while another action is on its way is dropped (a
   * double press must not call twice); a dialog's confirmation waits for it instead.
   */
  async function post<A extends WindowAction>(action: A, body?: ActionBody<A>, wait = false): Promise<WindowResult | null> {
    if (busy.value && wait) await inflight.catch(() => undefined);
    const id = session.windowId;
    if (!id || busy.value) return null;
    busy.value = action;
    const done = send(id, `POST /api/windows/:id/${action}`, body ?? {});
    inflight = done;
    return done;
  }

  async function send(id: string, route: WindowRoute, body: BodyOf<WindowRoute>): Promise<WindowResult | null> {
    try {
      const r = await api.call(route, { params: { id }, body, token: session.token, idempotencyKey: newKey() });
      absorb(r);
      scheduleSummary(300);
      return r;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) session.forget();
      say('error', explain(e));
      return null;
    } finally {
      busy.value = null;
    }
  }

  let keys: Promise<void> = Promise.resolve();

  /**
   * A key or a button: one-key actions run at once, the others open their dialog. Keys are taken
   * one after the other: a key pressed while the previous action is on its way is judged on the
   * state that action leaves (F1 twice calls once; F1 then S starts the visitor just called).
   */
  function trigger(a: CounterAction): Promise<void> {
    const next = keys.then(async () => {
      // Pressed while the terminal is still joining the hall (no state of the window yet): kept
      // until the state arrives rather than dropped, so a quick clerk's first F1 is not lost.
      if (!win.value && !(await live.whenSynced(JOINING_MS))) {
        say('error', i18n.global.t('joining'));
        return;
      }
      if (busy.value) await inflight.catch(() => undefined);
      await run(a);
    });
    keys = next.catch(() => undefined);
    return next;
  }

  async function run(a: CounterAction): Promise<void> {
    if (!enabled.value.has(a) || dialog.value) return;
    const t = i18n.global.t;
    switch (a) {
      case 'call-next': {
        const r = await post('call-next');
        // Nobody: the server says why (a code in the clerk's language), and the window now waits ready.
        const why = r?.window.ready ? routingReasonText(r.window.ready.reason, i18n.global.locale.value) : t('done.nothing');
        if (r) say('ok', r.ticket ? t('done.called', { number: r.ticket.number }) : why);
        return;
      }
      case 'recall': await post('recall'); return;
      case 'start': await post('start'); return;
      case 'pause':
        if (win.value?.status === 'paused') await post('resume');
        else dialog.value = 'pause';
        return;
      default:
        dialog.value = a;
    }
  }

  async function finish(body: ActionBody<'finish'>, serveHere = false): Promise<boolean> {
    const r = await post('finish', body, true);
    if (!r) return false;
    say('ok', i18n.global.t('done.finished', { number: r.ticket?.number ?? '' }));
    if (serveHere && r.ticket) await post('call', { ticketId: r.ticket.id }, true);
    return true;
  }

  /** Auto-call on with this pause after each visitor, or off (null). */
  async function setAutoCall(afterSec: number | null): Promise<boolean> {
    const r = await post('auto-call', { afterSec }, true);
    if (r) say('ok', afterSec === null ? i18n.global.t('auto.turnedOff') : i18n.global.t('auto.turnedOn', { n: afterSec }));
    return r !== null;
  }

  async function callTicket(body: ActionBody<'call'>): Promise<boolean> {
    const r = await post('call', body, true);
    if (r?.ticket) say('ok', i18n.global.t('done.called', { number: r.ticket.number }));
    return r !== null;
  }

  async function flag(ticketId: string, note: string, stepIndex?: number): Promise<boolean> {
    try {
      await api.call('POST /api/tickets/:id/flag', { params: { id: ticketId }, token: session.token, body: { note, ...(stepIndex === undefined ? {} : { stepIndex }) } });
      say('ok', i18n.global.t('done.flagged'));
      scheduleSummary(0);
      return true;
    } catch (e) {
      say('error', explain(e));
      return false;
    }
  }

  async function signIn(windowId: string): Promise<void> {
    try {
      await api.call('POST /api/windows/:id/sign-in', { params: { id: windowId }, token: session.token, body: {} });
      session.atWindow(windowId);
    } catch (e) {
      say('error', explain(e));
    }
  }

  async function signOut(): Promise<void> {
    if (await post('sign-out')) {
      summary.value = null;
      timeline.value = null;
      session.atWindow(null);
    }
  }

  async function loadSummary(): Promise<void> {
    if (!session.windowId || !session.token) return;
    try {
      const sent = Date.now();
      summary.value = await api.call('GET /api/windows/:id/summary', { params: { id: session.windowId }, token: session.token });
      // The summary carries the hall's time: keep the terminal's clock in step with it.
      live.syncClock(summary.value.at, (sent + Date.now()) / 2);
    } catch {
      // The panel keeps its last figures; the offline banner tells why.
    }
  }

  function scheduleSummary(ms = 800): void {
    if (summaryTimer) clearTimeout(summaryTimer);
    summaryTimer = setTimeout(() => { summaryTimer = null; void loadSummary(); }, ms);
  }

  async function loadTimeline(ticketId: string | null): Promise<void> {
    if (!ticketId || !session.token) {
      timeline.value = null;
      return;
    }
    try {
      timeline.value = await api.call('GET /api/tickets/:id/timeline', { params: { id: ticketId }, token: session.token });
    } catch {
      // keep the last one
    }
  }

  return {
    busy, notice, dialog, summary, timeline, win, current, enabled,
    say, trigger, post, finish, callTicket, setAutoCall, flag, signIn, signOut, loadSummary, scheduleSummary, loadTimeline,
  };
});
