import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { ApiError, type CheckInInfo, type TicketView } from '@onewindow/protocol';
import type { BodyOf } from '@onewindow/protocol/endpoints';
import { api } from '../api/http.ts';
import { kioskError, type KioskError } from '../lib/errors.ts';
import { spokenNumber } from '../lib/format.ts';
import { newKey } from '../lib/ids.ts';
import { useDeviceStore } from './device.ts';
import { useHallStore } from './hall.ts';
import { usePrinterStore } from './printer.ts';
import { useSessionStore } from './session.ts';

export type Phase = 'menu' | 'checkin' | 'issued';
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
    return sendWith((key) => api.call('POST /api/tickets', { body, token: device.token, idempotencyKey: key }), what);
  }

  async function sendWith(call: (idempotencyKey: string) => Promise<Issued>, what: string): Promise<void> {
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
      show(r.ticket, r.checkIn ?? null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) device.forget();
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
    session.say(`kiosk.errors.${error.value.key}.title`);
  }

  // The visitor's language goes with the ticket: the slip is printed in it.
  const language = () => (session.english ? { language: 'en' as const } : {});
  const issue = (serviceId: string) => send({ serviceId, ...(session.green ? { priority: 'green' as const } : {}), ...language() }, serviceId);
  const checkInBooking = (code: string) => send({ appointmentCode: code, ...language() }, 'checkin');
  /** A booking checked in by the phone number it was made with and the code's last four digits. */
  const checkInByPhone = (phone: string, codeSuffix: string) =>
    sendWith((key) => api.call('POST /api/appointments/check-in', { body: { phone, codeSuffix }, token: device.token, idempotencyKey: key }), 'checkin');

  function openCheckIn(): void {
    phase.value = 'checkin';
    session.say('kiosk.voice.checkin');
  }

  function home(): void {
    phase.value = 'menu';
    ticket.value = null;
    checkIn.value = null;
    large.value = false;
    error.value = null;
  }

  function dismissError(): void {
    error.value = null;
  }

  return { phase, busy, ticket, checkIn, error, large, issue, checkInBooking, checkInByPhone, openCheckIn, home, dismissError, fail };
});
