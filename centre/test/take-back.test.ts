import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../../server/test/process.ts';
import { startTestCentre, type TestCentre } from './helper.ts';
import { hallClient, hallEnv, startHall, testHallConfig, until, type HallClient } from './processes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `npm run restore` from the sources, as an operator runs it, with the hall's centre in its
 * environment. Not spawnSync: the centre answering it runs in this process.
 */
function restore(dataDir: string, backup: string, env: Record<string, string>, ...flags: string[]): Promise<{ code: number | null; out: string }> {
  const p = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/restore.ts'), backup, ...flags], {
    cwd: ROOT, env: { ...process.env, ONEWINDOW_DATA: dataDir, ...env },
  });
  let out = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { out += d; });
  return new Promise((resolve) => p.on('close', (code) => resolve({ code, out })));
}

function read<T>(file: string, f: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

const queue = (db: Database.Database) => db.prepare('SELECT number, status FROM tickets ORDER BY number').all();
const ratings = (db: Database.Database) => db.prepare(`SELECT e.number, e.score, f.status AS followUp FROM evaluations e
  LEFT JOIN follow_ups f ON f.evaluation_id = e.id ORDER BY e.number`).all();

let c: TestCentre;
const dirs: string[] = [];
const stops: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const stop of stops) await stop().catch(() => {});
  await c?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function caughtUp(h: HallClient): Promise<number> {
  return until('the hall to ship everything', async () => {
    const s = await h.status();
    return s.connected && s.pending === 0 && s.shippedSeq === s.localSeq ? s.shippedSeq : false;
  }, 30_000, 100);
}

/** A real hall process registered at the centre `c`, in a data folder of its own, with a clerk at W01 and its pad. */
async function hallAtCentre(hallId: string) {
  const { key } = await c.registerHall(hallId);
  const centre = { url: c.base, hallId, key };
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-take-back-'));
  dirs.push(dir);
  const config = testHallConfig(dir);
  const env = { ...hallEnv(centre), ONEWINDOW_CONFIG: config };
  const hall = await startHall(dir, centre, {}, config);
  stops.push(() => hall.srv.stop('SIGKILL'));
  return { dir, config, env, hall, crew: await hall.crew() };
}

describe('a restore takes back from the district centre what the backup lacks', () => {
  it('puts the lost tickets, windows, ratings and follow-ups back when the disk was lost, and the log goes on as one', async () => {
    c = await startTestCentre();
    const { dir, config, env, hall, crew } = await hallAtCentre('h1');
    let h = hall;
    for (let i = 0; i < 3; i++) await h.issue();
    expect(await h.serveOne(crew, 5)).toBe(true);
    await caughtUp(h);
    const backup = join(dir, 'backup.db');
    const live = new Database(join(dir, 'onewindow.db'), { readonly: true });
    await live.backup(backup);
    live.close();
    const backedUp = read(backup, (db) => (db.prepare('SELECT max(seq) AS s FROM events').get() as { s: number }).s);

    // After the backup: more tickets, a bad review, and a visitor called to W01 who is there now.
    for (let i = 0; i < 4; i++) await h.issue('tax');
    expect(await h.serveOne(crew, 1)).toBe(true);
    const called = await h.api<{ ticket: { number: string } }>('/api/windows/W01/call-next', { token: crew.clerk, body: {} });
    await caughtUp(h);
    const before = read(join(dir, 'onewindow.db'), (db) => ({ queue: queue(db), ratings: ratings(db) }));
    expect(before.ratings).toHaveLength(2);

    // The disk is lost: the server dies and its database with it. What the centre holds of it is
    // read after the kill (the hall may have logged something more since it was caught up).
    await h.srv.stop('SIGKILL');
    const held = (await c.db.pool.query("SELECT shipped_seq FROM hall_cursors WHERE hall_id = 'h1'")).rows[0].shipped_seq as number;
    expect(held).toBeGreaterThan(backedUp);
    for (const ext of ['', '-wal', '-shm']) rmSync(join(dir, `onewindow.db${ext}`), { force: true });
    const r = await restore(dir, backup, env);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`took back from the district centre (${c.base}) the ${held - backedUp} event(s) after the backup (seq ${backedUp + 1}–${held})`);
    expect(r.out).toContain(called.ticket.number);

    const after = read(join(dir, 'onewindow.db'), (db) => ({
      queue: queue(db), ratings: ratings(db),
      seqs: (db.prepare('SELECT seq FROM events ORDER BY seq').all() as { seq: number }[]).map((x) => x.seq),
      shift: db.prepare("SELECT value FROM meta WHERE key = 'centre.seqShift'").get() ?? null,
    }));
    expect(after.queue).toEqual(before.queue);
    expect(after.ratings).toEqual(before.ratings);
    expect(after.seqs).toEqual(Array.from({ length: held }, (_, i) => i + 1));
    expect(after.shift).toBeNull();
    const { events } = await c.admin<{ events: { seq: number; type: string; data: unknown }[] }>(`/api/district/halls/h1/events?after=${backedUp}&limit=10000`);
    const mine = read(join(dir, 'onewindow.db'), (db) => db.prepare('SELECT seq, type, data FROM events WHERE seq > ? ORDER BY seq').all(backedUp) as { seq: number; type: string; data: string }[]);
    expect(mine.map((e) => [e.seq, e.type, JSON.parse(e.data)])).toEqual(events.map((e) => [e.seq, e.type, e.data]));

    // Started again, the hall carries on from where it was: the visitor at W01 is still there, the
    // next tax number follows the ones taken back, and the log goes on after the centre's end unshifted.
    const srv = await startServerProcess({ dataDir: dir, config, env });
    h = await hallClient(srv);
    stops.push(() => srv.stop('SIGKILL'));
    const { windows } = await h.api<{ windows: { id: string; currentTicket: { number: string } | null }[] }>('/api/hall', { token: h.admin });
    expect(windows.find((w) => w.id === 'W01')?.currentTicket?.number).toBe(called.ticket.number);
    const next = await h.api<{ ticket: { number: string } }>('/api/tickets', { token: h.admin, body: { serviceId: 'tax' } });
    const taxNumbers = (before.queue as { number: string }[]).map((t) => t.number).filter((n) => n.startsWith(next.ticket.number[0]));
    expect(taxNumbers).not.toContain(next.ticket.number);
    const shipped = await caughtUp(h);
    const tail = await c.admin<{ events: { seq: number; type: string }[] }>(`/api/district/halls/h1/events?after=${held}&limit=1000`);
    expect(tail.events.length).toBeGreaterThanOrEqual(shipped - held);
    expect(tail.events.map((e) => e.seq)).toEqual(Array.from({ length: tail.events.length }, (_, i) => held + 1 + i));
    expect(tail.events.some((e) => e.type === 'ticket.issued')).toBe(true);
    const { alerts } = await h.api<{ alerts: { message: string }[] }>('/api/alerts', { token: h.admin });
    expect(alerts.some((a) => a.message.includes('区中心存有本厅'))).toBe(false);
    const told = alerts.filter((a) => (a as { kind?: string }).kind === 'restored').map((a) => a.message);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`从区中心取回备份之后的 ${held - backedUp} 条记录，排队与窗口已复原`);
    expect(told[0]).toContain(called.ticket.number);
  }, 180_000);

  it('when the restore could not take them back, the running hall learns the lost numbers from the centre: it numbers above them and says who may still wait', async () => {
    const { dir, config, env, hall: h, crew } = await hallAtCentre('h2');
    await h.issue('tax');
    await caughtUp(h);
    const backup = join(dir, 'backup.db');
    const live = new Database(join(dir, 'onewindow.db'), { readonly: true });
    await live.backup(backup);
    live.close();
    const lost: string[] = [];
    for (let i = 0; i < 3; i++) lost.push((await h.api<{ ticket: { number: string } }>('/api/tickets', { token: h.admin, body: { serviceId: 'tax' } })).ticket.number);
    // The first lost one is called to W01 and served: gone; the other two still wait.
    await h.api('/api/windows/W01/call-next', { token: crew.clerk, body: {} }); // the ticket of the backup
    await h.api('/api/windows/W01/finish', { token: crew.clerk, body: { outcome: 'done' } });
    await h.api('/api/windows/W01/call-next', { token: crew.clerk, body: {} });
    await h.api('/api/windows/W01/finish', { token: crew.clerk, body: { outcome: 'done' } });
    await caughtUp(h);
    await h.srv.stop('SIGKILL');
    for (const ext of ['', '-wal', '-shm']) rmSync(join(dir, `onewindow.db${ext}`), { force: true });

    const r = await restore(dir, backup, env, '--no-centre');
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toContain('took back');
    const srv = await startServerProcess({ dataDir: dir, config, env });
    stops.push(() => srv.stop('SIGKILL'));
    const again = await hallClient(srv);
    const alert = await until('the alert naming the lost numbers', async () => {
      const { alerts } = await again.api<{ alerts: { kind: string; level: string; message: string }[] }>('/api/alerts', { token: again.admin });
      return alerts.find((a) => a.kind === 'restored' && a.message.includes('恢复备份后本厅没有今天取的'));
    }, 30_000, 200);
    expect(alert.level).toBe('critical');
    expect(alert.message).toContain(`今天取的 ${lost.length} 个号（${lost[0]} 至 ${lost[2]}，区中心有记录）：其中仍在等候或在窗口的 2 个：${lost[1]} ${lost[2]}，请按票根叫号`);
    const next = (await again.api<{ ticket: { number: string } }>('/api/tickets', { token: again.admin, body: { serviceId: 'tax' } })).ticket.number;
    expect(lost).not.toContain(next);
    expect(Number(next.replace(/^\D+/, ''))).toBe(Number(lost[lost.length - 1].replace(/^\D+/, '')) + 1);
  }, 180_000);
});
