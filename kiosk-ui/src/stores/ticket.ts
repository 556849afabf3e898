import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { ApiError, type CardRead, type CheckInInfo, type TicketView } from '@onewindow/protocol';
import type { BodyOf } from '@onewindow/protocol/endpoints';
import { api } from '../api/http.ts';
import { kioskError, type KioskError } from '../lib/errors.ts';
import { spokenNumber } from '../lib/format.ts';
import { newKey } from '../lib/ids.ts';
import { useDeviceStore } from './device.ts';
import { useHallStore } from './hall.ts';
import { usePrinterStore } from './printer.ts';
import { useSessionStore } from './session.ts';

export type Phase = 'menu' | 'checkin' | 'idcard' | 'issued';
type Body = BodyOf<'POST /api/tickets'>;
type Issued = { ticket: TicketView; checkIn?: CheckInInfo };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The visitor's way through the kiosk: menu → (check-in) → the number on screen → menu.
 * A touch sends one request with its own Idempotency-Key, so a retry after a network blip
 * never issues a second ticket.
 */
export const useTicketStore = defineStore('ticket', () => {
  const phase = ref<Phase>('menu');
  /** what is being issued: a service id or 'checkin' */
  const busy = ref<string | null>(null);
  const ticket = ref<TicketView | null>(null);
  /** for a booking's check-in: early, on time or late, and its slot */
  const checkIn = ref<CheckInInfo | null>(null);
  const error = ref<KioskError | null>(null);
  /** the printer cannot give this visitor paper: number and QR large, to photograph */
  const large = ref(false);
  /** a real-name matter touched: the service waiting for the visitor's ID card */
  const pending = ref<string | null>(null);
  /** the card read on this kiosk's reader (masked, with its one-time token) */
  const card = ref<CardRead | null>(null);
  /** whose name the ticket on screen was issued in (masked) */
  const holder = ref<string | null>(null);
  let reading: AbortController | null = null;
  const device = useDeviceStore();
  const hall = useHallStore();
  const printer = usePrinterStore();
  const session = useSessionStore();

  watch(() => printer.canPrint, (ok) => {
    if (!ok && phase.value === 'issued' && !large.value) {
      large.value = true;
      if (ticket.value) session.say('kiosk.voice.paper', { number: spokenNumber(ticket.value.number, session.locale) });
    }
  });

  async function send(body: Body, what: string): Promise<void> {
    return sendWith((key) => api.call('POST /api/tickets', { body, token: device.token, idempotencyKey: key }), what, 'idCard' in body && !!body.idCard);
  }

  /** `withCard`: issued in the name on the card just read (shown on the result). */
  async function sendWith(call: (idempotencyKey: string) => Promise<Issued>, what: string, withCard = false): Promise<void> {
    if (busy.value) return;
    if (!hall.online) {
      fail('OFFLINE');
      return;
    }
    busy.value = what;
    const key = newKey();
    try {
      const post = () => call(key);
      // One quiet retry with the same key: if the first request did arrive, the server answers with that ticket.
      const r = await post().catch(async (e: unknown) => {
        if (!(e instanceof ApiError) || e.code !== 'NETWORK') throw e;
        await sleep(1000);
        return post();
      });
      holder.value = withCard && card.value ? card.value.name : null;
      show(r.ticket, r.checkIn ?? null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) device.forget();
      // A refused real-name issue: the card is read again for another try (its token may be spent).
      card.value = null;
      fail(e instanceof ApiError ? e.code : 'GENERIC', e instanceof ApiError ? e.details : undefined);
    } finally {
      busy.value = null;
    }
  }

  function show(t: TicketView, info: CheckInInfo | null): void {
    ticket.value = t;
    checkIn.value = info;
    large.value = !printer.canPrint;
    phase.value = 'issued';
    const service = hall.service(t.serviceId);
    const name = (session.english && service?.nameEn) || service?.name || t.serviceId;
    const number = spokenNumber(t.number, session.locale);
    session.say(large.value ? 'kiosk.voice.paper' : 'kiosk.voice.issued', { number, service: name, ahead: t.ahead });
  }

  function fail(code: string, details?: unknown): void {
    error.value = kioskError(code, details);
    session.say(`${error.value.ns}.${error.value.key}.title`);
  }

  // The visitor's language goes with the ticket: the slip is printed in it.
  const language = () => (session.english ? { language: 'en' as const } : {});
  const priority = () => (session.green ? { priority: 'green' as const } : {});

  /**
   * A touch on a matter: a real-name one (实名取号) first asks for the visitor's ID card. A kiosk
   * without a reader issues an optional one plainly, and lets the server refuse a required one (its
   * words send the visitor to the guide desk).
   */
  function issue(serviceId: string): Promise<void> {
    const mode = hall.service(serviceId)?.realName;
    if (!mode || hall.hasReader === false) return send({ serviceId, ...priority(), ...language() }, serviceId);
    pending.value = serviceId;
    card.value = null;
    phase.value = 'idcard';
    session.say('idcard.voice.place');
    return Promise.resolve();
  }

  /** The ticket in the name on the card read. */
  const issueWithCard = () => (pending.value && card.value
    ? send({ serviceId: pending.value, idCard: card.value.token, ...priority(), ...language() }, pending.value) : Promise.resolve());
  /** An optional real-name matter, taken without the card. */
  const issueWithoutCard = () => (pending.value ? send({ serviceId: pending.value, ...priority(), ...language() }, pending.value) : Promise.resolve());

  /**
   * Waits on this kiosk's own reader until a card is laid on it (the server holds each request up to
   * 10 s), while the ID-card step is on screen with no card and no refusal. A reader still busy with
   * a request this page gave up on is asked again a moment later.
   */
  async function waitForCard(): Promise<void> {
    if (reading) return;
    const abort = (reading = new AbortController());
    const wanted = () => !abort.signal.aborted && phase.value === 'idcard' && !card.value && !error.value;
    try {
      while (wanted()) {
        try {
          const r = await api.call('POST /api/id-cards/read', { token: device.token, body: { waitSec: 10 }, signal: abort.signal });
          if (r.card && wanted()) {
            card.value = r.card;
            session.say('idcard.voice.read');
          }
        } catch (e) {
          if (abort.signal.aborted) break;
          if (e instanceof ApiError && (e.code === 'READER_BUSY' || e.code === 'NETWORK')) {
            await sleep(1000);
            continue;
          }
          if (e instanceof ApiError && e.status === 401) device.forget();
          fail(e instanceof ApiError ? e.code : 'GENERIC', e instanceof ApiError ? e.details : undefined);
        }
      }
    } finally {
      if (reading === abort) reading = null;
    }
  }

  function stopReading(): void {
    reading?.abort();
    reading = null;
  }

  /** "Not me": forget the card and wait for another. */
  function readAgain(): void {
    card.value = null;
    void waitForCard();
  }
  const checkInBooking = (code: string) => send({ appointmentCode: code, ...language() }, 'checkin');
  /** A booking checked in by the phone number it was made with and the code's last four digits. */
  const checkInByPhone = (phone: string, codeSuffix: string) =>
    sendWith((key) => api.call('POST /api/appointments/check-in', { body: { phone, codeSuffix }, token: device.token, idempotencyKey: key }), 'checkin');

  function openCheckIn(): void {
    phase.value = 'checkin';
    session.say('kiosk.voice.checkin');
  }

  function home(): void {
    stopReading();
    pending.value = null;
    card.value = null;
    holder.value = null;
    phase.value = 'menu';
    ticket.value = null;
    checkIn.value = null;
    large.value = false;
    error.value = null;
  }

  /** Refusals the visitor cannot cure at this kiosk end the ID-card step; a card to read again keeps it. */
  function dismissError(): void {
    const code = error.value?.code;
    error.value = null;
    if (phase.value === 'idcard' && code !== 'ID_CARD_EXPIRED' && code !== 'ID_CARD_UNREADABLE' && code !== 'ID_CARD_ELSEWHERE') home();
  }

  return {
    phase, busy, ticket, checkIn, error, large, pending, card, holder,
    issue, issueWithCard, issueWithoutCard, waitForCard, stopReading, readAgain, checkInBooking, checkInByPhone, openCheckIn, home, dismissError, fail,
  };
});
