import { existsSync } from 'node:fs';
import type { TimerHandle, Timers } from './timers.ts';

/**
 * The error a line closes with when its path vanished: marked `disconnected` as serialport marks a
 * hang-up, so a listener sees one kind of disconnection whichever of the two noticed it first.
 */
export function pathGoneError(path: string): Error & { disconnected: true } {
  return Object.assign(new Error(`${path} is gone`), { disconnected: true as const });
}

/** How often an open line checks that its device's path still exists, by default. */
export const PATH_CHECK_MS = 1000;

/**
 * Calls `gone` once the device file at `path` no longer exists (a USB-serial adapter pulled out
 * takes its path with it), checking every `everyMs` for as long as `current()` holds. A port does
 * not always report the hang-up itself (the kernel's notice can be lost, or come very late), so a
 * line would otherwise look open with nobody on it. A path that does not exist as a file when the
 * watch starts (a Windows COM port, an agent's line) is not watched; nor anything when `everyMs`
 * is 0. Returns a function that stops the watch.
 */
export function watchPath(path: string, everyMs: number, timers: Timers, current: () => boolean, gone: () => void): () => void {
  let timer: TimerHandle | undefined;
  const stop = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };
  if (everyMs <= 0 || !existsSync(path)) return stop;
  const check = () => {
    timer = undefined;
    if (!current()) return;
    if (existsSync(path)) timer = timers.setTimeout(check, everyMs);
    else gone();
  };
  timer = timers.setTimeout(check, everyMs);
  return stop;
}
