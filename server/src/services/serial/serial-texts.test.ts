import { describe, expect, it } from 'vitest';
import { keypadError, keypadIdleText, screenLabel } from './serial-texts.ts';

describe('what the wired devices show', () => {
  it('shortens window names for the LED screen', () => {
    expect(screenLabel('1号综合窗口')).toBe('1号窗口');
    expect(screenLabel('12号综合窗口')).toBe('12号窗口');
    expect(screenLabel('出件窗口')).toBe('出件窗口');
  });

  it('keeps keypad texts short and ASCII', () => {
    expect(keypadIdleText('closed')).toBe('--');
    expect(keypadIdleText('paused')).toBe('PAUSE');
    expect(keypadIdleText('open')).toBe('----');
    // Auto-call on: the keypad says the window calls by itself; a paused window still says PAUSE.
    expect(keypadIdleText('open', true)).toBe('AUTO');
    expect(keypadIdleText('paused', true)).toBe('PAUSE');
    expect(keypadError('WINDOW_IDLE')).toBe('E IDLE');
    expect(keypadError('NOT_AT_WINDOW')).toBe('--');
    expect(keypadError('SOMETHING_ELSE')).toBe('E');
    for (const code of ['WINDOW_BUSY', 'TICKET_NOT_CALLED', 'X']) expect(keypadError(code)).toMatch(/^[\x20-\x7e]{1,8}$/);
  });
});
