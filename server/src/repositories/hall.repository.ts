import type { Ticket, WindowState } from '../engine/index.ts';
import { currentStep } from '../engine/index.ts';
import type { Db } from './db.ts';

/** The meta key of the numbers a restore found handed out on a day the restored database does not hold. */
export const NUMBER_FLOOR = 'number-floor';

/** Current state of the day's tickets and windows, and small facts such as the current day. */
export class HallRepository {
  private readonly upsertTicket;
  private readonly upsertWindow;
  private readonly ticketsOfDay;
  private readonly windowsOfDay;
  private readonly getMeta;
  private readonly putMeta;
  private readonly byToken;
  constructor(private readonly db: Db) {
    this.upsertTicket = db.prepare(`INSERT INTO tickets (id, day, number, service_id, priority, status, issued_at, track_token, data)
      VALUES (@id, @day, @number, @serviceId, @priority, @status, @issuedAt, @trackToken, @data)
      ON CONFLICT(id) DO UPDATE SET service_id = excluded.service_id, status = excluded.status, data = excluded.data`);
    this.upsertWindow = db.prepare(`INSERT INTO windows (id, day, data) VALUES (?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET day = excluded.day, data = excluded.data`);
    this.ticketsOfDay = db.prepare('SELECT data FROM tickets WHERE day = ? ORDER BY issued_at, id');
    this.windowsOfDay = db.prepare('SELECT data FROM windows WHERE day = ?');
    this.getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.putMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.byToken = db.prepare('SELECT data FROM tickets WHERE track_token = ?');
  }

  saveTicket(t: Ticket): void {
    const step = currentStep(t);
    this.upsertTicket.run({
      id: t.id, day: t.day, number: t.number, serviceId: step.serviceId, priority: t.priority,
      status: step.status, issuedAt: t.issuedAt, trackToken: t.trackToken, data: JSON.stringify(t),
    });
  }

  saveWindow(day: string, w: WindowState): void {
    this.upsertWindow.run(w.id, day, JSON.stringify(w));
  }

  loadDay(day: string): { tickets: Ticket[]; windows: WindowState[] } {
    const tickets = (this.ticketsOfDay.all(day) as { data: string }[]).map((r) => JSON.parse(r.data) as Ticket);
    const windows = (this.windowsOfDay.all(day) as { data: string }[]).map((r) => JSON.parse(r.data) as WindowState);
    return { tickets, windows };
  }

  /** A ticket of any day, for the tracking page of a visitor who kept yesterday's slip. */
  findByTrackToken(token: string): Ticket | null {
    const r = this.byToken.get(token) as { data: string } | undefined;
    return r ? (JSON.parse(r.data) as Ticket) : null;
  }

  /** The numbers already handed out on `day` that no ticket row shows (a restore's floor), by prefix. */
  numberFloor(day: string): Map<string, number> {
    const raw = this.meta(NUMBER_FLOOR);
    if (!raw) return new Map();
    const floor = JSON.parse(raw) as { day: string; counters: Record<string, number> };
    return floor.day === day ? new Map(Object.entries(floor.counters)) : new Map();
  }

  /** Raises the day's floor to at least these numbers per prefix (the floor of another day is replaced). */
  raiseNumberFloor(day: string, counters: Record<string, number>): void {
    const floor = Object.fromEntries(this.numberFloor(day));
    for (const [prefix, n] of Object.entries(counters)) floor[prefix] = Math.max(floor[prefix] ?? 0, n);
    this.setMeta(NUMBER_FLOOR, JSON.stringify({ day, counters: floor }));
  }

  meta(key: string): string | null {
    return (this.getMeta.get(key) as { value: string } | undefined)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.putMeta.run(key, value);
  }

  dropMeta(key: string): void {
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  }
}
