import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextEvent, refused, startTestServer, type TestServer } from './helper.ts';

let srv: TestServer;
beforeEach(async () => { srv = await startTestServer(); });
afterEach(async () => { await srv.close(); });

const storedTickets = (dataDir: string) => {
  const db = new Database(join(dataDir, 'onewindow.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('group commit: the commands of one turn share one transaction', () => {
  it('stores them together at the end of the turn, and tells nobody before', async () => {
    const guide = await srv.user('guide');
    const issuer = srv.ctx.auth.authenticate(guide.token)!;
    const sup = srv.socket({ token: (await srv.user('supervisor')).token, batch: true });
    await nextEvent(sup, 'state');
    const heard: string[] = [];
    srv.ctx.hall.onCommit((batch) => heard.push(...batch.map((c) => c.event.type)));
    for (const serviceId of ['biz', 'tax', 'biz']) srv.ctx.queue.issue(issuer, { serviceId });
    // Applied in memory, not yet on disk: another connection sees nothing, listeners heard nothing.
    expect(srv.ctx.hall.state.tickets.size).toBe(3);
    expect(storedTickets(srv.dataDir)).toBe(0);
    expect(heard).toEqual([]);
    const durable = srv.ctx.hall.durable();
    expect(durable).not.toBeNull();
    await durable;
    expect(storedTickets(srv.dataDir)).toBe(3);
    expect(heard).toEqual(['ticket.issued', 'ticket.issued', 'ticket.issued']);
    expect(srv.ctx.hall.durable()).toBeNull();
    const batch = await nextEvent(sup, 'batch');
    expect(batch.messages.map((m: { payload: { ticket: { number: string } } }) => m.payload.ticket.number)).toEqual(['A001', 'B001', 'A002']);
  });

  it('answers 503 for a group the disk refuses: every ticket anyone was given is on disk, and memory equals the disk', async () => {
    const guide = await srv.user('guide');
    await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } });
    const pages = srv.db.pragma('page_count', { simple: true }) as number;
    srv.db.pragma(`max_page_count = ${pages}`);
    const given: string[] = [];
    let refusals = 0;
    // Rounds of four at once (often one group), until the disk says no.
    for (let round = 0; round < 30 && refusals === 0; round++) {
      const answers = await Promise.allSettled(Array.from({ length: 4 }, () => srv.api<{ ticket: { number: string } }>('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } })));
      for (const a of answers) {
        if (a.status === 'fulfilled') given.push(a.value.ticket.number);
        else {
          expect(await refused(Promise.reject(a.reason))).toEqual({ status: 503, code: 'STORE_UNAVAILABLE' });
          refusals++;
        }
      }
    }
    expect(refusals).toBeGreaterThan(0);
    const db = new Database(join(srv.dataDir, 'onewindow.db'), { readonly: true });
    const stored = new Set((db.prepare('SELECT number FROM tickets').all() as { number: string }[]).map((t) => t.number));
    db.close();
    for (const n of given) expect(stored.has(n), `${n} was handed out but is not on disk`).toBe(true);
    expect(srv.ctx.hall.state.tickets.size).toBe(stored.size);
    srv.db.pragma('max_page_count = 1073741823');
    const next = (await srv.api<{ ticket: { number: string } }>('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } })).ticket;
    expect(Number(next.number.slice(1))).toBe(stored.size + 1);
  });

  it('a COMMIT the disk refuses: every command of the group answers 503 and nobody hears of it', async () => {
    const guide = await srv.user('guide');
    await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } });
    const sup = srv.socket({ token: (await srv.user('supervisor')).token });
    await nextEvent(sup, 'state');
    const told: number[] = [];
    sup.onAny((_e, p: { seq?: number }) => { if (p?.seq) told.push(p.seq); });
    // The real transaction stays open and is really rolled back; only the disk's "no" is injected
    // (an I/O error at COMMIT cannot be caused on demand here).
    const db = srv.db;
    const exec = db.exec.bind(db);
    let failures = 2;
    db.exec = ((sql: string) => {
      if (sql === 'COMMIT' && failures > 0) {
        failures--;
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
      }
      return exec(sql);
    }) as typeof db.exec;
    // A keypad's or a timer's command (no HTTP answer to hold): gone with its group.
    srv.ctx.queue.issue(srv.ctx.auth.authenticate(guide.token)!, { serviceId: 'tax' });
    expect(srv.ctx.hall.state.tickets.size).toBe(2);
    await expect(srv.ctx.hall.durable()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(srv.ctx.hall.state.tickets.size).toBe(1);
    const answer = await refused(srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'tax' } }));
    expect(answer).toEqual({ status: 503, code: 'STORE_UNAVAILABLE' });
    expect(srv.ctx.hall.state.tickets.size).toBe(1);
    expect(storedTickets(srv.dataDir)).toBe(1);
    // The next command finds the disk working again, and numbering goes on from what is stored.
    const next = (await srv.api<{ ticket: { number: string } }>('/api/tickets', { token: guide.token, body: { serviceId: 'tax' } })).ticket;
    expect(next.number).toBe('B001');
    await expect.poll(() => told.length).toBe(1);
    const seqs = new Set((new Database(join(srv.dataDir, 'onewindow.db'), { readonly: true }).prepare('SELECT seq FROM events').all() as { seq: number }[]).map((e) => e.seq));
    for (const seq of told) expect(seqs.has(seq)).toBe(true);
  });
});
