import { MOBILE_PATTERN, type BookingDay, type SlotView } from '@onewindow/protocol';

/** Digits as people type them: spaces, dashes and a +86 prefix are ignored. */
export function cleanPhone(input: string): string {
  const digits = input.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  return digits;
}

const MOBILE = new RegExp(MOBILE_PATTERN);
export function isMobile(input: string): boolean {
  return MOBILE.test(cleanPhone(input));
}

export function isName(input: string): boolean {
  const n = input.trim();
  return n.length >= 1 && n.length <= 32;
}

/** Codes as people type them: case and separators ignored. */
export function cleanCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 16);
}

/** "10:30" from an ISO time written in the hall's offset (the API's form): no time-zone maths on the phone. */
export function hallTime(iso: string): string {
  return iso.slice(11, 16);
}

/** "10:30–11:00" */
export function slotLabel(s: { start: string; end: string }): string {
  return `${hallTime(s.start)}–${hallTime(s.end)}`;
}

const WEEK_ZH: Record<string, string> = { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' };
const WEEK_EN: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar day as a chip shows it: { top: "今天" | "周二", bottom: "11月24日" }. */
export function dayLabel(d: Pick<BookingDay, 'date' | 'weekday'>, today: string, lang: string): { top: string; bottom: string } {
  const [, m, day] = d.date.split('-').map(Number);
  const zh = lang.startsWith('zh');
  const offset = daysBetween(today, d.date);
  const rel = offset === 0 ? (zh ? '今天' : 'Today') : offset === 1 ? (zh ? '明天' : 'Tomorrow') : offset === 2 && zh ? '后天' : null;
  const week = (zh ? WEEK_ZH : WEEK_EN)[d.weekday] ?? d.weekday;
  return { top: rel ?? week, bottom: zh ? `${m}月${day}日` : `${day} ${MONTH_EN[m - 1]}` };
}

/** "11月24日（周二）10:30–11:00" or "Tue 24 Nov, 10:30–11:00". */
export function whenLabel(day: string, weekday: string, slot: { start: string; end: string }, lang: string): string {
  const [, m, d] = day.split('-').map(Number);
  return lang.startsWith('zh')
    ? `${m}月${d}日（${WEEK_ZH[weekday] ?? weekday}）${slotLabel(slot)}`
    : `${WEEK_EN[weekday] ?? weekday} ${d} ${MONTH_EN[m - 1]}, ${slotLabel(slot)}`;
}

export function daysBetween(a: string, b: string): number {
  const t = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** "mon" … "sun" of a calendar date. */
export function weekdayOf(date: string): string {
  return ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(`${date}T00:00:00Z`).getUTCDay()];
}

/** Morning and afternoon, as people think of a day's slots. */
export function slotGroups(slots: readonly SlotView[]): { key: 'morning' | 'afternoon'; slots: SlotView[] }[] {
  const morning = slots.filter((s) => hallTime(s.start) < '12:00');
  const afternoon = slots.filter((s) => hallTime(s.start) >= '12:00');
  return [
    ...(morning.length ? [{ key: 'morning' as const, slots: morning }] : []),
    ...(afternoon.length ? [{ key: 'afternoon' as const, slots: afternoon }] : []),
  ];
}

/** Error codes the booking page explains in its own words; anything else is a generic failure. */
export const BOOKING_ERRORS = [
  'SLOT_FULL', 'DUPLICATE_BOOKING', 'SLOT_INVALID', 'SLOT_PAST', 'SLOT_TOO_FAR', 'HALL_CLOSED_DAY', 'NOT_BOOKABLE',
  'PHONE_REQUIRED', 'APPOINTMENT_NOT_FOUND', 'ALREADY_CHECKED_IN', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_EXPIRED',
  'RATE_LIMITED', 'NETWORK', 'VALIDATION_FAILED', 'BOOKING_LIMIT', 'PHONE_CODE_REQUIRED', 'PHONE_CODE_INVALID', 'NOTIFIER_UNAVAILABLE',
  'APPOINTMENT_CODE_MISTYPED', 'TOO_MANY_ATTEMPTS',
] as const;

export function bookingErrorKey(code: string): string {
  return (BOOKING_ERRORS as readonly string[]).includes(code) ? code : code.startsWith('HTTP_5') ? 'NETWORK' : 'GENERIC';
}
