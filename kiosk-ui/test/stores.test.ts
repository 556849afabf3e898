// The kiosk's Pinia stores in Node against a real server (HTTP and socket.io), one block per store.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { loadHallConfig } from '@onewindow/config';
import { browserAt, until } from '../../test/store-env.ts';
import { DEFAULT_CONFIG, startTestServer, type TestServer } from '../../server/test/helper.ts';

let srv: TestServer;
let admin: string;
const stores = async () => ({
  device: (await import('../src/stores/device.ts')).useDeviceStore(),
  hall: (await import('../src/stores/hall.ts')).useHallStore(),
  printer: (await import('../src/stores/printer.ts')).usePrinterStore(),
  session: (await import('../src/stores/session.ts')).useSessionStore(),
  ticket: (await import('../src/stores/ticket.ts')).useTicketStore(),
});
const pairingCode = async () => (await srv.api('/api/devices', { token: admin, body: { kind: 'kiosk', name: 'K', kioskId: 'K1' } })).pairingCode as string;

beforeAll(async () => {
  const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  config.kiosks = [{ id: 'K1', name: '大厅入口取号机', printer: { type: 'none' } }];
  srv = await startTestServer({ config });
  admin = await srv.login();
});
afterAll(async () => { await srv?.close(); });
beforeEach(() => {
  browserAt(`${srv.url}/kiosk/`);
  setActivePinia(createPinia());
});

describe('device store', () => {
  it('Given a pairing code in the address, when it starts, then it is paired, keeps its token and forgets the code', async () => {
    browserAt(`${srv.url}/kiosk/#pair=${await pairingCode()}`);
    const { device } = await stores();
    await device.start();
    expect(device.paired).toBe(true);
    expect(device.kioskId).toBe('K1');
    expect(localStorage.getItem('onewindow.kiosk.token')).toBe(device.token);
    expect(location.hash).toBe('');
  });

  it('Given a code nobody issued, when it pairs, then it says the code is invalid and stays unpaired', async () => {
    const { device } = await stores();
    expect(await device.pair('99999999')).toBe(false);
    expect(device.error).toBe('PAIRING_CODE_INVALID');
    expect(device.paired).toBe(false);
  });

  it('Given a kept token the admin revoked, when it starts, then it forgets it', async () => {
    const { device } = await stores();
    await device.pair(await pairingCode());
    await srv.api(`/api/devices/${device.device!.id}`, { token: admin, method: 'DELETE' });
    await device.start();
    expect(device.paired).toBe(false);
    expect(localStorage.getItem('onewindow.kiosk.token')).toBeNull();
  });
});

describe('hall store', () => {
  it('Given a paired kiosk, when it connects, then it has the menu, and a ticket issued elsewhere moves its counts', async () => {
    const { device, hall } = await stores();
    await device.pair(await pairingCode());
    hall.connect(device.token!, 'K1', () => {});
    await until(() => hall.online && hall.loaded);
    expect(hall.menu.flatMap((g) => g.services.map((s) => s.id))).toContain('biz');
    const before = hall.service('biz')!.waiting;
    await srv.api('/api/tickets', { token: (await srv.user('guide')).token, body: { serviceId: 'biz' } });
    await until(() => hall.service('biz')!.waiting === before + 1);
    hall.disconnect();
    expect(hall.online).toBe(false);
  });
});

describe('printer store', () => {
  it('Given the statuses of every kiosk, when it takes them, then it keeps its own and says whether it prints', async () => {
    const { printer } = await stores();
    expect(printer.canPrint).toBe(true); // unknown counts as working
    printer.take([{ kioskId: 'K2', state: 'ok', at: '' }, { kioskId: 'K1', state: 'paper-out', at: '' }], 'K1');
    expect(printer.status?.state).toBe('paper-out');
    expect(printer.canPrint).toBe(false);
    printer.take([{ kioskId: 'K1', state: 'paper-near-end', at: '' }], 'K1');
    expect(printer.canPrint).toBe(true);
  });
});

describe('session store', () => {
  it('Given a visitor who chose English, elderly mode and the green channel, when the kiosk resets, then the next visitor starts plain', async () => {
    const { session } = await stores();
    session.toggleLanguage();
    session.toggleElderly();
    session.toggleGreen();
    expect([session.english, session.elderly, session.green, session.isDefault]).toEqual([true, true, true, false]);
    await nextTick();
    expect(document.documentElement.classList.contains('elderly')).toBe(true);
    expect(session.timeouts.menu).toBe(120_000);
    session.reset();
    expect(session.isDefault).toBe(true);
  });
});

describe('ticket store', () => {
  it('Given an online kiosk, when a visitor touches a service, then the number is shown; offline, it refuses with OFFLINE', async () => {
    const { device, hall, ticket } = await stores();
    await device.pair(await pairingCode());
    await ticket.issue('biz');
    expect(ticket.error?.code).toBe('OFFLINE'); // not connected yet: no ticket promised
    expect(ticket.phase).toBe('menu');
    ticket.dismissError();
    hall.connect(device.token!, 'K1', () => {});
    await until(() => hall.online);
    await ticket.issue('biz');
    expect(ticket.phase).toBe('issued');
    expect(ticket.ticket?.number).toMatch(/^A\d{3}$/);
    ticket.home();
    expect([ticket.phase, ticket.ticket]).toEqual(['menu', null]);
    hall.disconnect();
  });

  it('Given the hall is closed, when a visitor touches a service, then it says so in the visitor\'s words', async () => {
    const { device, hall, ticket } = await stores();
    await device.pair(await pairingCode());
    hall.connect(device.token!, 'K1', () => {});
    await until(() => hall.online);
    const open = srv.clock.now();
    srv.clock.set(Date.UTC(2026, 10, 23, 12, 30)); // 20:30 in Shanghai
    await ticket.issue('biz');
    srv.clock.set(open);
    expect(ticket.error).toMatchObject({ code: 'HALL_CLOSED', key: 'HALL_CLOSED', tone: 'closed' });
    hall.disconnect();
  });
});
