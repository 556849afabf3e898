/**
 * Booking codes (预约码) as visitors say and type them: ten digits, nine random and a check digit,
 * shown in groups of 3-3-4 (`482 913 0576`). Digits only, so a kiosk's keypad never switches
 * between letters and digits; the check digit (Damm's algorithm) catches every single wrong digit
 * and every swap of two neighbours before anything is looked up. The last group is what a visitor
 * types after their phone number to check in without the whole code.
 *
 * Codes made before (eight characters of an unambiguous alphabet, letters and digits) stay valid
 * until their day passes: lookups take both.
 */

export const BOOKING_CODE_DIGITS = 10;
/** Digits a visitor types after the phone number to check in (the last group). */
export const BOOKING_CODE_SUFFIX = 4;

/** Damm's quasigroup of order 10 (totally anti-symmetric: no weak digit pairs). */
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3], [4, 2, 0, 6, 8, 7, 1, 3, 5, 9], [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1], [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5], [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The check digit of a string of digits. */
export function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim][ch.charCodeAt(0) - 48];
  return interim;
}

/** A new code from nine random digits (0–9 each), with its check digit. */
export function bookingCode(random: readonly number[]): string {
  if (random.length !== BOOKING_CODE_DIGITS - 1 || random.some((d) => !Number.isInteger(d) || d < 0 || d > 9)) {
    throw new RangeError(`a booking code needs ${BOOKING_CODE_DIGITS - 1} random digits`);
  }
  const body = random.join('');
  return body + String(dammDigit(body));
}

/** As typed: upper case, without spaces or dashes. */
export function cleanBookingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** Ten digits, the last one checking the others. */
export function isDigitCode(code: string): boolean {
  return /^\d+$/.test(code) && code.length === BOOKING_CODE_DIGITS;
}

/** Whether a digit code's check digit holds; false for anything that is not ten digits. */
export function checksOut(code: string): boolean {
  return isDigitCode(code) && dammDigit(code) === 0;
}

/**
 * Whether a typed code is certainly mistyped: all digits, and either ten with a wrong check digit
 * or more than ten. Shorter digit strings and old letter codes are left to the lookup.
 */
export function mistyped(input: string): boolean {
  const code = cleanBookingCode(input);
  if (!/^\d+$/.test(code)) return false;
  return code.length > BOOKING_CODE_DIGITS || (code.length === BOOKING_CODE_DIGITS && !checksOut(code));
}

/** For people to read: digit codes as `482 913 0576`, old codes as they were. */
export function formatBookingCode(code: string): string {
  const c = cleanBookingCode(code);
  if (!/^\d+$/.test(c)) return c;
  return [c.slice(0, 3), c.slice(3, 6), c.slice(6)].filter(Boolean).join(' ');
}
