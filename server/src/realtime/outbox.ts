import type { Feed, ServiceView } from '@onewindow/protocol';
import type { FeedMessage } from './feeds.ts';

/** A message waiting for its group to be on disk (its `payload.seq` is the log's). */
export type Outgoing = FeedMessage;

/**
 * Feeds that only count the queues (caller screens, kiosks): a run of `ticket:issued` with nothing
 * between them says no more than its last message with every service the run touched, each as of
 * its latest count. A busy morning's burst of tickets then costs each screen one message, not one
 * per ticket. Calls are never merged: every one is announced.
 */
export function mergesIssues(feed: Feed): boolean {
  return feed === 'public' || feed.startsWith('kiosk:');
}

/** Merges runs of `ticket:issued` (see mergesIssues); keeps every other message and the order. */
export function coalesceIssues(messages: Outgoing[]): Outgoing[] {
  const out: Outgoing[] = [];
  for (const m of messages) {
    const last = out[out.length - 1];
    if (m.event !== 'ticket:issued' || last?.event !== 'ticket:issued') {
      out.push(m);
      continue;
    }
    out[out.length - 1] = { event: m.event, payload: { ...m.payload, services: servicesOfBoth(last.payload, m.payload) } };
  }
  return out;
}

/** Two issues merged: every service either touched, each as of the later message. */
export function servicesOfBoth(earlier: { services: ServiceView[] }, later: { services: ServiceView[] }): ServiceView[] {
  const services = new Map<string, ServiceView>();
  for (const s of earlier.services) services.set(s.id, s);
  for (const s of later.services) services.set(s.id, s);
  return [...services.values()];
}
