import type { Feed, ServiceView } from '@onewindow/protocol';
import { TICKET_MESSAGES, type FeedMessage, type TicketEventName } from './feeds.ts';

/** A message waiting for its group to be on disk (its `payload.seq` is the log's). */
export type Outgoing = FeedMessage;

/**
 * Feeds that only count the queues (caller screens, kiosks): a `ticket:issued` followed by another
 * ticket message with nothing between them says no more than the later one with every service both
 * touched. A run of issues (a busy morning's burst) then costs each screen one message, not one per
 * ticket, and so does an issue handed at once to a window that was waiting ready (issued, called).
 * Calls are never merged away: every one is announced.
 */
export function mergesIssues(feed: Feed): boolean {
  return feed === 'public' || feed.startsWith('kiosk:');
}

/** Merges as mergesIssues says; keeps every other message and the order. */
export function coalesceIssues(messages: Outgoing[]): Outgoing[] {
  const out: Outgoing[] = [];
  for (const m of messages) {
    const both = out.length > 0 ? mergeCounting(out[out.length - 1], m) : null;
    if (both) out[out.length - 1] = both;
    else out.push(m);
  }
  return out;
}

type TicketMessage = Extract<Outgoing, { event: TicketEventName }>;

/**
 * One message saying what an issue and the ticket message after it say to a counting feed (the
 * later one, with every service either touched, each as of the later, and the earlier's prev), or
 * null where they cannot be said as one: the earlier is not an issue, or touched a window.
 */
export function mergeCounting(earlier: Outgoing, later: Outgoing): Outgoing | null {
  if (earlier.event !== 'ticket:issued' || earlier.payload.window || !TICKET_MESSAGES.has(later.event)) return null;
  const l = later as TicketMessage;
  return { event: l.event, payload: { ...l.payload, prev: earlier.payload.prev, services: servicesOfBoth(earlier.payload, l.payload) } } as Outgoing;
}

/** Two messages merged: every service either touched, each as of the later message. */
function servicesOfBoth(earlier: { services: ServiceView[] }, later: { services: ServiceView[] }): ServiceView[] {
  const services = new Map<string, ServiceView>();
  for (const s of earlier.services) services.set(s.id, s);
  for (const s of later.services) services.set(s.id, s);
  return [...services.values()];
}
