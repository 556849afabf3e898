/** What the wired devices show: short, because LED screens and keypad displays are small. */

/** "1号综合窗口" → "1号窗口"; other names as they are. */
export function screenLabel(windowName: string): string {
  const m = /^(\d+)号/.exec(windowName);
  return m ? `${m[1]}号窗口` : windowName;
}

/**
 * The keypad display (ASCII) when no ticket is current: `--` nobody signed in, `PAUSE`, `----` ready,
 * or `AUTO` while auto-call (自动叫号) will call the next visitor by itself.
 */
export function keypadIdleText(status: 'closed' | 'open' | 'paused', autoCall = false): string {
  return status === 'closed' ? '--' : status === 'paused' ? 'PAUSE' : autoCall ? 'AUTO' : '----';
}

const ERRORS: Record<string, string> = {
  WINDOW_IDLE: 'E IDLE', WINDOW_BUSY: 'E BUSY', WINDOW_PAUSED: 'PAUSE', WINDOW_CLOSED: '--', WINDOW_NOT_PAUSED: 'E STATE',
  TICKET_NOT_CALLED: 'E STATE', TICKET_NOT_SERVING: 'E STATE', NOT_AT_WINDOW: '--',
};

/** A refused key press, as the keypad shows it. */
export function keypadError(code: string): string {
  return ERRORS[code] ?? 'E';
}
