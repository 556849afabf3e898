import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runLoad } from '../bench/load-harness.ts';
import { writeLoadConfig } from '../bench/load-config.ts';
import { startServerProcess } from './process.ts';

/** The load benchmark's small sibling: correctness under load, not speed (speed is `npm run bench:load`). */
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function logOf(dataDir: string): Map<number, { type: string; ticketId: string | null }> {
  const db = new Database(join(dataDir, 'onewindow.db'), { readonly: true });
  const rows = db.prepare('SELECT seq, type, ticket_id FROM events').all() as { seq: number; type: string; ticket_id: string | null }[];
  db.close();
  return new Map(rows.map((r) => [r.seq, { type: r.type, ticketId: r.ticket_id }]));
}

const SERVICES = ['biz', 'tax', 'prop', 'social', 'fund', 'pickup'];
const EVENT_OF: Record<string, string[]> = {
  'ticket:issued': ['ticket.issued'], 'ticket:called': ['ticket.called'], 'ticket:finished': ['ticket.finished', 'ticket.no-show'],
  'evaluation:request': ['evaluation.requested'], 'window:changed': ['window.signed-in', 'window.signed-out', 'window.paused', 'window.resumed', 'window.ready', 'window.auto-call'],
};

describe('under load', () => {
  it('serves every ticket, every screen hears every call, and clients were told exactly what the log holds', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-load-'));
    dirs.push(dataDir);
    const server = await startServerProcess({ dataDir, config: writeLoadConfig(dataDir, 10) });
    try {
      const r = await runLoad({ url: server.url, adminPassword: 'admin-password', tickets: 300, windows: 10, screens: 30, kiosks: 2, inFlightPerKiosk: 4, serveMs: 0, services: SERVICES });
      expect(r.errors).toEqual([]);
      expect(r.tickets).toBe(300);
      expect(r.served).toBe(300);
      expect(r.screensMissing).toBe(0);
      expect(new Set(r.issued.map((t) => t.number)).size).toBe(300);
      await server.stop();
      const log = logOf(dataDir);
      for (const [seq, m] of r.told) {
        const e = log.get(seq);
        expect(e, `seq ${seq} (${m.event}) was told but is not in the log`).toBeDefined();
        if (EVENT_OF[m.event]) expect(EVENT_OF[m.event]).toContain(e!.type);
        if (m.ticketId && m.event !== 'ticket:updated') expect(e!.ticketId).toBe(m.ticketId);
      }
    } finally {
      await server.stop();
    }
  }, 180_000);

  it('kill -9 in the middle of the load loses nothing that anyone was told', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-kill-load-'));
    dirs.push(dataDir);
    const config = writeLoadConfig(dataDir, 8);
    let server = await startServerProcess({ dataDir, config });
    // Killed once the hall is busy, whatever the machine's speed: 60 tickets in.
    let busy!: () => void;
    const busyNow = new Promise<void>((r) => (busy = r));
    const load = runLoad({
      url: server.url, adminPassword: 'admin-password', tickets: 5000, windows: 8, screens: 12, kiosks: 2, inFlightPerKiosk: 3, serveMs: 0,
      services: SERVICES, stopAfterMs: 60_000, onIssued: (n) => { if (n === 60) busy(); },
    });
    await busyNow;
    await server.stop('SIGKILL');
    const r = await load;
    expect(r.issued.length).toBeGreaterThan(20);
    const log = logOf(dataDir);
    for (const [seq, m] of r.told) {
      expect(log.get(seq), `seq ${seq} (${m.event}) was told but lost`).toBeDefined();
    }
    server = await startServerProcess({ dataDir, config, port: server.port });
    try {
      const db = new Database(join(dataDir, 'onewindow.db'), { readonly: true });
      const numbers = new Map((db.prepare('SELECT id, number FROM tickets').all() as { id: string; number: string }[]).map((t) => [t.id, t.number]));
      db.close();
      for (const t of r.issued) expect(numbers.get(t.id), `ticket ${t.number} was handed out but lost`).toBe(t.number);
      const admin = (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-password' }) }).then((x) => x.json())).token;
      const tickets = (await fetch(`${server.url}/api/tickets?open=false`, { headers: { authorization: `Bearer ${admin}` } }).then((x) => x.json())).tickets;
      expect(tickets.length).toBe(numbers.size);
    } finally {
      await server.stop();
    }
  }, 180_000);
});
