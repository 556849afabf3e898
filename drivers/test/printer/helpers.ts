import type { Printer, PrinterState } from '../../src/printer/index.ts';

/** Resolves with the next `status` event of that state (or at once if already there). */
export function statusReaches(printer: Printer, state: PrinterState, timeoutMs = 5000): Promise<void> {
  if (printer.status?.state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      printer.off('status', onStatus);
      reject(new Error(`printer never reached ${state} (now ${printer.status?.state ?? 'unknown'})`));
    }, timeoutMs);
    const onStatus = (s: { state: PrinterState }) => {
      if (s.state !== state) return;
      clearTimeout(timer);
      printer.off('status', onStatus);
      resolve();
    };
    printer.on('status', onStatus);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Handles that keep a process alive, by type: to prove close() leaves nothing behind. */
export function liveHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}
