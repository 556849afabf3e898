import type { ShippedEvent, ShippedEvents } from '@onewindow/protocol/centre';
import type { CentreClient } from './client.ts';

/** Reads one page of this hall's own log back from its district centre, after a seq (GET /api/halls/:id/events). */
export type CentreLog = (after: number) => Promise<ShippedEvents>;

export function centreLog(client: Pick<CentreClient, 'request'>, hallId: string): CentreLog {
  return (after) => client.request<ShippedEvents>('GET', `/api/halls/${encodeURIComponent(hallId)}/events?after=${after}`);
}

/** The centre's events of this hall after `after`, up to `upTo` (default: all it holds), page by page while `more()` holds. */
export async function readCentreLog(read: CentreLog, after: number, upTo = Infinity, more: () => boolean = () => true): Promise<ShippedEvent[]> {
  const out: ShippedEvent[] = [];
  while (after < upTo && more()) {
    const { events, shippedSeq } = await read(after);
    out.push(...events.filter((e) => e.seq <= upTo));
    if (events.length === 0) break;
    after = events[events.length - 1].seq;
    if (after >= shippedSeq) break;
  }
  return out;
}
