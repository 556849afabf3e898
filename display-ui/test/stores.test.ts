// The display app's Pinia stores (screens, wall and console) in Node against a real server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { browserAt, until } from '../../test/store-env.ts';
import { startTestServer, type TestServer } from '../../server/test/helper.ts';
import { call } from './fixtures.ts';

let srv: TestServer;
let admin: string;
const pairingCode = async (kind: string, windowId?: string) =>
  (await srv.api('/api/devices', { token: admin, body: { kind, name: kind, ...(windowId ? { windowId } : {}) } })).pairingCode as string;
const signedIn = async () => {
  const session = (await import('../src/stores/session.ts')).useSessionStore();
  await session.login('admin', 'admin-test-password');
  return session;
};
/** A bad review at W01 (reason as a vendor's pad writes it), which opens a follow-up. */
async function badReview(): Promise<void> {
  const clerk = await srv.user('clerk', undefined, ['W01']);
  const pad = await srv.device('pad', { windowId: 'W01' });
  await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
  await srv.api('/api/tickets', { token: (await srv.user('guide')).token, body: { serviceId: 'biz' } });
  const { ticket } = await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
  await srv.api('/api/windows/W01/start', { token: clerk.token, body: {} });
  await srv.api('/api/windows/W01/finish', { token: clerk.token, body: { outcome: 'done' } });
  await srv.api('/api/evaluations', { token: pad, body: { ticketId: ticket.id, score: 2, reasons: ['等待时间长'] } });
  await srv.api('/api/windows/W01/sign-out', { token: clerk.token, body: {} });
}

beforeAll(async () => {
  srv = await startTestServer();
  admin = await srv.login();
});
afterAll(async () => { await srv?.close(); });
beforeEach(() => {
  browserAt(`${srv.url}/display/`);
  setActivePinia(createPinia());
});

describe('device store', () => {
  it('Given a caller screen opened with a code, when it starts, then it is paired; a pad\'s code is refused as the wrong kind', async () => {
    browserAt(`${srv.url}/display/#pair=${await pairingCode('pad', 'W01')}`);
    const device = (await import('../src/stores/device.ts')).useDeviceStore();
    await device.init('caller');
    expect(device.error).toMatchObject({ code: 'WRONG_KIND', kind: 'pad' });
    expect(await device.pair(await pairingCode('display'))).toBe(true);
    expect(localStorage.getItem('onewindow.display.caller.token')).toBe(device.token);
    device.forget();
    expect([device.token, device.unpaired]).toEqual([null, true]);
  });
});

describe('feed and clock stores', () => {
  it('Given a paired caller screen, when a clerk calls, then the call is on top, listeners hear it and the clock follows the hall', async () => {
    const device = (await import('../src/stores/device.ts')).useDeviceStore();
    const feed = (await import('../src/stores/feed.ts')).useFeedStore();
    const clock = (await import('../src/stores/clock.ts')).useClockStore();
    await device.pair(await pairingCode('display'));
    const heard: string[] = [];
    feed.on((n) => heard.push(n.kind === 'event' ? `${n.name}${n.effect.call ? ' call' : ''}` : n.kind));
    feed.connect(device.token!);
    await until(() => feed.status === 'online' && feed.synced);
    expect(Math.abs(clock.now - srv.clock.now())).toBeLessThan(2000); // the hall's clock, not this machine's
    const clerk = await srv.user('clerk', undefined, ['W03']);
    await srv.api('/api/windows/W03/sign-in', { token: clerk.token, body: {} });
    const { ticket } = await srv.api('/api/tickets', { token: (await srv.user('guide')).token, body: { serviceId: 'tax' } });
    await srv.api('/api/windows/W03/call-next', { token: clerk.token, body: {} });
    await until(() => feed.hall.recentCalls[0]?.ticketId === ticket.id);
    expect(heard).toEqual(expect.arrayContaining(['snapshot', 'ticket:issued', 'ticket:called call']));
    expect(window.__feed?.seq).toBe(feed.seq);
    feed.disconnect();
  });
});

describe('session store', () => {
  it('Given the console, when a clerk signs in, then it is refused; an admin gets in and out again', async () => {
    const session = (await import('../src/stores/session.ts')).useSessionStore();
    await srv.user('clerk', 'notasupervisor');
    expect(await session.login('notasupervisor', 'password-123')).toBe(false);
    expect(session.error?.code).toBe('ROLE_REQUIRED');
    expect(await session.login('admin', 'admin-test-password')).toBe(true);
    expect([session.signedIn, session.isAdmin]).toEqual([true, true]);
    session.logout();
    expect(session.signedIn).toBe(false);
  });
});

describe('alerts store', () => {
  it('Given an open alert, when a supervisor acknowledges it, then it leaves the list', async () => {
    await badReview();
    const session = await signedIn();
    const feed = (await import('../src/stores/feed.ts')).useFeedStore();
    const alerts = (await import('../src/stores/alerts.ts')).useAlertsStore();
    feed.connect(session.token!);
    await until(() => alerts.open.some((a) => a.kind === 'bad-review'));
    const a = alerts.open.find((x) => x.kind === 'bad-review')!;
    await alerts.acknowledge(a.id);
    expect(alerts.open.some((x) => x.id === a.id)).toBe(false);
    expect(alerts.errors.size).toBe(0);
    feed.disconnect();
  });
});

describe('stats store', () => {
  it('Given a signed-in wall, when it starts, then today\'s series load; without a token nothing is asked', async () => {
    const stats = (await import('../src/stores/stats.ts')).useStatsStore();
    await stats.load();
    expect(stats.loads).toBe(0);
    stats.start((await signedIn()).token!);
    await until(() => stats.loads === 1);
    expect(stats.data?.day).toBe(srv.ctx.hall.state.day);
    stats.stop();
  });
});

describe('nav store', () => {
  it('Given the wall, when a supervisor opens reports, then the address and the screen follow', async () => {
    browserAt(`${srv.url}/display/supervisor/`);
    const nav = (await import('../src/stores/nav.ts')).useNavStore();
    expect(nav.screen).toEqual({ kind: 'supervisor', section: 'wall', rest: [] });
    nav.go('reports');
    expect(location.pathname).toBe('/display/supervisor/reports');
    expect(nav.screen).toMatchObject({ section: 'reports' });
  });
});

describe('speech store', () => {
  it('Given a screen with no voices, when a call is announced, then it is queued once (a second time is a duplicate)', async () => {
    const speech = (await import('../src/stores/speech.ts')).useSpeechStore();
    expect(speech.announce(call(), 2)).toBe(false); // not started: nothing queued
    speech.start('zh-CN');
    expect(speech.announce(call({ at: '2026-11-23T10:00:01.000+08:00' }), 2)).toBe(true);
    expect(speech.announce(call({ at: '2026-11-23T10:00:01.000+08:00' }), 2)).toBe(false);
    expect(window.__speech).toBe(speech.state);
  });

  it('Given a call with the server\'s audio in two languages, then a Chinese screen plays the Mandarin and an English one the English', async () => {
    const { announcementOf } = await import('../src/stores/speech.ts');
    const c = call({ announcement: { text: '请A001号到1号综合窗口办理', audioUrl: '/api/announcements/zh.wav', en: { text: 'Number A001, please go to Window 1', audioUrl: '/api/announcements/en.wav' } } });
    expect(announcementOf(c, 'zh-CN')).toMatchObject({ lang: 'zh-CN', text: '请A零零一号到1号综合窗口办理', audioUrl: '/api/announcements/zh.wav' });
    expect(announcementOf(c, 'en')).toMatchObject({ lang: 'en', text: 'Number A 0 0 1, please go to Window 1', audioUrl: '/api/announcements/en.wav' });
    // A server without audio (or an older one): the words alone, for the browser's voice.
    expect(announcementOf(call(), 'en')).toMatchObject({ lang: 'zh-CN', text: '请A零零一号到1号综合窗口办理', audioUrl: null });
  });
});

describe('console stores: reports, follow-ups, configuration', () => {
  it('Given a day with a bad review, when the console loads it, then the report counts its reason by code and the follow-up shows it as given', async () => {
    await badReview();
    await signedIn();
    const reports = (await import('../src/views/supervisor/reports/store.ts')).useReportStore();
    await reports.load({ kind: 'day' });
    expect(reports.error).toBeNull();
    expect(reports.report?.reviewReasons).toEqual(expect.arrayContaining([{ code: 'wait', text: '等候时间长', count: expect.any(Number) }]));
    await reports.load({ kind: 'range', from: '2026-11-30', to: '2026-11-23' });
    expect(reports.error).toBe('开始日期晚于结束日期');

    const followUps = (await import('../src/views/supervisor/follow-ups/store.ts')).useFollowUpStore();
    await followUps.load();
    expect(followUps.selected?.reasons).toEqual(['等待时间长']);
    expect(await followUps.record('called-back', '已回访')).toBe(true);
    expect(followUps.selected?.status).toBe('called-back');
  });

  it('Given the hall file, when an admin applies a bad draft, then the problems come back by path and nothing changes', async () => {
    await signedIn();
    const config = (await import('../src/views/supervisor/admin/store.ts')).useAdminConfigStore();
    await config.load();
    expect(config.draft?.services.length).toBeGreaterThan(0);
    config.draft!.services[1].prefix = config.draft!.services[0].prefix;
    expect(config.changes).toBe(1);
    expect(await config.apply()).toBe(false);
    expect(config.problemKind).toBe('invalid');
    expect(config.problems.map((p) => p.path)).toContain('services[1].prefix');
    config.discard();
    expect(config.changes).toBe(0);
  });
});
