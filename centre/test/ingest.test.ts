import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '@onewindow/protocol';
import type { IngestReply } from '@onewindow/protocol/centre';
import { syntheticDay } from '../src/testing/synthetic-day.ts';
import { startTestCentre, type TestCentre } from './helper.ts';

let c: TestCentre;
let key: string;
beforeAll(async () => {
  c = await startTestCentre();
  key = (await c.registerHall('h1')).key;
});
afterAll(async () => c?.close());

const send = (events: unknown[], k: string | null = key, hall = 'h1') => c.call<IngestReply>(`/api/halls/${hall}/events`, { token: k, body: { events } });
const refusal = async (p: Promise<unknown>) => { try { await p; } catch (e) { return e as ApiError; } throw new Error('accepted'); };

describe('ingest: exactly once, in order', () => {
  const log = syntheticDay({ day: '2026-11-23', visits: 60, seed: 7 });

  it('stores a batch, ignores it sent again, and refuses a gap with the seq it expects', async () => {
    expect(await send(log.slice(0, 50))).toEqual({ stored: 50, duplicates: 0, shippedSeq: 50, expectedSeq: 51 });
    expect(await send(log.slice(0, 50))).toEqual({ stored: 0, duplicates: 50, shippedSeq: 50, expectedSeq: 51 });
    const gap = await refusal(send(log.slice(60, 70)));
    expect(gap.status).toBe(409);
    expect(gap.code).toBe('SEQ_GAP');
    expect(gap.details).toEqual({ expectedSeq: 51 });
    // Overlapping the stored part: the old half is ignored, the new half stored.
    expect(await send(log.slice(40, 80))).toEqual({ stored: 30, duplicates: 10, shippedSeq: 80, expectedSeq: 81 });
    await send(log.slice(80));
    const { events } = await c.admin<{ events: { seq: number }[] }>('/api/district/halls/h1/events?after=0&limit=10000');
    expect(events.map((e) => e.seq)).toEqual(log.map((e) => e.seq));
    const { rows } = await c.db.pool.query('SELECT count(*)::int AS n, count(DISTINCT seq)::int AS d FROM events WHERE hall_id = $1', ['h1']);
    expect(rows[0]).toEqual({ n: log.length, d: log.length });
  });

  it('refuses a batch whose seqs are not consecutive', async () => {
    const e = await refusal(send([log[0], log[2]]));
    expect([e.status, e.code]).toEqual([422, 'BATCH_NOT_CONSECUTIVE']);
  });

  it('refuses a wrong key with 401 and another hall\'s key with 403', async () => {
    const other = (await c.registerHall('h2')).key;
    expect((await refusal(send(log.slice(0, 1), 'h1.forged-key'))).status).toBe(401);
    expect((await refusal(send(log.slice(0, 1), null))).status).toBe(401);
    const wrong = await refusal(send(syntheticDay({ day: '2026-11-23', visits: 1 }).slice(0, 1), other, 'h1'));
    expect([wrong.status, wrong.code]).toEqual([403, 'OTHER_HALL']);
    const { rows } = await c.db.pool.query('SELECT shipped_seq FROM hall_cursors WHERE hall_id = $1', ['h2']);
    expect(rows[0].shipped_seq).toBe(0);
  });

  it('gives a hall its own log back, as shipped, to its key only', async () => {
    const { events, shippedSeq } = await c.call<{ events: { seq: number; type: string; data: unknown; detail?: unknown }[]; shippedSeq: number }>('/api/halls/h1/events?after=3&limit=5', { token: key });
    expect(events.map((e) => e.seq)).toEqual([4, 5, 6, 7, 8]);
    expect(events.map((e) => [e.type, e.data])).toEqual(log.slice(3, 8).map((e) => [e.type, e.data]));
    expect(shippedSeq).toBe(log.length);
    const rated = log.find((e) => e.type === 'evaluation.recorded')!;
    const back = await c.call<{ events: { detail?: unknown }[] }>(`/api/halls/h1/events?after=${rated.seq - 1}&limit=1`, { token: key });
    expect(rated.detail).toBeTruthy();
    expect(back.events[0].detail).toEqual(rated.detail);
    const other = (await c.registerHall('h-reader')).key;
    expect((await refusal(c.call('/api/halls/h1/events', { token: other }))).status).toBe(403);
    expect((await refusal(c.call('/api/halls/h1/events', {}))).status).toBe(401);
    expect((await refusal(c.call('/api/halls/h1/events?after=-1', { token: key }))).status).toBe(400);
  });

  it('refuses malformed batches with 400, not 500', async () => {
    for (const body of [{}, { events: [] }, { events: [{ seq: 'x' }] }, { events: [{ ...log[0], day: '23/11/2026' }] }]) {
      const e = await refusal(c.call(`/api/halls/h1/events`, { token: key, body }));
      expect(e.status).toBe(400);
    }
  });

  it('puts events in monthly partitions', async () => {
    await send(syntheticDay({ day: '2026-12-01', visits: 2, firstSeq: log.length + 1 }));
    expect(await c.ctx.events.listPartitions()).toEqual(expect.arrayContaining(['events_202611', 'events_202612']));
    const { rows } = await c.db.pool.query(`SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM events WHERE hall_id = 'h1' GROUP BY 1 ORDER BY 1`);
    expect(rows.map((r) => r.part)).toEqual(['events_202611', 'events_202612']);
  });
});

describe('projections', () => {
  it('are rebuilt from the events exactly as ingest left them', async () => {
    const key3 = (await c.registerHall('h3')).key;
    const day = syntheticDay({ day: '2026-11-24', visits: 300, seed: 3 });
    // Shipped in uneven batches; the rebuild reads it in one pass.
    for (let i = 0; i < day.length; i += 37 + (i % 5)) await send(day.slice(i, i + 37 + (i % 5)), key3, 'h3');
    const pc = await c.db.pool.connect();
    try {
      const before = await c.ctx.rebuild['projections'].dump(pc);
      expect(before.visits.length).toBeGreaterThan(300);
      expect(before.ratings.length).toBeGreaterThan(50);
      const r = await c.ctx.rebuild.rebuild();
      expect(r.events).toBeGreaterThan(day.length);
      const after = await c.ctx.rebuild['projections'].dump(pc);
      expect(after).toEqual(before);
    } finally {
      pc.release();
    }
  });
});
