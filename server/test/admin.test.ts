import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadHallConfig } from '@onewindow/config';
import { hallFiles } from '../src/services/admin/hall-file.ts';
import { DEFAULT_CONFIG, nextEvent, refused, startTestServer, type TestServer } from './helper.ts';

describe('the admin console\'s configuration write-back', () => {
  let srv: TestServer;
  let file: string;
  let dataDir: string;
  let backups: string;
  let admin: string;
  let clerk: { token: string; id: string };
  let kiosk: string;

  beforeEach(async () => {
    // The operator's own file (ONEWINDOW_CONFIG), not the repository's default: edited in place.
    file = join(mkdtempSync(join(tmpdir(), 'ow-admin-')), 'hall.yaml');
    copyFileSync(DEFAULT_CONFIG, file);
    dataDir = mkdtempSync(join(tmpdir(), 'ow-admin-data-'));
    const files = hallFiles({ configured: file, defaultFile: DEFAULT_CONFIG, dataDir });
    backups = files.backups;
    srv = await startTestServer({ config: loadHallConfig(file), dataDir, hallFiles: files });
    admin = await srv.login();
    clerk = await srv.user('clerk');
    kiosk = await srv.device('kiosk', { kioskId: 'K1' });
  });
  afterEach(async () => {
    await srv.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(join(file, '..'), { recursive: true, force: true });
  });

  const read = () => srv.api('/api/admin/config', { token: admin });
  const write = (config: unknown, version?: string) => srv.api('/api/admin/config', { token: admin, method: 'PUT', body: { config, version } });

  it('applies a change live without losing a ticket, keeps the file\'s comments and the old version in the data folder, and audits what changed', async () => {
    const before = readFileSync(file, 'utf8');
    const tickets = [];
    for (const serviceId of ['biz', 'biz', 'fund', 'social']) tickets.push((await srv.api('/api/tickets', { token: kiosk, body: { serviceId } })).ticket);
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    const called = (await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} })).ticket;
    const staff = srv.socket({ token: admin });
    await nextEvent(staff, 'state');

    const { config, version, writable, file: name } = await read();
    expect({ writable, name }).toEqual({ writable: true, name: 'hall.yaml' });
    config.services.find((s: any) => s.id === 'biz').targetWaitSec = 900;
    config.windows.find((w: any) => w.id === 'W02').name = '2号企业窗口';
    config.hall.holidays.push('2027-05-01');
    config.services.push({ id: 'civil', name: '户政', prefix: 'H', targetWaitSec: 600 });
    config.windows.find((w: any) => w.id === 'W12').skills.push('civil');
    config.announcement.template = '请{number}号到{window}';
    const reset = nextEvent(staff, 'hall:reset').catch(() => null);
    const r = await write(config, version);

    expect(r.changes).toEqual([
      'hall.holidays: ["2027-01-01","2027-02-16","2027-02-17","2027-02-18"] → ["2027-01-01","2027-02-16","2027-02-17","2027-02-18","2027-05-01"]',
      'services[biz].targetWaitSec: 1200 → 900',
      '+ services[civil]',
      'windows[W02].name: "2号综合窗口" → "2号企业窗口"',
      'windows[W12].skills: ["biz","tax","prop","social","fund","pickup"] → ["biz","tax","prop","social","fund","pickup","civil"]',
      'announcement.template: "请{number}号到{window}办理" → "请{number}号到{window}"',
    ]);
    expect(r.restartRequired).toEqual([]);
    expect(r.version).not.toBe(version);
    // The file: valid, the same as what was sent, its comments still there; the old one in the data folder
    expect(loadHallConfig(file)).toEqual(config);
    const after = readFileSync(file, 'utf8');
    for (const comment of before.split('\n').filter((l) => l.trimStart().startsWith('#'))) expect(after).toContain(comment.trim());
    expect(existsSync(`${file}.bak`)).toBe(false);
    const kept = readdirSync(backups);
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(backups, kept[0]), 'utf8')).toBe(before);
    expect(readdirTmp(file)).toEqual([]);
    // Live: the hall shows the change, every ticket kept its number and place, numbering goes on
    const hall = await srv.api('/api/hall', { token: admin });
    expect(hall.services.find((s: any) => s.id === 'biz').targetWaitSec).toBe(900);
    expect(hall.services.some((s: any) => s.id === 'civil')).toBe(true);
    expect(hall.windows.find((w: any) => w.id === 'W02').name).toBe('2号企业窗口');
    for (const t of tickets) expect(srv.ctx.hall.state.tickets.get(t.id)?.number).toBe(t.number);
    expect(srv.ctx.hall.state.windows.get('W01')).toMatchObject({ currentTicketId: called.id, clerkId: clerk.id });
    expect((await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } })).ticket.number).toBe('A003');
    expect((await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'civil' } })).ticket.number).toBe('H001');
    expect(srv.ctx.config.announcement?.template).toBe('请{number}号到{window}');
    // Screens and consoles are told to fetch a fresh snapshot
    expect(await reset).toMatchObject({ reason: 'config.reloaded' });

    const { entries } = await srv.api('/api/audit', { token: admin });
    const change = entries.find((e: any) => e.action === 'config-changed');
    expect(change).toMatchObject({ actor: 'user:admin', target: 'config', detail: { changes: r.changes, version: r.version } });
    // Nothing to change: nothing written, nothing audited
    expect((await write((await read()).config)).changes).toEqual([]);
  });

  it('refuses an invalid configuration with every problem by path, and leaves the file alone', async () => {
    const before = readFileSync(file, 'utf8');
    const { config, version } = await read();
    config.services[1].prefix = 'A';
    config.windows[3].skills[0] = 'tx';
    config.hall.hours[0].close = '08:00';
    const err = await srv.api('/api/admin/config', { token: admin, method: 'PUT', body: { config, version } }).catch((e) => e);
    expect([err.status, err.code]).toEqual([422, 'CONFIG_INVALID']);
    expect(err.details.problems.map((p: any) => `${p.path}: ${p.message}`)).toEqual([
      'services[1].prefix: duplicate prefix "A"',
      'windows[3].skills[0]: unknown service "tx"',
      'hall.hours[0].close: closes (08:00) before it opens (09:00)',
    ]);
    const typed = await write({ ...config, services: 'none' }).catch((e) => e);
    expect(typed.details.problems[0].path).toBe('services');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(existsSync(backups)).toBe(false);
  });

  it('refuses to remove a service or window today\'s queue still uses, and a change made on a stale version', async () => {
    await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'fund' } });
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    const { config, version } = await read();
    const noFund = structuredClone(config);
    noFund.services = noFund.services.filter((s: any) => s.id !== 'fund');
    for (const w of noFund.windows) w.skills = w.skills.filter((s: string) => s !== 'fund');
    expect(await refused(write(noFund, version))).toEqual({ status: 409, code: 'CONFIG_IN_USE' });
    const noW01 = structuredClone(config);
    noW01.windows = noW01.windows.filter((w: any) => w.id !== 'W01');
    const err = await write(noW01, version).catch((e) => e);
    expect([err.code, err.details.problems[0].path]).toEqual(['CONFIG_IN_USE', 'windows[W01]']);

    // Removing what nobody uses is fine: permit, from its service and its windows' skills
    const noPermit = structuredClone(config);
    noPermit.services = noPermit.services.filter((s: any) => s.id !== 'permit');
    for (const w of noPermit.windows) w.skills = w.skills.filter((s: string) => s !== 'permit');
    const r = await write(noPermit, version);
    expect(r.changes).toContain('- services[permit]');
    // The first version is stale now
    expect(await refused(write(config, version))).toEqual({ status: 409, code: 'CONFIG_CHANGED' });
    // A new daily reset is written but only applies at the next start
    const later = (await read());
    later.config.hall.dailyReset = '03:00';
    expect((await write(later.config, later.version)).restartRequired).toEqual(['hall.dailyReset']);
    const { entries } = await srv.api('/api/audit', { token: admin });
    expect(entries.filter((e: any) => e.action === 'config-change-refused').map((e: any) => e.detail.code)).toEqual(['CONFIG_CHANGED', 'CONFIG_IN_USE', 'CONFIG_IN_USE']);
  });

  it('a body nested thousands of levels deep is 400 BODY_TOO_DEEP, never 500', async () => {
    const put = (body: string) => fetch(`${srv.url}/api/admin/config`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body });
    // The config route takes any JSON under `config` and walks it (the validator, a clone, the YAML
    // writer): ten thousand levels overflowed the stack there (500 INTERNAL).
    for (const depth of [10_000, 100_000]) {
      for (const body of [`{"config":${'['.repeat(depth)}${']'.repeat(depth)}}`, `{"config":{"hall":${'{"a":'.repeat(depth / 5)}1${'}'.repeat(depth / 5)}}}`]) {
        const r = await put(body);
        expect(r.status).toBe(400);
        expect((await r.json()).error.code).toBe('BODY_TOO_DEEP');
      }
    }
    // Brackets inside strings are text, not nesting; a real hall file passes.
    const { config, version } = await read();
    config.hall.notice = '[[[[{{{{'.repeat(20);
    expect((await write(config, version)).changes.join()).toContain('hall.notice');
  });

  it('is for admins only', async () => {
    const sup = await srv.user('supervisor');
    expect(await refused(srv.api('/api/admin/config', { token: sup.token }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await refused(srv.api('/api/audit', { token: sup.token }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await refused(srv.api('/api/admin/config', { token: clerk.token, method: 'PUT', body: { config: {} } }))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('renames and rebinds a device; a rebound pad reconnects on its new window', async () => {
    const { pairingCode, id } = await srv.api('/api/devices', { token: admin, body: { kind: 'pad', name: 'pad-1', windowId: 'W01' } });
    const { token } = await srv.api('/api/devices/pair', { body: { pairingCode } });
    const socket = srv.socket({ token });
    await nextEvent(socket, 'state');
    const gone = nextEvent(socket, 'disconnect');
    const d = await srv.api(`/api/devices/${id}`, { token: admin, method: 'PATCH', body: { name: '2号窗评价器', windowId: 'W02' } });
    expect(d).toMatchObject({ id, name: '2号窗评价器', windowId: 'W02', paired: true });
    await gone;
    expect((await srv.api('/api/auth/me', { token })).windowId).toBe('W02');
    expect(await refused(srv.api(`/api/devices/${id}`, { token: admin, method: 'PATCH', body: { windowId: 'W99' } }))).toEqual({ status: 422, code: 'WINDOW_REQUIRED' });
    expect(await refused(srv.api('/api/devices/nope', { token: admin, method: 'PATCH', body: { name: 'x' } }))).toEqual({ status: 404, code: 'UNKNOWN_DEVICE' });
    expect(await refused(srv.api(`/api/devices/${id}`, { token: admin, method: 'PATCH', body: {} }))).toMatchObject({ status: 400 });
    const { entries } = await srv.api('/api/audit?limit=5', { token: admin });
    expect(entries.length).toBeLessThanOrEqual(5);
    expect(entries.find((e: any) => e.action === 'device-changed')).toMatchObject({ target: `device:${id}`, detail: { to: { name: '2号窗评价器', windowId: 'W02' } } });
  });
});

/** Left-over temporary files beside the configuration. */
function readdirTmp(file: string): string[] {
  const dir = join(file, '..');
  return readdirSync(dir).filter((f) => f.includes('.tmp-'));
}
