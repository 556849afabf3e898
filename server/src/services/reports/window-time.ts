import type { LogEntry, TimeKind, TimeSegment } from './types.ts';

interface WindowTrack {
  staffed: boolean;
  clerkId: string | null;
  paused: boolean;
  ticketId: string | null;
  since: number;
}

const FREES_WINDOW = new Set(['ticket.finished', 'ticket.no-show', 'ticket.transferred', 'ticket.held']);

/**
 * A day's staffed window time from the log, cut at every change: serving while the window has a
 * ticket (called or in service, even during a pause taken mid-service), paused, else idle. Time
 * outside [from, until) is left out (the business day's bounds, or now for today).
 */
export function foldWindowTime(log: readonly LogEntry[], from: number, until: number): TimeSegment[] {
  const out: TimeSegment[] = [];
  const windows = new Map<string, WindowTrack>();
  const holder = new Map<string, string>();
  const track = (id: string, at: number) => {
    let w = windows.get(id);
    if (!w) windows.set(id, (w = { staffed: false, clerkId: null, paused: false, ticketId: null, since: at }));
    return w;
  };
  const cut = (id: string, w: WindowTrack, at: number) => {
    if (w.staffed) push(out, id, w.clerkId, kindOf(w), Math.max(w.since, from), Math.min(at, until));
    w.since = at;
  };

  for (const e of log) {
    const d = e.data;
    if (e.type.startsWith('window.') && e.windowId) {
      const w = track(e.windowId, e.at);
      cut(e.windowId, w, e.at);
      if (e.type === 'window.signed-in') Object.assign(w, { staffed: true, clerkId: (d.clerkId as string) ?? null, paused: false });
      else if (e.type === 'window.signed-out') Object.assign(w, { staffed: false, clerkId: null, paused: false });
      else if (e.type === 'window.paused') w.paused = true;
      else if (e.type === 'window.resumed') w.paused = false;
    } else if (e.type === 'ticket.called' && e.windowId && e.ticketId) {
      const w = track(e.windowId, e.at);
      cut(e.windowId, w, e.at);
      w.ticketId = e.ticketId;
      holder.set(e.ticketId, e.windowId);
    } else if ((FREES_WINDOW.has(e.type) || e.type === 'ticket.cancelled' || e.type === 'ticket.expired') && e.ticketId) {
      const id = holder.get(e.ticketId);
      const w = id ? windows.get(id) : undefined;
      if (id && w && w.ticketId === e.ticketId) {
        cut(id, w, e.at);
        w.ticketId = null;
      }
      holder.delete(e.ticketId);
    }
  }
  for (const [id, w] of windows) cut(id, w, until);
  return out;
}

function kindOf(w: WindowTrack): TimeKind {
  return w.ticketId ? 'serving' : w.paused ? 'paused' : 'idle';
}

function push(out: TimeSegment[], windowId: string, clerkId: string | null, kind: TimeKind, from: number, to: number): void {
  if (to > from) out.push({ windowId, clerkId, kind, from, to });
}
