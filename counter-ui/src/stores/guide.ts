import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { AppointmentView, CardRead, GuideLookup, IdReaderView, TicketView } from '@onewindow/protocol';
import type { BodyOf } from '@onewindow/protocol/endpoints';
import { api, ApiError } from '../api/http.ts';
import { i18n } from '../i18n/index.ts';
import { canAct, idNumberProblem, reinstatable } from '../lib/guide.ts';
import { newKey } from '../lib/ids.ts';
import { explain } from './counter.ts';
import { useLiveStore } from './live.ts';
import { useSessionStore } from './session.ts';

interface Notice { kind: 'ok' | 'error'; text: string; at: number }
export type GuideDialog = 'cancel' | 'phone' | 'green' | null;
/** A row of the results: a ticket, or a booking not yet checked in. */
export type Row = { kind: 'ticket'; ticket: TicketView } | { kind: 'booking'; booking: AppointmentView };

const PRINTER_KEY = 'ow.guide.printer';
const READER_KEY = 'ow.guide.reader';
const stored = (k: string) => { try { return localStorage.getItem(k); } catch { return null; } };
const keep = (k: string, v: string) => { try { localStorage.setItem(k, v); } catch { /* private mode */ } };

/**
 * The guide desk (导服台): issuing on a visitor's behalf (green channel with its reason, a phone for
 * notices, a card for a real-name ticket, printed at a kiosk chosen), finding a visitor, putting a
 * no-show back, cancelling, re-printing, checking a booking in.
 */
export const useGuideStore = defineStore('guide', () => {
  const session = useSessionStore();
  const live = useLiveStore();
  const t = i18n.global.t;
  const form = reactive({ serviceId: '', green: false, greenReason: '', phone: '', language: 'zh-CN' as 'zh-CN' | 'en', printAt: stored(PRINTER_KEY) ?? '' });
  const card = ref<CardRead | null>(null);
  /** a visitor without their card: the ID number (and name) typed by the guide, checked here before it is sent */
  const typed = reactive({ idNumber: '', name: '' });
  const reading = ref(false);
  const busy = ref<string | null>(null);
  const issued = ref<TicketView | null>(null);
  const query = ref('');
  const results = ref<GuideLookup | null>(null);
  const selected = ref(0);
  const missed = ref<TicketView[]>([]);
  const readers = ref<IdReaderView[]>([]);
  const reader = ref(stored(READER_KEY) ?? '');
  const printers = ref<{ id: string; name: string }[]>([]);
  const dialog = ref<GuideDialog>(null);
  const notice = ref<Notice | null>(null);
  let abort: AbortController | null = null;

  const rows = computed<Row[]>(() => {
    const r = results.value;
    if (!r) return missed.value.map((ticket) => ({ kind: 'ticket' as const, ticket }));
    const ticketRows: Row[] = r.tickets.map((ticket) => ({ kind: 'ticket' as const, ticket }));
    const numbers = new Set(r.tickets.map((x) => x.number));
    const bookingRows: Row[] = r.bookings.filter((b) => !b.ticket || !numbers.has(b.ticket.number)).map((booking) => ({ kind: 'booking' as const, booking }));
    return [...ticketRows, ...bookingRows];
  });
  const current = computed<Row | null>(() => rows.value[Math.min(selected.value, rows.value.length - 1)] ?? null);

  function say(kind: Notice['kind'], text: string): void {
    notice.value = { kind, text, at: Date.now() };
  }

  async function run<T>(what: string, fn: () => Promise<T>): Promise<T | null> {
    if (busy.value) return null;
    busy.value = what;
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) session.forget();
      say('error', explain(e));
      return null;
    } finally {
      busy.value = null;
    }
  }

  /** The kiosks whose printers the desk may print at, and the desk's readers. */
  async function load(): Promise<void> {
    const token = session.token;
    const [hall, r] = await Promise.all([
      api.call('GET /api/hall', { token }).catch(() => null),
      api.call('GET /api/id-cards/readers', { token }).catch(() => null),
    ]);
    if (hall) printers.value = hall.kiosks.map((k) => ({ id: k.id, name: k.name }));
    if (r) readers.value = r.readers.filter((x) => x.desk);
    if (!reader.value && readers.value[0]) reader.value = readers.value[0].id;
    await loadMissed();
  }

  /** Today's no-shows still within the time to put them back. */
  async function loadMissed(): Promise<void> {
    try {
      const all = await api.call('GET /api/tickets', { token: session.token, query: { open: 'false' } });
      missed.value = reinstatable(all.tickets, live.now, live.state.hall?.noShow);
    } catch {
      // the list keeps what it had; the banner tells of a lost connection
    }
  }

  function choose(serviceId: string): void {
    form.serviceId = serviceId;
  }

  function setPrinter(id: string): void {
    form.printAt = id;
    keep(PRINTER_KEY, id);
  }

  function setReader(id: string): void {
    reader.value = id;
    keep(READER_KEY, id);
  }

  /** Waits for a card on the desk's reader (up to 15 s); a second press stops waiting. */
  async function readCard(): Promise<void> {
    if (reading.value) {
      abort?.abort();
      return;
    }
    if (!reader.value) {
      say('error', t('guide.noReader'));
      return;
    }
    reading.value = true;
    abort = new AbortController();
    try {
      const r = await api.call('POST /api/id-cards/read', { token: session.token, body: { readerId: reader.value, waitSec: 15 }, signal: abort.signal });
      if (r.card) {
        card.value = r.card;
        say('ok', t('guide.cardRead', { name: r.card.name }));
        // A booking made with this card: offered for check-in at once.
        if (r.card.booking) say('ok', t('guide.cardBooking', { service: r.card.booking.serviceName, time: r.card.booking.slotStart.slice(11, 16) }));
      } else if (!abort.signal.aborted) {
        say('error', t('guide.noCard'));
      }
    } catch (e) {
      if (!abort.signal.aborted) say('error', explain(e));
    } finally {
      reading.value = false;
      abort = null;
    }
  }

  function clearCard(): void {
    card.value = null;
  }

  function reset(): void {
    Object.assign(form, { serviceId: '', green: false, greenReason: '', phone: '', language: 'zh-CN' });
    Object.assign(typed, { idNumber: '', name: '' });
    card.value = null;
  }

  /** Issues for the visitor at the desk: what the form says, printed at the kiosk chosen. */
  async function issue(): Promise<TicketView | null> {
    if (!form.serviceId) {
      say('error', t('guide.pickService'));
      return null;
    }
    if (form.green && !form.greenReason.trim()) {
      dialog.value = 'green';
      return null;
    }
    // A typed number is used only without a card read, and only once it checks out (GB 11643).
    const idNumber = card.value ? '' : typed.idNumber.trim().toUpperCase();
    const problem = idNumber ? idNumberProblem(idNumber) : null;
    if (problem) {
      say('error', t(`guide.idProblem.${problem}`));
      return null;
    }
    const body: BodyOf<'POST /api/tickets'> = {
      serviceId: form.serviceId,
      ...(idNumber ? { idNumber, ...(typed.name.trim() ? { name: typed.name.trim() } : {}) } : {}),
      ...(form.green ? { priority: 'green' as const, greenReason: form.greenReason.trim() } : {}),
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      ...(form.language !== 'zh-CN' ? { language: form.language } : {}),
      ...(form.printAt ? { printAt: form.printAt } : {}),
      ...(card.value ? { idCard: card.value.token } : {}),
    };
    const r = await run('issue', () => api.call('POST /api/tickets', { token: session.token, body, idempotencyKey: newKey() }));
    if (!r) return null;
    issued.value = r.ticket;
    say('ok', t('guide.issuedNotice', { number: r.ticket.number }));
    reset();
    return r.ticket;
  }

  /** A booking checked in at the desk (by its code, or by the card read when it was made with it). */
  async function checkIn(code: string | null): Promise<void> {
    const body: BodyOf<'POST /api/tickets'> = code
      ? { appointmentCode: code, ...(form.printAt ? { printAt: form.printAt } : {}) }
      : { idCard: card.value!.token, checkIn: true, ...(form.printAt ? { printAt: form.printAt } : {}) };
    const r = await run('check-in', () => api.call('POST /api/tickets', { token: session.token, body, idempotencyKey: newKey() }));
    if (!r) return;
    issued.value = r.ticket;
    if (!code) card.value = null;
    say('ok', t('guide.checkedIn', { number: r.ticket.number }));
    if (query.value) await search();
  }

  async function search(): Promise<void> {
    const q = query.value.trim();
    if (!q) {
      results.value = null;
      selected.value = 0;
      return;
    }
    const r = await run('find', () => api.call('GET /api/guide/lookup', { token: session.token, query: { q } }));
    if (!r) return;
    results.value = r;
    selected.value = 0;
    if (r.tickets.length === 0 && r.bookings.length === 0) say('error', t('guide.nothingFound', { q }));
  }

  function clearSearch(): void {
    query.value = '';
    results.value = null;
    selected.value = 0;
  }

  function move(by: number): void {
    const n = rows.value.length;
    if (n > 0) selected.value = (selected.value + by + n) % n;
  }

  /** After acting on a ticket: its row shows what the server answered. */
  function replace(ticket: TicketView): void {
    if (results.value) results.value = { ...results.value, tickets: results.value.tickets.map((x) => (x.id === ticket.id ? ticket : x)) };
    void loadMissed();
  }

  function selectedTicket(): TicketView | null {
    return current.value?.kind === 'ticket' ? current.value.ticket : null;
  }

  async function reinstate(ticket = selectedTicket()): Promise<void> {
    if (!ticket || !canAct(ticket).reinstate) return say('error', t('guide.notNoShow'));
    const r = await run('reinstate', () => api.call('POST /api/tickets/:id/reinstate', { token: session.token, params: { id: ticket.id }, body: {}, idempotencyKey: newKey() }));
    if (!r) return;
    replace(r.ticket);
    say('ok', t('guide.reinstated', { number: r.ticket.number, ahead: r.ticket.ahead }));
  }

  async function cancel(reason: string, ticket = selectedTicket()): Promise<boolean> {
    if (!ticket) return false;
    const r = await run('cancel', () => api.call('POST /api/tickets/:id/cancel', { token: session.token, params: { id: ticket.id }, body: { reason } }));
    if (!r) return false;
    replace(r.ticket);
    say('ok', t('guide.cancelled', { number: r.ticket.number }));
    return true;
  }

  async function print(ticket = selectedTicket() ?? issued.value): Promise<void> {
    if (!ticket) return say('error', t('guide.pickTicket'));
    if (!form.printAt) return say('error', t('guide.pickPrinter'));
    const r = await run('print', () => api.call('POST /api/tickets/:id/print', { token: session.token, params: { id: ticket.id }, body: { kioskId: form.printAt } }));
    if (!r) return;
    const where = printers.value.find((p) => p.id === r.job.kioskId)?.name ?? r.job.kioskId;
    if (r.job.status === 'failed') say('error', t('guide.printFailed', { number: ticket.number, where, error: r.job.error ?? '' }));
    else say('ok', t(r.job.status === 'queued' ? 'guide.printQueued' : 'guide.printed', { number: ticket.number, where }));
  }

  async function leavePhone(phone: string, ticket = selectedTicket()): Promise<boolean> {
    if (!ticket) return false;
    const r = await run('phone', () => api.call('POST /api/tickets/:id/phone', { token: session.token, params: { id: ticket.id }, body: { phone } }));
    if (!r) return false;
    replace(r.ticket);
    say('ok', t('guide.phoneLeft', { number: r.ticket.number }));
    return true;
  }

  return {
    form, typed, card, reading, busy, issued, query, results, selected, missed, readers, reader, printers, dialog, notice, rows, current,
    say, load, loadMissed, choose, setPrinter, setReader, readCard, clearCard, reset, issue, checkIn, search, clearSearch, move,
    selectedTicket, reinstate, cancel, print, leavePhone,
  };
});
