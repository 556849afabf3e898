import { describe, expect, it } from 'vitest';
import type { Catalogue, HeartbeatReply } from '@onewindow/protocol/centre';
import { CentreLink, type LinkDeps } from './link.service.ts';
import { CentreHttpError } from './client.ts';
import { backoffMs } from './backoff.ts';
import { withCatalogue } from './catalogue.ts';
import type { CentreLinkRepository } from '../../repositories/centre-link.repository.ts';

/** The link's decisions with a scripted centre (the real exchange over HTTP is in centre/test/network.test.ts). */
function rig(answer: (method: string, path: string, body: unknown) => unknown, o: { cursor?: number; length?: number } = {}) {
  let cursor = o.cursor ?? 0;
  let stored: unknown = null;
  let shift: unknown = null;
  const event = (i: number) => ({ seq: i + 1, day: '2026-11-23', at: i, type: 'ticket.issued', ticketId: `t${i}`, windowId: null, actor: null, data: {} });
  const log = Array.from({ length: o.length ?? 25 }, (_, i) => event(i));
  const sent: number[][] = [];
  const alerts: string[] = [];
  let now = 1_000_000;
  const repo = {
    cursor: () => cursor, saveCursor: (s: number) => { cursor = s; }, lastSeq: () => log.length,
    eventsAfter: (after: number, upTo: number, limit: number) => log.filter((e) => e.seq > after && e.seq <= upTo).slice(0, limit),
    appliedCatalogue: () => stored, saveCatalogue: (c: unknown) => { stored = c; },
    shift: () => shift, saveShift: (s: unknown) => { shift = s; },
  } as unknown as CentreLinkRepository;
  const deps: LinkDeps = {
    repo, timezone: 'Asia/Shanghai', now: () => now, committedSeq: () => log.length, startSeq: log.length, onCommit: () => () => {},
    settings: { url: 'http://centre', hallId: 'h1', key: 'k', followCatalogue: true, ca: null, heartbeatMs: 60_000, alertAfterMs: 5_000, batchSize: 10, timeoutMs: 1000 },
    client: {
      request: async <T>(method: string, path: string, body?: unknown) => {
        if (path.endsWith('/events')) sent.push((body as { events: { seq: number }[] }).events.map((e) => e.seq));
        return answer(method, path, body) as T;
      },
      close: () => {},
    },
    summary: () => ({ at: now, day: '2026-11-23', open: true, timezone: 'Asia/Shanghai', services: [], windows: [] }),
    applyCatalogue: () => {}, raiseAlert: (m) => alerts.push(m), random: () => 0.5,
  };
  const append = (n: number) => { for (let k = 0; k < n; k++) log.push(event(log.length)); };
  return { deps, sent, alerts, cursor: () => cursor, tick: (ms: number) => { now += ms; }, stored: () => stored, shift: () => shift, append };
}
const settle = () => new Promise((r) => setTimeout(r, 30));
const hb = (r: Partial<HeartbeatReply> = {}): HeartbeatReply => ({ expectedSeq: 1, catalogueVersion: null, nearby: [], ...r });

describe('the hall\'s link to its centre', () => {
  it('ships in batches and keeps the cursor where the centre says it stands', async () => {
    let held = 0;
    const r = rig((_m, path, body) => {
      if (path.endsWith('/heartbeat')) return hb({ expectedSeq: held + 1 });
      const ev = (body as { events: { seq: number }[] }).events;
      held = ev[ev.length - 1].seq;
      return { stored: ev.length, duplicates: 0, shippedSeq: held, expectedSeq: held + 1 };
    });
    const link = new CentreLink(r.deps);
    link.start();
    await settle();
    expect(r.sent).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [11, 12, 13, 14, 15, 16, 17, 18, 19, 20], [21, 22, 23, 24, 25]]);
    expect(r.cursor()).toBe(25);
    expect(link.status()).toMatchObject({ connected: true, shippedSeq: 25, localSeq: 25, pending: 0, lastError: null });
    link.stop();
  });

  it('resumes from the seq the centre expects after a SEQ_GAP', async () => {
    let calls = 0;
    const r = rig((_m, path, body) => {
      if (path.endsWith('/heartbeat')) return hb({ expectedSeq: 1 }); // a stale answer: the batch's tells where the centre stands
      const ev = (body as { events: { seq: number }[] }).events;
      if (calls++ === 0) throw new CentreHttpError(409, 'SEQ_GAP', 'gap', { expectedSeq: 21 });
      return { stored: ev.length, duplicates: 0, shippedSeq: ev[ev.length - 1].seq, expectedSeq: ev[ev.length - 1].seq + 1 };
    });
    const link = new CentreLink(r.deps);
    link.start();
    await settle();
    expect(r.sent[1]).toEqual([21, 22, 23, 24, 25]);
    expect(r.cursor()).toBe(25);
    link.stop();
  });

  it('ships nothing before the centre has said where it stands', async () => {
    let up = false;
    const r = rig((_m, path, body) => {
      if (!up) throw new Error('connect ECONNREFUSED');
      if (path.endsWith('/heartbeat')) return hb({ expectedSeq: 1 });
      const ev = (body as { events: { seq: number }[] }).events;
      return { stored: ev.length, duplicates: 0, shippedSeq: ev[ev.length - 1].seq, expectedSeq: ev[ev.length - 1].seq + 1 };
    });
    const link = new CentreLink(r.deps);
    link.start();
    await settle();
    expect(r.sent).toEqual([]);
    up = true;
    await link['heartbeat']();
    await settle();
    expect(r.sent.flat()).toHaveLength(25);
    link.stop();
  });

  it('Given a log restored from an old backup, when the centre holds more of it, then the new events go on after the centre\'s end, not into its seqs', async () => {
    // Shipped 1–40 before; the backup held 1–25 (cursor 20 in it); 3 events came after the restore.
    let held = 40;
    const r = rig((_m, path, body) => {
      if (path.endsWith('/heartbeat')) return hb({ expectedSeq: held + 1 });
      const ev = (body as { events: { seq: number }[] }).events;
      if (ev[0].seq !== held + 1) throw new CentreHttpError(409, 'SEQ_GAP', 'gap', { expectedSeq: held + 1 });
      held = ev[ev.length - 1].seq;
      return { stored: ev.length, duplicates: 0, shippedSeq: held, expectedSeq: held + 1 };
    }, { cursor: 20, length: 25 });
    r.append(3);
    const link = new CentreLink(r.deps);
    link.start();
    await settle();
    expect(r.sent).toEqual([[41, 42, 43]]);
    expect(r.shift()).toEqual({ after: 25, by: 15 });
    expect(r.cursor()).toBe(28);
    expect(r.alerts).toEqual([expect.stringContaining('区中心存有本厅 15 条本地已没有的记录')]);
    expect(link.status()).toMatchObject({ shippedSeq: 28, localSeq: 28, pending: 0 });
    // The heartbeat tells the centre the log's length in its numbering, so it no longer looks shorter.
    let told = 0;
    r.deps.client.request = (async (_m: string, path: string, body?: unknown) => {
      if (path.endsWith('/heartbeat')) told = (body as { localSeq: number }).localSeq;
      return hb({ expectedSeq: held + 1 });
    }) as never;
    await link['heartbeat']();
    expect(told).toBe(43);
    link.stop();

    // After a restart the shift holds: the next events follow on.
    r.deps.startSeq = 28;
    r.deps.client.request = (async (_m: string, path: string, body?: unknown) => {
      if (path.endsWith('/heartbeat')) return hb({ expectedSeq: held + 1 });
      const ev = (body as { events: { seq: number }[] }).events;
      r.sent.push(ev.map((e) => e.seq));
      held = ev[ev.length - 1].seq;
      return { stored: ev.length, duplicates: 0, shippedSeq: held, expectedSeq: held + 1 };
    }) as never;
    r.append(2);
    const again = new CentreLink(r.deps);
    again.start();
    await settle();
    expect(r.sent.at(-1)).toEqual([44, 45]);
    expect(r.alerts).toHaveLength(1);
    again.stop();
  });

  it('reports the error, raises one alert when down long, and offers nearby halls only while the centre answers', async () => {
    let up = true;
    const r = rig((_m, path) => {
      if (!up) throw new Error('connect ECONNREFUSED');
      if (path.endsWith('/heartbeat')) return hb({ expectedSeq: 26, nearby: [{ serviceId: 'biz', hallId: 'h2', hallName: '二号厅', estimatedWaitSec: 120, waiting: 1 }] });
      return { stored: 0, duplicates: 0, shippedSeq: 25, expectedSeq: 26 };
    });
    const link = new CentreLink(r.deps);
    link.start();
    await settle();
    expect(link.nearbyFor('biz')).toEqual({ available: true, offers: [{ serviceId: 'biz', hallId: 'h2', hallName: '二号厅', estimatedWaitSec: 120, waiting: 1 }] });
    expect(link.nearbyFor('tax').offers).toEqual([]);
    up = false;
    await link['heartbeat']();
    expect(link.nearbyFor('biz')).toEqual({ available: false, offers: [] });
    expect(link.status()).toMatchObject({ connected: false, lastError: 'connect ECONNREFUSED' });
    expect(r.alerts).toEqual([]);
    r.tick(6_000);
    await link['heartbeat']();
    await link['heartbeat']();
    expect(r.alerts).toHaveLength(1);
    expect(r.alerts[0]).toMatch(/与区中心的连接已中断/);
    link.stop();
  });

  it('fetches and applies a newly published catalogue and remembers it', async () => {
    const cat: Catalogue = { version: 3, publishedAt: 'x', services: [{ id: 'biz', code: 'C1', name: '企业开办', prefix: 'A', targetWaitSec: 600 }] };
    const r = rig((m, path) => (path.endsWith('/catalogue') ? cat : path.endsWith('/heartbeat') ? hb({ expectedSeq: 26, catalogueVersion: 3 }) : { stored: 0, duplicates: 0, shippedSeq: 25, expectedSeq: 26 }));
    const applied: number[] = [];
    r.deps.applyCatalogue = (c) => { applied.push(c.version); };
    const link = new CentreLink(r.deps);
    link.start();
    await settle();
    expect(applied).toEqual([3]);
    expect(r.stored()).toEqual(cat);
    expect(link.status().catalogue).toEqual({ follows: true, published: 3, applied: 3, error: null });
    link.stop();
  });
});

describe('backoff', () => {
  it('grows exponentially with full jitter, capped at a minute', () => {
    expect(backoffMs(0, () => 0.999)).toBe(999);
    expect(backoffMs(3, () => 0.999)).toBe(7992);
    expect(backoffMs(30, () => 0.999)).toBe(59_940);
    expect(backoffMs(5, () => 0)).toBe(250);
  });
});

describe('catalogue overlay', () => {
  it('renames and retargets the services the hall runs and adds none', () => {
    const config = { services: [{ id: 'biz', name: '旧名', prefix: 'A', targetWaitSec: 1200 }, { id: 'tax', name: '税务', prefix: 'B', targetWaitSec: 900 }] } as never;
    const next = withCatalogue(config, { version: 1, publishedAt: '', services: [{ id: 'biz', code: 'C', name: '新名', nameEn: 'New', prefix: 'Q', targetWaitSec: 300 }, { id: 'x', code: 'D', name: 'x', prefix: 'X', targetWaitSec: 1 }] });
    expect((next as { services: unknown[] }).services).toEqual([{ id: 'biz', name: '新名', nameEn: 'New', prefix: 'Q', targetWaitSec: 300 }, { id: 'tax', name: '税务', prefix: 'B', targetWaitSec: 900 }]);
  });
});
