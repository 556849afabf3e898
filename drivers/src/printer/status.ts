// Printer status over DLE EOT (Epson real-time status, n = 1..4). Our own reader rather than
// @node-escpos/core's getStatuses(): that one has no timeout, breaks when a reply arrives in
// pieces and leaks a listener per read. Here: one query at a time, one byte, a deadline.
import { statusQuery } from './commands.ts';

/** `unknown`: a printer that takes jobs but has never answered DLE EOT (a one-way printer). */
export type PrinterState = 'ok' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline' | 'error' | 'unknown';

export interface PrinterStatus {
  state: PrinterState;
  /** answered and n=1 bit 3 clear */
  online: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  /** n=3: bit 3 autocutter, bit 5 unrecoverable, bit 6 automatically recoverable (head too hot) */
  error: { cutter: boolean; unrecoverable: boolean; autoRecoverable: boolean };
  /** n=2: why the printer is offline */
  offlineCause: { coverOpen: boolean; feedButton: boolean; paperEnd: boolean; error: boolean };
  /** the four reply bytes (n = 1..4); empty when the printer did not answer */
  raw: number[];
}

/** The subset of a transport the status reader needs. */
export interface StatusIO {
  write(data: Buffer): Promise<void>;
  readByte(timeoutMs: number): Promise<number | null>;
  discardInput(): void;
}

/** Every status byte has bits 1 and 4 set and bits 0 and 7 clear; anything else is not a reply. */
export const isStatusByte = (b: number): boolean => (b & 0x93) === 0x12;

export const isReady = (s: PrinterStatus | null): boolean =>
  s !== null && (s.state === 'ok' || s.state === 'paper-near-end');

/** Whether a job may be sent: ready, or a one-way printer whose state cannot be known. */
export const mayPrint = (s: PrinterStatus | null): boolean => isReady(s) || s?.state === 'unknown';

const bit = (b: number, n: number) => (b & (1 << n)) !== 0;

function stateOf(s: Omit<PrinterStatus, 'state' | 'raw'>): PrinterState {
  if (s.coverOpen) return 'cover-open';
  if (s.paperOut) return 'paper-out';
  if (s.error.cutter || s.error.unrecoverable || s.error.autoRecoverable || s.offlineCause.error) return 'error';
  if (!s.online) return 'offline';
  return s.paperNearEnd ? 'paper-near-end' : 'ok';
}

/** Decodes the replies to DLE EOT 1, 2, 3 and 4 (in that order). */
export function decodeStatus(raw: readonly number[]): PrinterStatus {
  if (raw.length !== 4 || !raw.every(isStatusByte)) throw new Error(`not a status reply: ${raw.join(',')}`);
  const [printer, offline, error, paper] = raw;
  const s = {
    online: !bit(printer, 3),
    coverOpen: bit(offline, 2),
    // Paper end: either roll-end sensor bit (5, 6) or "printing stopped by paper end" (n=2 bit 5).
    paperOut: bit(paper, 5) || bit(paper, 6) || bit(offline, 5),
    paperNearEnd: bit(paper, 2) || bit(paper, 3),
    error: { cutter: bit(error, 3), unrecoverable: bit(error, 5), autoRecoverable: bit(error, 6) },
    offlineCause: { coverOpen: bit(offline, 2), feedButton: bit(offline, 3), paperEnd: bit(offline, 5), error: bit(offline, 6) },
  };
  return { ...s, state: stateOf(s), raw: [...raw] };
}

/** What a printer that did not answer is. */
export function offlineStatus(): PrinterStatus {
  return silentStatus('offline');
}

/**
 * What a printer that can be written to but has never answered is: one-way, or reading is not
 * possible on its connection. Jobs are still sent to it; nothing is known of its paper.
 */
export function unknownStatus(): PrinterStatus {
  return silentStatus('unknown');
}

function silentStatus(state: 'offline' | 'unknown'): PrinterStatus {
  const no = false;
  return {
    state, online: false, coverOpen: no, paperNearEnd: no, paperOut: no,
    error: { cutter: no, unrecoverable: no, autoRecoverable: no },
    offlineCause: { coverOpen: no, feedButton: no, paperEnd: no, error: no },
    raw: [],
  };
}

export interface StatusConditions {
  coverOpen?: boolean;
  paper?: 'ok' | 'near-end' | 'out';
  error?: 'cutter' | 'unrecoverable' | 'auto-recoverable' | null;
  feedButton?: boolean;
}

/** The four bytes a printer in these conditions answers (used by the emulators). */
export function encodeStatus(c: StatusConditions): [number, number, number, number] {
  const out = c.paper === 'out';
  const offline = Boolean(c.coverOpen || out || c.error || c.feedButton);
  const n1 = 0x12 | (offline ? 0x08 : 0);
  const n2 = 0x12 | (c.coverOpen ? 0x04 : 0) | (c.feedButton ? 0x08 : 0) | (out ? 0x20 : 0) | (c.error ? 0x40 : 0);
  const n3 = 0x12 | (c.error === 'cutter' ? 0x08 : 0) | (c.error === 'unrecoverable' ? 0x20 : 0) |
    (c.error === 'auto-recoverable' ? 0x40 : 0);
  // An empty roll also leaves the near-end sensor uncovered.
  const n4 = 0x12 | (c.paper === 'near-end' || out ? 0x0c : 0) | (out ? 0x60 : 0);
  return [n1, n2, n3, n4];
}

/** Reads one reply byte, skipping bytes that cannot be a status reply (e.g. late ASB traffic). */
async function readReply(io: StatusIO, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return null;
    const b = await io.readByte(left);
    if (b === null || isStatusByte(b)) return b;
  }
}

/**
 * Asks DLE EOT 1..4, one at a time, and decodes the answers. Any query left unanswered within
 * `timeoutMs` makes the printer `offline`. Callers must not run two readers on one transport.
 */
export async function readStatus(io: StatusIO, timeoutMs = 1000): Promise<PrinterStatus> {
  const raw: number[] = [];
  for (const n of [1, 2, 3, 4] as const) {
    io.discardInput(); // a late answer to an earlier, timed-out query must not pass for this one
    await io.write(statusQuery(n));
    const b = await readReply(io, timeoutMs);
    if (b === null) return offlineStatus();
    raw.push(b);
  }
  return decodeStatus(raw);
}
