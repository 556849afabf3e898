import { io as ioClient, type Socket } from 'socket.io-client';
import { FEED_AUTH, type ClientToServerEvents, type ServerToClientEvents } from '@onewindow/protocol';

/** One listening device: a caller screen (public feed), a pad (window feed) or a staff terminal. */
export interface ScreenSpec { auth: Record<string, string>; kind: 'caller' | 'pad' | 'staff' }

export interface ScreensReport {
  /** Every message a screen was told, by seq: what the event log must agree with. */
  told: [number, { event: string; ticketId?: string }][];
  /** Each call a caller screen heard: the ticket and when (ms since the epoch, comparable across processes). */
  heard: [string, number][];
}

/** Milliseconds since the epoch with sub-millisecond resolution. */
export const epochMs = () => performance.timeOrigin + performance.now();

type Message = { seq?: number; ticket?: { id: string }; call?: unknown };

/**
 * Connects real socket.io clients as the hall's own UIs do (FEED_AUTH: a turn's messages as one
 * batch) and records what they hear. The times are epoch-based so that a screen in another
 * process could be compared too; here (two cores) the screens share the load client's process:
 * a process of their own only took CPU from the server.
 */
export async function connectScreens(url: string, specs: ScreenSpec[]): Promise<{ report(): ScreensReport; close(): void }> {
  const told = new Map<number, { event: string; ticketId?: string }>();
  const heard: [string, number][] = [];
  const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
  await Promise.all(specs.map((spec) => new Promise<void>((resolve, reject) => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(url, { auth: { ...spec.auth, ...FEED_AUTH }, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(s);
    s.once('state', () => resolve());
    s.once('connect_error', reject);
    const hear = (event: string, payload: Message) => {
      if (payload?.seq) told.set(payload.seq, { event, ticketId: payload.ticket?.id });
      if (event === 'ticket:called' && spec.kind === 'caller' && payload.call && payload.ticket) heard.push([payload.ticket.id, epochMs()]);
    };
    s.onAny((event: string, payload: Message & { messages?: { event: string; payload: Message }[] }) => {
      if (event === 'batch') for (const m of payload.messages ?? []) hear(m.event, m.payload);
      else hear(event, payload);
    });
  })));
  return {
    report: () => ({ told: [...told], heard }),
    close: () => { for (const s of sockets) s.close(); },
  };
}
