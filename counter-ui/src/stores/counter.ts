import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { TicketView, WindowView } from '@onewindow/protocol';
import { api, ApiError } from '../api/http.ts';
import { i18n } from '../i18n/index.ts';
import { enabledActions } from '../lib/availability.ts';
import { errorKey } from '../lib/errors.ts';
import { newKey } from '../lib/ids.ts';
import type { CounterAction } from '../lib/shortcuts.ts';
import type { Timeline, WindowSummary } from '../lib/types.ts';
import { useLiveStore } from './live.ts';
import { useSessionStore } from './session.ts';

export type Dialog = Exclude<CounterAction, 'call-next' | 'recall' | 'start'> | null;
interface Notice { kind: 'ok' | 'error'; text: string; at: number }

const FINAL = new Set(['done', 'no-show', 'cancelled', 'expired']);

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
  function absorb(r: { ticket: TicketView | null; window: WindowView }): void {
    live.state.windows[r.window.id] = r.window;
    if (r.ticket) {
      if (FINAL.has(r.ticket.status)) delete live.state.tickets[r.ticket.id];
      else live.state.tickets[r.ticket.id] = r.ticket;
    }
  }

  let inflight: Promise<unknown> = Promise.resolve();

  /**
   * One window action over HTTP. A key pressed while another action is on its way is dropped (a
   * double press must not call twice); a dialog's confirmation waits for it instead.
   */
  async function post(path: string, body: object = {}, wait = false): Promise<{ ticket: TicketView | null; window: WindowView } | null> {
    if (busy.value && wait) await inflight.catch(() => undefined);
    const id = session.windowId;
    if (!id || busy.value) return null;
    busy.value = path;
    const done = send(id, path, body);
    inflight = done;
    return done;
  }

  async function send(id: string, path: string, body: object): Promise<{ ticket: TicketView | null; window: WindowView } | null> {
    try {
      const r = await api<{ ticket: TicketView | null; window: WindowView }>(`/api/windows/${id}/${path}`, session.token, { body, idempotencyKey: newKey() });
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
        if (r) say('ok', r.ticket ? t('done.called', { number: r.ticket.number }) : t('done.nothing'));
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

  async function finish(body: { outcome: string; note?: string; nextServiceId?: string }, serveHere = false): Promise<boolean> {
    const r = await post('finish', body, true);
    if (!r) return false;
    say('ok', i18n.global.t('done.finished', { number: r.ticket?.number ?? '' }));
    if (serveHere && r.ticket) await post('call', { ticketId: r.ticket.id }, true);
    return true;
  }

  async function callTicket(body: { ticketId?: string; number?: string }): Promise<boolean> {
    const r = await post('call', body, true);
    if (r?.ticket) say('ok', i18n.global.t('done.called', { number: r.ticket.number }));
    return r !== null;
  }

  async function flag(ticketId: string, note: string, stepIndex?: number): Promise<boolean> {
    try {
      await api(`/api/tickets/${ticketId}/flag`, session.token, { body: { note, ...(stepIndex === undefined ? {} : { stepIndex }) } });
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
      await api(`/api/windows/${windowId}/sign-in`, session.token, { body: {} });
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
      summary.value = await api<WindowSummary>(`/api/windows/${session.windowId}/summary`, session.token);
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
      timeline.value = await api<Timeline>(`/api/tickets/${ticketId}/timeline`, session.token);
    } catch {
      // keep the last one
    }
  }

  return {
    busy, notice, dialog, summary, timeline, win, current, enabled,
    say, trigger, post, finish, callTicket, flag, signIn, signOut, loadSummary, scheduleSummary, loadTimeline,
  };
});
