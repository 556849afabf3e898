// Tests of the small helpers: tracking URL, pairing hash, idempotency keys, error words, keypad, clock.
import { describe, expect, it } from 'vitest';
import { clockOffset, hallClock } from './clock.ts';
import { kioskError } from './errors.ts';
import { newKey } from './ids.ts';
import { press } from './keypad.ts';
import { hashWithoutPair, pairCodeFromHash } from './pairing.ts';
import { trackUrl } from './track-url.ts';

describe('trackUrl', () => {
  it('uses the hall\'s public URL when configured, else this page\'s origin', () => {
    expect(trackUrl('https://q.example.gov.cn/', 'http://10.0.0.5:8080', 'tok')).toBe('https://q.example.gov.cn/track/tok');
    expect(trackUrl(undefined, 'http://10.0.0.5:8080', 'a_b-c')).toBe('http://10.0.0.5:8080/track/a_b-c');
    expect(trackUrl('not a url', 'http://h', 't')).toBe('http://h/track/t');
  });
});

describe('pairing hash', () => {
  it('reads and removes #pair=CODE', () => {
    expect(pairCodeFromHash('#pair=123456')).toBe('123456');
    expect(pairCodeFromHash('#pair= 123456 ')).toBe('123456');
    expect(pairCodeFromHash('#pair=abc')).toBeNull();
    expect(pairCodeFromHash('')).toBeNull();
    expect(hashWithoutPair('#pair=123456')).toBe('');
    expect(hashWithoutPair('#pair=123456&debug=1')).toBe('#debug=1');
  });
});

describe('newKey', () => {
  it('makes 32 hex characters from 16 random bytes', () => {
    expect(newKey((a) => a.fill(171))).toBe('ab'.repeat(16));
    expect(newKey()).toMatch(/^[0-9a-f]{32}$/);
    expect(newKey()).not.toBe(newKey());
  });
});

describe('kioskError', () => {
  it('maps codes to words and a tone', () => {
    expect(kioskError('HALL_CLOSED')).toEqual({ code: 'HALL_CLOSED', ns: 'kiosk.errors', key: 'HALL_CLOSED', tone: 'closed', params: {} });
    expect(kioskError('DAY_FULL').tone).toBe('full');
    expect(kioskError('APPOINTMENT_UNKNOWN')).toMatchObject({ key: 'APPOINTMENT_NOT_FOUND', tone: 'booking' });
    expect(kioskError('APPOINTMENT_NOT_FOUND')).toMatchObject({ key: 'APPOINTMENT_NOT_FOUND', tone: 'booking' });
    expect(kioskError('APPOINTMENT_SOMETHING_NEW')).toMatchObject({ key: 'APPOINTMENT_OTHER', tone: 'booking' });
    expect(kioskError('FST_ERR_RATE_LIMITED')).toMatchObject({ key: 'RATE_LIMITED' });
    expect(kioskError('HTTP_502')).toMatchObject({ key: 'NETWORK', tone: 'network' });
    expect(kioskError('WHATEVER')).toMatchObject({ key: 'GENERIC', tone: 'generic' });
  });

  it('takes the values a booking refusal needs from its details', () => {
    expect(kioskError('TOO_EARLY', { slotStart: '2026-11-23T11:00:00.000+08:00', checkInFrom: '2026-11-23T10:30:00.000+08:00' }).params).toEqual({ from: '10:30' });
    expect(kioskError('ALREADY_CHECKED_IN', { ticketNumber: 'A007', checkedInAt: null }).params).toEqual({ number: 'A007' });
    expect(kioskError('ALREADY_CHECKED_IN', 'junk').params).toEqual({});
  });

  it('gives real-name refusals their own words, the number already held among them', () => {
    expect(kioskError('ONE_TICKET_PER_PERSON', { number: 'E002', status: 'waiting' })).toEqual({
      code: 'ONE_TICKET_PER_PERSON', ns: 'idcard.errors', key: 'ONE_TICKET_PER_PERSON', tone: 'idcard', params: { number: 'E002' },
    });
    expect(kioskError('READER_FAULT')).toMatchObject({ ns: 'idcard.errors', key: 'READER_OFFLINE' });
    expect(kioskError('NO_ID_READER')).toMatchObject({ ns: 'idcard.errors', key: 'READER_OFFLINE' });
    expect(kioskError('ID_CARD_ELSEWHERE')).toMatchObject({ ns: 'idcard.errors', key: 'ID_CARD_EXPIRED' });
  });
});

describe('keypad', () => {
  it('types, erases and stops at the maximum length', () => {
    let v = '';
    for (const c of '12345') v = press(v, { kind: 'char', char: c }, 4);
    expect(v).toBe('1234');
    expect(press(v, { kind: 'back' }, 4)).toBe('123');
    expect(press(v, { kind: 'clear' }, 4)).toBe('');
  });
});

describe('hall clock', () => {
  it('shows the hall\'s time, corrected by the server\'s offset', () => {
    const received = Date.UTC(2026, 10, 22, 18, 0, 0);
    const offset = clockOffset('2026-11-23T10:00:00.000+08:00', received);
    expect(offset).toBe(Date.UTC(2026, 10, 23, 2, 0, 0) - received);
    expect(hallClock(received + offset, 'Asia/Shanghai', 'zh-CN')).toEqual({ time: '10:00', date: '11月23日 星期一' });
    expect(hallClock(received + offset, 'Asia/Shanghai', 'en').date).toBe('Mon 23 Nov');
    expect(clockOffset('garbage', received)).toBe(0);
  });
});
