import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerEventName, ServerToClientEvents, StateSnapshot } from '@onewindow/protocol';

export type KioskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface FeedHandlers {
  state(s: StateSnapshot): void;
  message(event: ServerEventName, payload: never): void;
  online(connected: boolean): void;
  /** the token was refused: the device was unpaired */
  unauthorized(): void;
}

const EVENTS: ServerEventName[] = [
  'ticket:issued', 'ticket:called', 'ticket:recalled', 'ticket:updated', 'ticket:finished', 'window:changed',
  'printer:status', 'alert', 'hall:reset', 'evaluation:request', 'evaluation:recorded',
];

export interface FeedConnection {
  requestState(): void;
  close(): void;
}

/**
 * The kiosk's realtime feed. socket.io reconnects by itself after a network drop; after the
 * server closed the connection (a restart) it does not, so this does, every few seconds.
 */
export function openFeed(token: string, h: FeedHandlers): FeedConnection {
  const s: KioskSocket = io({ path: '/socket.io', auth: { token }, reconnectionDelay: 1000, reconnectionDelayMax: 5000, timeout: 8000 });
  let retry: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  s.on('connect', () => h.online(true));
  s.on('disconnect', (reason) => {
    h.online(false);
    if (reason === 'io server disconnect' && !closed) retry = setTimeout(() => s.connect(), 2000);
  });
  s.on('connect_error', (err) => {
    h.online(false);
    if (err.message === 'UNAUTHORIZED') h.unauthorized();
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
