// Real-name tickets (实名取号) end to end: the server drives two GA 467 ID-card readers on its serial
// ports (real pseudo-terminals made by socat), an emulated reader at the far end of each; a kiosk
// and the guide desk read cards and issue tickets over real HTTP; the ID number never leaves the
// server, and is found nowhere in what it stores.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHallConfig } from '@onewindow/config';
import { IdCardEmulator, sampleCard } from '@onewindow/drivers/idcard';
import { openPtyPair, type PtyPair } from '@onewindow/drivers/serial';
import { DEFAULT_CONFIG, refused, startTestServer, type TestServer } from './helper.ts';

let srv: TestServer;
let ptys: PtyPair[] = [];
let kioskReader: IdCardEmulator;
let deskReader: IdCardEmulator;
let kiosk: string;
let guide: { token: string; id: string };
/** Every answer body the tests saw, to search for the ID number. */
const seen: string[] = [];

const alice = sampleCard({ name: '王小明', seq: '471' });
const bob = sampleCard({ name: '李娜', sex: '2', birth: '19450102', region: '310104', seq: '042' });

beforeAll(async () => {
  ptys = [await openPtyPair(), await openPtyPair()];
  kioskReader = await IdCardEmulator.open(ptys[0].b);
  deskReader = await IdCardEmulator.open(ptys[1].b);
  const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  config.services.find((s) => s.id === 'prop')!.realName = 'required';
  config.services.find((s) => s.id === 'social')!.realName = 'optional';
  config.idCard = {
    readers: [
      { id: 'R1', name: '入口取号机读卡器', kioskId: 'K1', serial: { path: ptys[0].a, baudRate: 115200 } },
      { id: 'R2', name: '导服台读卡器', desk: true, serial: { path: ptys[1].a, baudRate: 115200 } },
    ],
  };
  srv = await startTestServer({ config });
  kiosk = await srv.device('kiosk', { kioskId: 'K1' });
  guide = await srv.user('guide');
});
afterAll(async () => {
  await srv.close();
  await kioskReader.close();
  await deskReader.close();
  for (const p of ptys) await p.close();
});

async function call<T = any>(path: string, token: string | undefined, body?: object): Promise<T> {
  const r = await srv.api<T>(path, { token, ...(body ? { body } : {}) });
  seen.push(JSON.stringify(r));
  return r;
}

describe('real-name tickets at a kiosk with an ID-card reader', () => {
  it('refuses a required real-name matter without a card, and reads nothing from an empty reader', async () => {
    expect(await refused(call('/api/tickets', kiosk, { serviceId: 'prop' }))).toEqual({ status: 422, code: 'REAL_NAME_REQUIRED' });
    const started = Date.now();
    expect(await call('/api/id-cards/read', kiosk, { waitSec: 1 })).toEqual({ card: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(kioskReader.commands.filter((c) => c === 'find').length).toBeGreaterThanOrEqual(2);
  });

  it('reads a card laid on the reader while it waits, masked, and issues the ticket in that name', async () => {
    const reading = call('/api/id-cards/read', kiosk, { waitSec: 5 });
    await new Promise((r) => setTimeout(r, 400));
    kioskReader.place(alice);
    const { card } = await reading;
    expect(card).toMatchObject({
      readerId: 'R1', name: '王*明', idMasked: `${alice.idNumber.slice(0, 3)}***********${alice.idNumber.slice(-4)}`, sex: 'male', age: 36,
      booking: null, tickets: [],
    });
    const { ticket } = await call('/api/tickets', kiosk, { serviceId: 'prop', idCard: card.token });
    expect(ticket).toMatchObject({ serviceId: 'prop', visitor: { name: '王*明', idMasked: card.idMasked } });
    // The token is used up with the ticket.
    expect(await refused(call('/api/tickets', kiosk, { serviceId: 'social', idCard: card.token }))).toEqual({ status: 409, code: 'ID_CARD_EXPIRED' });
  });

  it('gives one person one ticket per matter per day: the same card again is refused, another matter is not', async () => {
    const { card } = await call('/api/id-cards/read', kiosk, { waitSec: 2 });
    expect(card.tickets).toEqual([{ number: expect.stringMatching(/^C\d+$/), serviceId: 'prop', status: 'waiting' }]);
    const refusal = await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'prop', idCard: card.token } }).catch((e) => e);
    expect(refusal).toMatchObject({ status: 409, code: 'ONE_TICKET_PER_PERSON', details: { number: card.tickets[0].number } });
    // A refusal leaves the read for another try: the visitor picks another matter.
    const { ticket } = await call('/api/tickets', kiosk, { serviceId: 'social', idCard: card.token });
    expect(ticket.visitor.name).toBe('王*明');
    kioskReader.remove();
  });

  it('keeps the readers apart: a kiosk reads only on its own, the guide desk on the desk reader (audited)', async () => {
    expect(await refused(call('/api/id-cards/read', kiosk, { readerId: 'R2', waitSec: 0 }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect((await call('/api/id-cards/readers', kiosk)).readers.map((r: any) => r.id)).toEqual(['R1']);
    expect((await call('/api/id-cards/readers', guide.token)).readers.map((r: any) => [r.id, r.desk])).toEqual([['R1', false], ['R2', true]]);
    deskReader.place(bob);
    const { card } = await call('/api/id-cards/read', guide.token, { readerId: 'R2', waitSec: 2 });
    expect(card).toMatchObject({ name: '李*', sex: 'female', age: 81 });
    // A card read at the guide desk is the guide's to use, not a kiosk's.
    expect(await refused(call('/api/tickets', kiosk, { serviceId: 'prop', idCard: card.token }))).toEqual({ status: 403, code: 'ID_CARD_ELSEWHERE' });
    const { ticket } = await call('/api/tickets', guide.token, { serviceId: 'prop', priority: 'green', greenReason: '81岁老人', idCard: card.token });
    expect(ticket).toMatchObject({ priority: 'green', visitor: { name: '李*' } });
    const { entries } = await call<any>('/api/audit?limit=20', await srv.login());
    expect(entries.find((e: any) => e.action === 'id-card-read')).toMatchObject({ target: 'reader:R2', detail: { idMasked: card.idMasked } });
    deskReader.remove();
  });

  it('lets the guide desk type the number of a visitor without the card, checked by its check character', async () => {
    const wrong = `${alice.idNumber.slice(0, 17)}${alice.idNumber[17] === '1' ? '2' : '1'}`;
    expect(await refused(call('/api/tickets', guide.token, { serviceId: 'fund', idNumber: wrong, name: '王小明' }))).toEqual({ status: 422, code: 'ID_NUMBER_INVALID' });
    // The same person as the card: one prop ticket already held.
    expect(await refused(call('/api/tickets', guide.token, { serviceId: 'prop', idNumber: alice.idNumber, name: '王小明' }))).toEqual({ status: 409, code: 'ONE_TICKET_PER_PERSON' });
    const { ticket } = await call('/api/tickets', guide.token, { serviceId: 'fund', idNumber: alice.idNumber.toLowerCase(), name: '王小明' });
    expect(ticket.visitor).toMatchObject({ name: '王*明' });
  });

  it('checks in a booking made with the ID number by the card alone', async () => {
    const carol = sampleCard({ name: '赵六', seq: '733' });
    const slots = await srv.api<any>('/api/appointments/slots?serviceId=biz&date=2026-11-23');
    const slot = slots.slots.find((s: any) => s.start.includes('T10:00') || s.start.includes('T10:30'));
    const booked = await call('/api/appointments', undefined, { serviceId: 'biz', slotStart: slot.start, phone: '13911112222', idNumber: carol.idNumber });
    expect(JSON.stringify(booked)).not.toContain(carol.idNumber);
    kioskReader.place(carol);
    const { card } = await call('/api/id-cards/read', kiosk, { waitSec: 2 });
    expect(card.booking).toMatchObject({ serviceId: 'biz', serviceName: '企业开办', status: 'booked' });
    const r = await call('/api/tickets', kiosk, { idCard: card.token, checkIn: true });
    expect(r.ticket).toMatchObject({ serviceId: 'biz', channel: 'appointment' });
    expect(r.checkIn.code).toBe(booked.appointment.code);
    kioskReader.remove();
    kioskReader.place(sampleCard({ name: '无预约', seq: '999' }));
    const none = await call('/api/id-cards/read', kiosk, { waitSec: 2 });
    expect(await refused(call('/api/tickets', kiosk, { idCard: none.card.token, checkIn: true }))).toEqual({ status: 404, code: 'APPOINTMENT_NOT_FOUND' });
    kioskReader.remove();
  });

  it('never lets an ID number out: not in any answer, the staff feed, the database, its log or the audit', async () => {
    const numbers = [alice.idNumber, bob.idNumber];
    const socket = srv.socket({ token: guide.token });
    const frames: string[] = [];
    socket.onAny((_e, p) => frames.push(JSON.stringify(p)));
    await new Promise((r) => socket.once('state', (p) => { frames.push(JSON.stringify(p)); r(null); }));
    seen.push(JSON.stringify(await call('/api/tickets?open=false', guide.token)));
    srv.ctx.hall.flush();
    srv.db.pragma('wal_checkpoint(FULL)');
    const files = ['onewindow.db', 'onewindow.db-wal'].map((f) => join(srv.dataDir, f)).filter((f) => existsSync(f) && statSync(f).size > 0);
    expect(files.length).toBeGreaterThan(0);
    const stored = files.map((f) => readFileSync(f));
    for (const n of numbers) {
      for (const text of [...seen, ...frames]) expect(text).not.toContain(n);
      for (const bytes of stored) {
        expect(bytes.includes(Buffer.from(n, 'utf8'))).toBe(false);
        expect(bytes.includes(Buffer.from(n, 'utf16le'))).toBe(false);
      }
    }
    // What is kept: a keyed hash, a masked number, a masked name; the key is beside the database, not in it.
    const row = srv.db.prepare('SELECT name, id_masked, id_hash FROM ticket_contacts WHERE id_masked IS NOT NULL LIMIT 1').get() as Record<string, string>;
    expect(row.id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.name).toMatch(/\*/);
    expect((statSync(join(srv.dataDir, 'id-hash.key')).mode & 0o777).toString(8)).toBe('600');
    socket.close();
  });

  it('blanks the card hashes and phones with the other personal data after the retention period', async () => {
    srv.db.prepare("UPDATE ticket_contacts SET day = '2026-01-02'").run();
    const purged = srv.ctx.retention.purge();
    expect(purged.ticket_contacts).toBeGreaterThan(0);
    expect(srv.db.prepare('SELECT COUNT(*) AS n FROM ticket_contacts WHERE id_hash IS NOT NULL OR name IS NOT NULL OR id_masked IS NOT NULL').get()).toEqual({ n: 0 });
  });

  it('says the reader is gone when its cable is pulled (503 READER_OFFLINE), and shows it', async () => {
    await ptys[0].close();
    const r = await srv.api('/api/id-cards/read', { token: kiosk, body: { waitSec: 1 } }).catch((e) => e);
    expect(r).toMatchObject({ status: 503, code: 'READER_OFFLINE' });
    expect((await call('/api/id-cards/readers', kiosk)).readers[0]).toMatchObject({ id: 'R1', state: 'no-line' });
  });
});
