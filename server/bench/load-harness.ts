import { io as ioClient, type Socket } from 'socket.io-client';
import { httpClient } from './http-client.ts';
import { connectScreens, epochMs, type ScreenSpec } from './screens.ts';
import { ApiError, FEED_AUTH, type ServerToClientEvents, type ClientToServerEvents } from '@onewindow/protocol';

export interface LoadOptions {
  url: string;
  adminPassword: string;
  tickets: number;
  windows: number;
  /** Connected screens and pads: public caller screens, window pads, staff terminals. */
  screens: number;
  kiosks: number;
  inFlightPerKiosk: number;
  services: string[];
  /** How long a window serves a visitor between call and finish (ms, ±50 %); 0: finish at once. */
  serveMs: number;
  /** Stop early (the kill -9 test): resolves whatever was done so far. */
  stopAfterMs?: number;
  /** Tickets issued and served flat out before the measured ones, not counted (the server's JIT warms up). */
  warmupTickets?: number;
  /** Called as the measured phase starts (after the warm-up). */
  onMeasuring?: () => void;
  /** Called after each ticket issued, with the count so far (in its phase). */
  onIssued?: (count: number) => void;
}

export interface LoadResult {
  tickets: number;
  served: number;
  errors: string[];
  elapsedMs: number;
  /** How long the kiosks took to issue every ticket (the windows may still be serving after). */
  issuingMs: number;
  issueMs: number[];
  callMs: number[];
  callToScreenMs: number[];
  /** Every message a client was told, by seq: what the event log must agree with. */
  told: Map<number, { event: string; ticketId?: string }>;
  issued: { id: string; number: string }[];
  screensMissing: number;
  /** The warm-up's own figures, when there was one: a fresh process's first tickets. */
  warmup: { tickets: number; issueMs: number[]; callMs: number[] } | null;
  /** Call-next requests that found nobody waiting for that window. */
  emptyCalls: number;
}

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type CalledMessage = { ticket?: { id: string }; window?: { id: string } };
/** Past this many failed requests a run stops: its figures would mean nothing. */
const MAX_ERRORS = 200;

/**
 * Drives a running server as a busy hall would: kiosks issue as fast as they can, every window
 * calls and finishes in a loop, and hundreds of sockets listen. Measures on the client side.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const http = httpClient(o.url);
  const api = http.call;
  const admin = (await api('/api/auth/login', { body: { username: 'admin', password: o.adminPassword } })).token as string;
  const windowIds = Array.from({ length: o.windows }, (_, i) => `W${String(i + 1).padStart(2, '0')}`);
  const clerks: string[] = [];
  for (const [i, w] of windowIds.entries()) {
    const username = `load${i}${Date.now() % 100000}`;
    await api('/api/users', { token: admin, body: { username, password: 'password-123', name: `职员${i}`, role: 'clerk' } }).catch(() => undefined);
    const token = (await api('/api/auth/login', { body: { username, password: 'password-123' } })).token as string;
    await api(`/api/windows/${w}/sign-in`, { token, body: {} });
    clerks.push(token);
  }
  const pair = async (kind: string, extra: object) => {
    const { pairingCode } = await api('/api/devices', { token: admin, body: { kind, name: `${kind}-${Math.random().toString(36).slice(2, 8)}`, ...extra } });
    return (await api('/api/devices/pair', { body: { pairingCode } })).token as string;
  };
  const kiosks = await Promise.all(Array.from({ length: o.kiosks }, () => pair('kiosk', { kioskId: 'K1' })));
  const displayToken = await pair('display', {});

  // Screens: most are caller screens (public feed), some pads (window feeds), some staff terminals.
  const publicScreens = Math.max(1, Math.round(o.screens * 0.6));
  const specs: ScreenSpec[] = [];
  for (let i = 0; i < o.screens; i++) {
    if (i < publicScreens) specs.push({ kind: 'caller', auth: { token: displayToken } });
    else if (i % 2 === 0) specs.push({ kind: 'pad', auth: { token: await pair('pad', { windowId: windowIds[i % windowIds.length] }) } });
    else specs.push({ kind: 'staff', auth: { token: admin } });
  }
  const screens = await connectScreens(o.url, specs);
  // The clerks' terminals: an idle clerk calls again when it shows somebody waiting, not in a tight loop.
  const idleClerks: (() => void)[] = [];
  const terminal: Client = ioClient(o.url, { auth: { token: admin, ...FEED_AUTH }, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => { terminal.once('state', () => resolve()); terminal.once('connect_error', reject); });
  // A call the hall made on its own to a window waiting ready (its clerk had asked and got nobody):
  // the clerk sees it on the terminal and serves that visitor, as the hall's terminal does,
  // without asking again. Tickets a window got by asking are skipped (`handled`).
  const givenTo = new Map<string, string[]>();
  const handled = new Set<string>();
  terminal.onAny((event: string, payload: { messages?: { event: string; payload: CalledMessage }[] } & CalledMessage) => {
    for (const m of event === 'batch' ? payload.messages ?? [] : [{ event, payload }]) {
      const w = m.payload?.window?.id;
      if (m.event === 'ticket:called' && w && m.payload.ticket && !handled.has(m.payload.ticket.id)) givenTo.set(w, [...(givenTo.get(w) ?? []), m.payload.ticket.id]);
    }
    for (const wake of idleClerks.splice(0)) wake();
  });
  // When each called ticket's call was asked for: a screen hearing it measures from there.
  const callSent = new Map<string, number>();

  const errors: string[] = [];
  const started = performance.now();
  const deadline = o.stopAfterMs ? started + o.stopAfterMs : Infinity;
  let emptyCalls = 0;
  let measuring = false;
  /**
   * A failed request is counted and reported. In a run cut short (the kill -9 test) its loop stops
   * (true); otherwise its kiosk or window waits a little before going on, since retrying at once
   * would spin both processes forever on an error that does not clear.
   */
  const failed = async (what: string, e: unknown): Promise<boolean> => {
    errors.push(`${what}: ${(e as Error).message}`);
    if (o.stopAfterMs) return true;
    if (errors.length === 1) console.error(`load: first error: ${errors[0]}`);
    if (errors.length > MAX_ERRORS) throw new Error(`load: more than ${MAX_ERRORS} errors, the first: ${errors[0]}`);
    await new Promise((res) => setTimeout(res, 50));
    return false;
  };

  /** Kiosks issue `tickets` as fast as they can while every window calls and serves, until all are served. */
  const phase = async (tickets: number, serveMs: number) => {
    const issueMs: number[] = [];
    const callMs: number[] = [];
    const issued: { id: string; number: string }[] = [];
    const t0Phase = performance.now();
    let toIssue = tickets;
    let issuingDone = false;
    let servedHere = 0;
    const kioskLoops = kiosks.flatMap((token, k) => Array.from({ length: o.inFlightPerKiosk }, async (_, j) => {
      let n = 0;
      while (toIssue > 0 && performance.now() < deadline) {
        toIssue--;
        const t0 = performance.now();
        try {
          const r = await api('/api/tickets', { token, body: { serviceId: o.services[(k + j + n++) % o.services.length] }, idempotencyKey: `k${k}-${j}-${n}-${t0Phase}-${started}` });
          issueMs.push(performance.now() - t0);
          issued.push({ id: r.ticket.id, number: r.ticket.number });
          o.onIssued?.(issued.length);
        } catch (e) {
          if (await failed('issue', e)) return;
        }
      }
    }));
    const windowLoops = clerks.map(async (token, i) => {
      const w = windowIds[i];
      while (performance.now() < deadline) {
        const given = (givenTo.get(w) ?? []).filter((id) => !handled.has(id));
        givenTo.delete(w);
        const t0 = performance.now();
        const sentAt = epochMs();
        let r;
        try {
          if (given.length > 0) {
            r = { ticket: { id: given[0] } };
            givenTo.set(w, given.slice(1));
          } else {
            r = await api(`/api/windows/${w}/call-next`, { token, body: {} });
            callMs.push(performance.now() - t0);
            if (r.ticket && measuring) callSent.set(r.ticket.id, sentAt);
          }
        } catch (e) {
          // The hall gave this window a visitor on its own: it had asked and got nobody, so it was
          // ready (engine readiness). The clerk serves that visitor, as the terminal shows it.
          const given = e instanceof ApiError && e.code === 'WINDOW_BUSY' ? (e.details as { ticketId?: string } | undefined)?.ticketId : undefined;
          if (!given) {
            if (await failed(`call ${w}`, e)) return;
            continue;
          }
          r = { ticket: { id: given } };
        }
        if (!r.ticket) {
          emptyCalls++;
          if (issuingDone) return;
          // Clerks do not all react in the same millisecond: up to 20 ms apart.
          await new Promise<void>((res) => { idleClerks.push(res); setTimeout(res, 200); });
          await new Promise((res) => setTimeout(res, Math.random() * 20));
          continue;
        }
        handled.add(r.ticket.id);
        if (serveMs > 0) await new Promise((res) => setTimeout(res, serveMs * (0.5 + Math.random())));
        try {
          await api(`/api/windows/${w}/finish`, { token, body: { outcome: 'done' } });
          servedHere++;
        } catch (e) {
          if (await failed(`finish ${w}`, e)) return;
        }
      }
    });
    await Promise.all(kioskLoops);
    const issuingMs = performance.now() - t0Phase;
    issuingDone = true;
    await Promise.all(windowLoops);
    return { issueMs, callMs, issued, issuingMs, elapsedMs: performance.now() - t0Phase, served: servedHere };
  };

  // A hall's server meets its busiest hour warm, not seconds after it started: the warm-up's
  // tickets (issued and served as fast as they can) are not counted, but their figures are kept.
  const warmup = o.warmupTickets ? await phase(o.warmupTickets, 0) : null;
  measuring = true;
  o.onMeasuring?.();
  const { issueMs, callMs, issued, issuingMs, elapsedMs, served: servedMeasured } = await phase(o.tickets, o.serveMs);
  // Let the last messages arrive before counting what the screens heard.
  const expectedHeard = ((warmup?.served ?? 0) + servedMeasured) * publicScreens;
  let report = screens.report();
  for (let i = 0; i < 100 && report.heard.length < expectedHeard; i++) {
    await new Promise((r) => setTimeout(r, 50));
    report = screens.report();
  }
  screens.close();
  terminal.close();
  http.close();
  const callToScreenMs: number[] = [];
  for (const [ticketId, at] of report.heard) {
    const t0 = callSent.get(ticketId);
    if (t0 !== undefined) callToScreenMs.push(at - t0);
  }
  const told = new Map(report.told);
  return {
    tickets: issued.length, served: servedMeasured, errors, elapsedMs, issuingMs, issueMs, callMs, callToScreenMs, told, issued,
    warmup: warmup && { tickets: warmup.issued.length, issueMs: warmup.issueMs, callMs: warmup.callMs },
    screensMissing: Math.max(0, expectedHeard - report.heard.length),
    emptyCalls,
  };
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

