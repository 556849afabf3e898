import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerEventName, ServerToClientEvents, StateSnapshot } from '@onewindow/protocol';

export interface TrackHandlers {
  state(s: StateSnapshot): void;
  message(event: ServerEventName, payload: never): void;
  online(connected: boolean): void;
  /** the server knows no ticket with this token */
  notFound(): void;
}

export interface TrackConnection { requestState(): void; close(): void }

const EVENTS: ServerEventName[] = ['ticket:called', 'ticket:recalled', 'ticket:updated', 'ticket:finished', 'hall:reset'];

/**
 * A phone's read-only feed of one ticket (`auth: { trackToken }`). socket.io reconnects after a
 * network drop; after a server restart it does not by itself, so this retries every few seconds.
 */
export function openTrackFeed(trackToken: string, h: TrackHandlers): TrackConnection {
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    path: '/socket.io', auth: { trackToken }, reconnectionDelay: 1000, reconnectionDelayMax: 8000, timeout: 10_000,
  });
  let retry: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  s.on('connect', () => h.online(true));
  s.on('disconnect', (reason) => {
    h.online(false);
    if (reason === 'io server disconnect' && !closed) retry = setTimeout(() => s.connect(), 3000);
  });
  s.on('connect_error', (err) => {
    h.online(false);
    if (err.message === 'TICKET_NOT_FOUND') {
      h.notFound();
      s.close();
    }
  });
  s.on('state', (snapshot) => h.state(snapshot));
  for (const event of EVENTS) (s.on as (e: string, fn: (p: never) => void) => void)(event, (p) => h.message(event, p));
  return {
    requestState: () => { if (s.connected) s.emit('state:request'); },
    close: () => {
      closed = true;
      if (retry) clearTimeout(retry);
      s.removeAllListeners();
      s.close();
    },
  };
}
