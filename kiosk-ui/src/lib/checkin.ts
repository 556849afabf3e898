import { BOOKING_CODE_DIGITS, BOOKING_CODE_SUFFIX, MOBILE_PATTERN, cleanBookingCode, mistyped } from '@onewindow/protocol';
import { press, type KeyAction } from './keypad.ts';

/**
 * The kiosk's check-in screen as data: a booking code, or a phone number and the code's last four
 * digits, typed on one keypad. The phone field hands over to the digits once it is full.
 */
export type CheckInMode = 'code' | 'phone';
export type CheckInField = 'code' | 'phone' | 'suffix';
export interface CheckInEntry { mode: CheckInMode; field: CheckInField; code: string; phone: string; suffix: string }

export const PHONE_DIGITS = 11;
/** Old letter codes were 8 characters, digit codes are 10: a little room for stray keys. */
const CODE_MAX = 16;
const OLD_CODE = 8;
const MOBILE = new RegExp(MOBILE_PATTERN);

export const emptyEntry = (mode: CheckInMode = 'code'): CheckInEntry => ({ mode, field: mode === 'code' ? 'code' : 'phone', code: '', phone: '', suffix: '' });

export function switchMode(e: CheckInEntry, mode: CheckInMode): CheckInEntry {
  return mode === e.mode ? e : { ...e, mode, field: mode === 'code' ? 'code' : e.phone.length === PHONE_DIGITS ? 'suffix' : 'phone' };
}

export function focus(e: CheckInEntry, field: CheckInField): CheckInEntry {
  return { ...e, field };
}

/** One key on the field being typed. */
export function key(e: CheckInEntry, a: KeyAction): CheckInEntry {
  switch (e.field) {
    case 'code':
      return { ...e, code: cleanBookingCode(press(e.code, a, CODE_MAX)).replace(/[^A-Z0-9]/g, '') };
    case 'phone': {
      const phone = press(e.phone, a, PHONE_DIGITS).replace(/\D/g, '');
      // A full number moves on to the code's digits.
      return { ...e, phone, field: a.kind === 'char' && phone.length === PHONE_DIGITS ? 'suffix' : 'phone' };
    }
    case 'suffix': {
      // Deleting past the first digit goes back to the phone number.
      if (a.kind === 'back' && e.suffix === '') return { ...e, field: 'phone', phone: e.phone.slice(0, -1) };
      return { ...e, suffix: press(e.suffix, a, BOOKING_CODE_SUFFIX).replace(/\D/g, '') };
    }
  }
}

/** What is wrong with what was typed, as soon as it can be known (the i18n key under `checkin.`). */
export function problem(e: CheckInEntry): 'mistyped' | 'badPhone' | null {
  if (e.mode === 'code') return mistyped(e.code) ? 'mistyped' : null;
  return e.phone.length === PHONE_DIGITS && !MOBILE.test(e.phone) ? 'badPhone' : null;
}

/** Whether the visitor may press 签到取号. */
export function ready(e: CheckInEntry): boolean {
  if (problem(e)) return false;
  // A digit code is whole at ten digits (an old code of eight could, rarely, be digits only).
  if (e.mode === 'code') return /^\d+$/.test(e.code) ? e.code.length === BOOKING_CODE_DIGITS || e.code.length === OLD_CODE : e.code.length >= 4;
  return MOBILE.test(e.phone) && e.suffix.length === BOOKING_CODE_SUFFIX;
}

/** A phone number for people to read: 138 1234 5678. */
export function formatPhone(phone: string): string {
  return [phone.slice(0, 3), phone.slice(3, 7), phone.slice(7)].filter(Boolean).join(' ');
}
