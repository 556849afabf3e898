import type { WindowView } from '@onewindow/protocol';
import type { CounterAction } from './shortcuts.ts';

/**
 * Which actions make sense in the window's phase: the others are greyed out and their keys do
 * nothing, so a clerk never gets an error for a key pressed at the wrong moment.
 */
export function enabledActions(w: WindowView | null | undefined, hasRecent: boolean): Set<CounterAction> {
  const on = new Set<CounterAction>();
  if (!w || w.phase === 'closed') return on;
  if (w.phase === 'paused') {
    on.add('pause'); // = resume
  } else {
    on.add('pause');
    if (w.phase === 'idle') on.add('call-next').add('call-number');
    if (w.phase === 'calling') on.add('start').add('no-show');
    if (w.phase === 'calling' || w.phase === 'serving') on.add('recall').add('finish').add('transfer').add('hold').add('add-matter');
  }
  if (w.currentTicket || hasRecent) on.add('flag');
  return on;
}
