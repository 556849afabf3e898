import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '@onewindow/protocol';
import type { CentreLinkStatus, DistrictSnapshot, NearbyAnswer } from '@onewindow/protocol/centre';
import { startTestCentre, type TestCentre } from './helper.ts';
import { startHall, until, type HallClient } from './processes.ts';

/** A real hall process following the district catalogue of a centre; a second hall for nearby offers. */
let c: TestCentre;
let a: HallClient;
let b: HallClient;
const dirs: string[] = [];
const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'ow-cat-')); dirs.push(d); return d; };

beforeAll(async () => {
  c = await startTestCentre();
  const ka = (await c.registerHall('ja', { level: 'centre' })).key;
  const kb = (await c.registerHall('jb', { parentId: 'ja' })).key;
  [a, b] = await Promise.all([
    startHall(tmp(), { url: c.base, hallId: 'ja', key: ka }, { ONEWINDOW_CENTRE_FOLLOW_CATALOGUE: '1' }),
    startHall(tmp(), { url: c.base, hallId: 'jb', key: kb }),
  ]);
}, 120_000);

afterAll(async () => {
  await a?.srv.stop('SIGKILL');
  await b?.srv.stop('SIGKILL');
  await c?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the district catalogue', () => {
  it('is applied by a hall that follows it like a reload, without losing a ticket, and the hall reports the version it runs', async () => {
    const before = await Promise.all([a.issue('biz'), a.issue('biz'), a.issue('tax')]);
    const published = await c.admin<{ version: number }>('/api/district/catalogue', { method: 'PUT', body: { services: [
      { id: 'biz', code: '11610116MB0000001X', name: '企业开办一件事', nameEn: 'Start a business (one-stop)', prefix: 'A', targetWaitSec: 600 },
      { id: 'tax', code: '11610116MB0000002X', name: '税费申报', prefix: 'T', targetWaitSec: 900 },
      { id: 'only-in-catalogue', code: '11610116MB0000099X', name: '目录独有事项', prefix: 'Z', targetWaitSec: 900 },
    ] } });
    expect(published.version).toBe(1);
    const s = await until('the hall to apply v1', async () => { const x = await a.api<CentreLinkStatus>('/api/centre/status', { token: a.admin }); return x.catalogue.applied === 1 ? x : false; }, 30_000);
    expect(s.catalogue).toEqual({ follows: true, published: 1, applied: 1, error: null });

    const hall = await a.api<{ services: { id: string; name: string; prefix: string; targetWaitSec: number; waiting: number }[] }>('/api/hall', { token: a.admin });
    const biz = hall.services.find((x) => x.id === 'biz')!;
    expect([biz.name, biz.targetWaitSec]).toEqual(['企业开办一件事', 600]);
    expect(hall.services.find((x) => x.id === 'tax')!.prefix).toBe('T');
    expect(hall.services.some((x) => x.id === 'only-in-catalogue')).toBe(false);
    // The tickets issued before keep their numbers and places; a new tax ticket takes the new prefix.
    expect(biz.waiting).toBe(2);
    for (const t of before) {
      const tr = await a.api<{ number: string; status: string }>(`/api/tickets/track/${(t.ticket as { trackToken?: string }).trackToken}`);
      expect(tr.status).toBe('waiting');
      expect(tr.number).toBe((t.ticket as { number?: string }).number);
    }
    const next = await a.issue('tax');
    expect((next.ticket as { number?: string }).number).toMatch(/^T/);

    // The centre sees which version each hall runs: the follower v1, the other none.
    const snap = await until('the heartbeat with v1', async () => {
      const x = await c.admin<DistrictSnapshot>('/api/district/halls');
      return x.halls.find((h) => h.id === 'ja')?.catalogueVersion === 1 ? x : false;
    }, 15_000);
    expect(snap.catalogueVersion).toBe(1);
    expect(snap.halls.find((h) => h.id === 'jb')!.catalogueVersion).toBeNull();

    // SIGHUP reloads the hall file; the catalogue goes back over it.
    a.srv.child.kill('SIGHUP');
    await new Promise((r) => setTimeout(r, 1500));
    const again = await a.api<{ services: { id: string; name: string }[] }>('/api/hall', { token: a.admin });
    expect(again.services.find((x) => x.id === 'biz')!.name).toBe('企业开办一件事');
  }, 90_000);

  it('refuses a catalogue with a code or prefix twice', async () => {
    const dup = await c.admin('/api/district/catalogue', { method: 'PUT', body: { services: [
      { id: 'a', code: 'X1', name: 'a', prefix: 'A', targetWaitSec: 60 }, { id: 'b', code: 'X1', name: 'b', prefix: 'A', targetWaitSec: 60 }] } }).catch((e: ApiError) => e) as ApiError;
    expect([dup.status, dup.code]).toEqual([422, 'CATALOGUE_INVALID']);
  });
});

describe('nearby halls', () => {
  it('offers the hall whose wait is shorter, and the public list shows every hall live', async () => {
    // Hall ja has a queue for pickup and no window open; jb has one open window skilled for it.
    await b.crew();
    for (let i = 0; i < 8; i++) await a.issue('pickup');
    const offer = await until('an offer for pickup', async () => {
      const x = await a.api<NearbyAnswer>('/api/centre/nearby?serviceId=pickup');
      return x.available && x.offers.length ? x : false;
    }, 20_000);
    expect(offer.offers[0]).toMatchObject({ serviceId: 'pickup', hallId: 'jb' });
    const pub = await c.call<{ halls: { id: string; online: boolean; services: { id: string; estimatedWaitSec: number }[] }[] }>('/api/public/halls');
    expect(pub.halls.map((h) => [h.id, h.online])).toEqual([['ja', true], ['jb', true]]); // the centre first, then the street
  }, 60_000);
});
