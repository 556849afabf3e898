import { computed, reactive } from 'vue';
import { ApiError, type AppointmentView, type BookingCalendar, type SlotsView } from '@onewindow/protocol';
import { api } from '../../api/http.ts';
import { bookingErrorKey, cleanCode, cleanPhone, isMobile, isName } from '../../lib/booking.ts';

/** The booking page's state and its calls to the server; the page and its parts only show it. */
export function useBooking() {
  const s = reactive({
    calendar: null as BookingCalendar | null,
    loadError: null as string | null,
    serviceId: null as string | null,
    date: null as string | null,
    slots: null as SlotsView | null,
    slotsLoading: false,
    slotStart: null as string | null,
    name: '',
    phone: '',
    /** Where the hall verifies phones: the one-time code, and when one was last sent (a minute between two). */
    phoneCode: '',
    codeSentAt: 0,
    codeBusy: false,
    touched: false,
    busy: false,
    error: null as string | null,
    booking: null as AppointmentView | null,
    justBooked: false,
    findError: null as string | null,
  });
  const errorKey = (e: unknown) => bookingErrorKey(e instanceof ApiError ? e.code : 'GENERIC');
  const nameOk = computed(() => isName(s.name));
  const phoneOk = computed(() => isMobile(s.phone));
  const verifyPhone = computed(() => s.calendar?.rules.verifyPhone === true);
  const codeOk = computed(() => !verifyPhone.value || /^\d{6}$/.test(s.phoneCode.trim()));
  const ready = computed(() => s.serviceId !== null && s.slotStart !== null && nameOk.value && phoneOk.value && codeOk.value && !s.busy);
  const service = computed(() => s.calendar?.services.find((x) => x.id === s.serviceId) ?? null);
  const slot = computed(() => s.slots?.slots.find((x) => x.start === s.slotStart) ?? null);

  async function load(): Promise<void> {
    s.loadError = null;
    try {
      s.calendar = await api.call('GET /api/appointments/calendar');
      if (!s.serviceId && s.calendar.services.length) await chooseService(s.calendar.services[0].id);
    } catch (e) {
      s.loadError = errorKey(e);
    }
  }

  async function chooseService(id: string): Promise<void> {
    s.serviceId = id;
    s.slotStart = null;
    const open = s.calendar?.days.find((d) => d.closed === null && d.date === s.date) ?? s.calendar?.days.find((d) => d.closed === null);
    await chooseDate(open?.date ?? null);
  }

  async function chooseDate(date: string | null): Promise<void> {
    s.date = date;
    s.slotStart = null;
    await loadSlots();
  }

  async function loadSlots(): Promise<void> {
    if (!s.serviceId || !s.date) { s.slots = null; return; }
    const want = `${s.serviceId}|${s.date}`;
    s.slotsLoading = true;
    try {
      const r = await api.call('GET /api/appointments/slots', { query: { serviceId: s.serviceId, date: s.date } });
      if (`${s.serviceId}|${s.date}` === want) s.slots = r;
    } catch (e) {
      s.error = errorKey(e);
    } finally {
      s.slotsLoading = false;
    }
  }

  function chooseSlot(start: string): void {
    s.slotStart = start;
    s.error = null;
  }

  /** Asks the server to text a one-time code to the phone typed in. */
  async function sendCode(): Promise<void> {
    if (!phoneOk.value || s.codeBusy) return;
    s.codeBusy = true;
    s.error = null;
    try {
      await api.call('POST /api/appointments/phone-code', { body: { phone: cleanPhone(s.phone) } });
      s.codeSentAt = Date.now();
    } catch (e) {
      s.error = errorKey(e);
    } finally {
      s.codeBusy = false;
    }
  }

  async function submit(): Promise<void> {
    s.touched = true;
    if (!ready.value) return;
    s.busy = true;
    s.error = null;
    try {
      if (!s.serviceId || !s.slotStart) return;
      const r = await api.call('POST /api/appointments', {
        body: {
          serviceId: s.serviceId, slotStart: s.slotStart, name: s.name.trim(), phone: cleanPhone(s.phone),
          ...(verifyPhone.value ? { phoneCode: s.phoneCode.trim() } : {}),
        },
      });
      show(r.appointment, true);
    } catch (e) {
      s.error = errorKey(e);
      // A slot taken meanwhile: show the fresh counts.
      if (e instanceof ApiError && (e.code === 'SLOT_FULL' || e.code === 'SLOT_PAST')) { s.slotStart = null; await loadSlots(); }
    } finally {
      s.busy = false;
    }
  }

  async function find(code: string): Promise<void> {
    s.findError = null;
    const c = cleanCode(code);
    if (c.length < 4) { s.findError = 'APPOINTMENT_NOT_FOUND'; return; }
    try {
      show((await api.call('GET /api/appointments/:code', { params: { code: c } })).appointment, false);
    } catch (e) {
      s.findError = errorKey(e);
    }
  }

  async function cancel(): Promise<void> {
    if (!s.booking) return;
    s.busy = true;
    s.error = null;
    try {
      s.booking = (await api.call('POST /api/appointments/:code/cancel', { params: { code: s.booking.code }, body: {} })).appointment;
    } catch (e) {
      s.error = errorKey(e);
    } finally {
      s.busy = false;
    }
  }

  function show(a: AppointmentView, fresh: boolean): void {
    s.booking = a;
    s.justBooked = fresh;
    s.error = null;
    history.replaceState(null, '', `/book/${a.code}`);
  }

  async function another(): Promise<void> {
    s.booking = null;
    s.justBooked = false;
    s.slotStart = null;
    s.touched = false;
    s.error = null;
    s.phoneCode = '';
    history.replaceState(null, '', '/book/');
    await loadSlots();
  }

  return { s, nameOk, phoneOk, codeOk, verifyPhone, ready, service, slot, load, chooseService, chooseDate, chooseSlot, sendCode, submit, find, cancel, another };
}
export type Booking = ReturnType<typeof useBooking>;
