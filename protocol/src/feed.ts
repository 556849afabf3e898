import type { ServerEventName, ServerToClientEvents } from './events.ts';

/** Every event a feed may carry: the list the UIs subscribe to. */
export const SERVER_EVENTS: readonly ServerEventName[] = [
  'ticket:issued', 'ticket:called', 'ticket:recalled', 'ticket:updated', 'ticket:finished', 'window:changed',
  'evaluation:request', 'evaluation:recorded', 'printer:status', 'alert', 'hall:reset',
];

/**
 * The handshake `auth` our UIs add to their token: take each turn's messages as one `batch`
 * (fewer frames for every screen and pad on a busy morning), which the client's openFeed unpacks.
 */
export const FEED_AUTH = { batch: true } as const;

/** One feed message as a client takes it: the event's name and its payload, typed together. */
export type ServerMessage = { [E in ServerEventName]: { event: E; payload: Parameters<ServerToClientEvents[E]>[0] } }[ServerEventName];

/** A payload of one event. */
export type PayloadOf<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

/** Where a feed connection stands: `refused` is final (an unpaired device, an unknown ticket). */
export type FeedStatus = 'connecting' | 'online' | 'offline' | 'refused';
