import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DeviceView, WindowView } from '@onewindow/protocol';
import type { BodyOf } from '@onewindow/protocol/endpoints';
import { api, ApiError } from '../api/http.ts';
import { openCounterFeed, type FeedStatus } from '../api/feed.ts';
import { clockOffset } from '../lib/clock.ts';
import { pairFromAddress } from '../lib/pairing.ts';
import { applyPadMessage, idlePad, onRequest, onTouch, thanked, tick, type PadState } from '../lib/pad.ts';

const TOKEN_KEY = 'ow.pad.token';
const read = () => { try { return localStorage.getItem(TOKEN_KEY); } catch { return null; } };
const write = (v: string | null) => { try { if (v) localStorage.setItem(TOKEN_KEY, v); else localStorage.removeItem(TOKEN_KEY); } catch { /* private mode */ } };

/** What the visitor chose: the evaluation's body without its ticket. */
export type RatingInput = Omit<BodyOf<'POST /api/evaluations'>, 'ticketId'>;

/**
 * The evaluator pad: paired once to a window, it hears that window's feed, asks the visitor to rate
 * when the clerk finishes, sends the rating, thanks, and falls back to idle by itself.
 */
export const usePadStore = defineStore('pad', () => {
  const token = ref<string | null>(read());
  const device = ref<DeviceView | null>(null);
  const stage = ref<'loading' | 'pairing' | 'ready'>('loading');
  const error = ref<ApiError | null>(null);
  const window = ref<WindowView | null>(null);
  const hallName = ref('');
  const timezone = ref('Asia/Shanghai');
  const status = ref<FeedStatus>('connecting');
  const pad = ref<PadState>(idlePad());
  const offset = ref(0);
  const now = ref(Date.now());
  const sending = ref(false);
  /** The score the visitor picked, kept so a walk-away still counts (sent when the screen times out). */
  let pending: RatingInput | null = null;
  let feed: ReturnType<typeof openCounterFeed> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const hallNow = () => Date.now() + offset.value;

  let listening = false;
  async function start(): Promise<void> {
    // A code in the address pairs now; one opened later in the same tab pairs it then, no reload.
    if (!listening) {
      listening = true;
      let first: string | null = null;
      let starting = true;
      pairFromAddress(globalThis.window, (code) => {
        if (starting) first = code;
        else void pair(code);
      });
      starting = false;
      if (first) {
        await pair(first);
        return;
      }
    }
    await resume();
  }

  /** With the token kept (or just paired): who this pad is, then its window's feed. */
  async function resume(): Promise<void> {
    if (!token.value) {
      stage.value = 'pairing';
      return;
    }
    try {
      const me = await api.call('GET /api/auth/me', { token: token.value });
      if (me.kind !== 'device' || me.device?.kind !== 'pad') throw new ApiError(403, 'FORBIDDEN', 'not a pad');
      device.value = me.device;
      stage.value = 'ready';
      connect();
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 401 || err.status === 403) {
        unpair();
        error.value = err;
      } else {
        error.value = err;
        setTimeout(() => void resume(), 3000);
      }
    }
  }

  async function pair(code: string): Promise<void> {
    error.value = null;
    try {
      const r = await api.call('POST /api/devices/pair', { token: null, body: { pairingCode: code } });
      token.value = r.token;
      write(r.token);
      device.value = r.device;
      stage.value = 'loading';
      await resume();
    } catch (e) {
      error.value = e as ApiError;
      stage.value = 'pairing';
    }
  }

  function unpair(): void {
    feed?.close();
    token.value = null;
    write(null);
    stage.value = 'pairing';
  }

  function connect(): void {
    feed?.close();
    feed = openCounterFeed(token.value!, {
      state(s) {
        offset.value = clockOffset(s.hall.now, Date.now());
        now.value = hallNow();
        hallName.value = s.hall.name;
        timezone.value = s.hall.timezone;
        window.value = s.windows[0] ?? null;
        setPad(onRequest(pad.value, s.evaluation, hallNow()));
      },
      message(m) {
        const v = applyPadMessage({ window: window.value, pad: pad.value }, m, hallNow());
        window.value = v.window;
        if (v.pad !== pad.value) setPad(v.pad);
      },
      status(s) {
        status.value = s;
        if (s === 'unauthorized') unpair();
      },
    });
    timer ??= setInterval(() => {
      now.value = hallNow();
      const r = tick(pad.value, now.value);
      if (r.timedOut && pending && pad.value.request) void submit(pending, pad.value.request.ticketId, true);
      if (r.state !== pad.value) setPad(r.state);
    }, 500);
  }

  function setPad(s: PadState): void {
    if (s.phase !== 'rating' || s.request?.ticketId !== pad.value.request?.ticketId) pending = null;
    pad.value = s;
    now.value = hallNow();
  }

  function touch(choice?: RatingInput): void {
    if (choice) pending = choice;
    setPad(onTouch(pad.value, hallNow()));
  }

  /** Sends the rating. On a walk-away (`quiet`) nothing more is shown; otherwise the thanks screen. */
  async function submit(input: RatingInput, ticketId = pad.value.request?.ticketId, quiet = false): Promise<void> {
    if (!ticketId || !token.value || sending.value) return;
    sending.value = true;
    error.value = null;
    pending = null;
    try {
      await api.call('POST /api/evaluations', { token: token.value, body: { ticketId, ...input } });
      if (!quiet) setPad(thanked(pad.value, hallNow()));
    } catch (e) {
      const err = e as ApiError;
      if (err.code === 'EVALUATION_DUPLICATE') setPad(thanked(pad.value, hallNow()));
      else if (!quiet) {
        error.value = err;
        if (err.code === 'EVALUATION_EXPIRED' || err.code === 'EVALUATION_WRONG_WINDOW') setPad(idlePad());
      }
    } finally {
      sending.value = false;
    }
  }

  return { token, device, stage, error, window, hallName, timezone, status, pad, now, sending, start, pair, touch, submit };
});
