import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextEvent, refused, startTestServer, type TestServer } from './helper.ts';

// The device list as admins use it to pair a hall's devices: each waiting device keeps its code
// until it pairs (admins only), and every device shows whether it is connected or when it last was.
let srv: TestServer;
let admin: string;
beforeEach(async () => {
  srv = await startTestServer();
  admin = await srv.login();
});
afterEach(async () => { await srv.close(); });

const create = async (body: Record<string, string>) => srv.api<{ id: string; pairingCode: string }>('/api/devices', { token: admin, body });
const list = async (token = admin) => (await srv.api<{ devices: any[] }>('/api/devices', { token })).devices;

describe('pairing codes in the device list', () => {
  it('keeps every waiting device\'s code listed until it pairs, for admins only', async () => {
    // Given three devices created one after the other (each code used to be shown once, then replaced)
    const pad = await create({ kind: 'pad', name: '1号窗评价器', windowId: 'W01' });
    const screen = await create({ kind: 'window-screen', name: '1号窗口屏', windowId: 'W01' });
    const caller = await create({ kind: 'display', name: '大厅叫号屏' });
    // Then the list still holds all three codes, each with its expiry
    const before = await list();
    expect(before.map((d) => [d.name, d.pairingCode])).toEqual([['1号窗评价器', pad.pairingCode], ['1号窗口屏', screen.pairingCode], ['大厅叫号屏', caller.pairingCode]]);
    expect(before[0].pairingCodeExpiresAt).toMatch(/^2026-11-24T10:00:00\.000\+08:00$/);
    // A supervisor sees the devices, not their codes
    const supervisor = await srv.user('supervisor');
    expect((await list(supervisor.token)).every((d) => d.pairingCode === undefined)).toBe(true);
    // When the screen pairs, its code goes; the others stay
    await srv.api('/api/devices/pair', { body: { pairingCode: screen.pairingCode } });
    const after = await list();
    expect(after.map((d) => [d.name, d.paired, d.pairingCode ?? null])).toEqual([['1号窗评价器', false, pad.pairingCode], ['1号窗口屏', true, null], ['大厅叫号屏', false, caller.pairingCode]]);
  });

  it('lists a renewed code in place of the old one, and drops codes that expired or were unpaired', async () => {
    const pad = await create({ kind: 'pad', name: '评价器', windowId: 'W02' });
    const kiosk = await create({ kind: 'kiosk', name: '取号机', kioskId: 'K1' });
    const renewed = await srv.api<{ pairingCode: string }>(`/api/devices/${pad.id}/pairing-code`, { token: admin, body: {} });
    expect((await list()).find((d) => d.id === pad.id).pairingCode).toBe(renewed.pairingCode);
    expect(await refused(srv.api('/api/devices/pair', { body: { pairingCode: pad.pairingCode } }))).toEqual({ status: 404, code: 'PAIRING_CODE_INVALID' });
    await srv.api(`/api/devices/${kiosk.id}`, { method: 'DELETE', token: admin });
    expect((await list()).find((d) => d.id === kiosk.id).pairingCode).toBeUndefined();
    srv.clock.advance(24 * 3600_000 + 1000);
    admin = await srv.login(); // a day later: a new session
    expect((await list()).find((d) => d.id === pad.id).pairingCode).toBeUndefined();
  });
});

describe('devices online and last seen', () => {
  it('shows a connected device as online, and when it went', async () => {
    const display = await create({ kind: 'display', name: '叫号屏' });
    const { token } = await srv.api<{ token: string }>('/api/devices/pair', { body: { pairingCode: display.pairingCode } });
    expect((await list()).find((d) => d.id === display.id)).toMatchObject({ online: false, lastSeenAt: null });
    const s = srv.socket({ token });
    await nextEvent(s, 'state');
    expect((await list()).find((d) => d.id === display.id)).toMatchObject({ online: true, lastSeenAt: '2026-11-23T10:00:00.000+08:00' });
    srv.clock.advance(5 * 60_000);
    s.close();
    await expect.poll(async () => (await list()).find((d) => d.id === display.id).online).toBe(false);
    expect((await list()).find((d) => d.id === display.id).lastSeenAt).toBe('2026-11-23T10:05:00.000+08:00');
  });
});
