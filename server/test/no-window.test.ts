import { afterEach, describe, expect, it } from 'vitest';
import { nextEvent, startTestServer, type TestServer } from './helper.ts';

/**
 * Issue 18: a service no open window can serve (社保医保 with all its windows closed or paused).
 * Supervisors are alerted at once and the alert closes when a window opens; the kiosk, the ticket
 * and the phone say "no window" instead of an estimate; the staffing advice asks for a window.
 * Through the real HTTP API and a real socket.io phone.
 */
let srv: TestServer;
afterEach(async () => { await srv?.close(); });

const SOCIAL_WINDOWS = ['W03', 'W05', 'W06', 'W07', 'W08', 'W11', 'W12'];

async function hall() {
  srv = await startTestServer();
  const sup = (await srv.user('supervisor')).token;
  const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
  const clerks = new Map<string, string>();
  for (const w of ['W01', 'W05']) {
    const c = await srv.user('clerk', `clerk-${w}`);
    clerks.set(w, c.token);
    await srv.api(`/api/windows/${w}/sign-in`, { token: c.token, body: {} });
  }
  const alerts = async () => (await srv.api('/api/alerts', { token: sup })).alerts.filter((a: { kind: string }) => a.kind === 'no-window');
  const social = async () => (await srv.api('/api/hall', { token: kiosk })).services.find((s: { id: string }) => s.id === 'social');
  return { sup, kiosk, clerks, alerts, social };
}

describe('a service no open window can serve', () => {
  it('alerts supervisors at once, says "no window" to the visitor, asks the advice for a window, and clears when one opens', async () => {
    const h = await hall();
    expect(srv.config.windows.filter((w) => w.skills.includes('social')).map((w) => w.id)).toEqual(SOCIAL_WINDOWS);
    // W05 (prop, social, pickup) goes on a break: no open window serves social.
    await srv.api('/api/windows/W05/pause', { token: h.clerks.get('W05')!, body: { reason: '会议' } });
    expect(await h.social()).toMatchObject({ noWindow: true, estimatedWaitSec: 0, openWindows: 0 });
    expect(await h.alerts()).toEqual([]); // nobody waits for it yet

    const { ticket } = await srv.api('/api/tickets', { token: h.kiosk, body: { serviceId: 'social' } });
    expect(ticket).toMatchObject({ noWindow: true, estimatedWaitSec: 0 });
    expect(ticket.estimatedWaitRange).toBeUndefined();
    await expect.poll(h.alerts).toHaveLength(1);
    const [alert] = await h.alerts();
    expect(alert).toMatchObject({ level: 'critical', subject: 'service:social', acknowledgedAt: null });
    expect(alert.message).toMatch(/^社保医保：1 人等候，能办理的.+都未开放或已暂停，请开放一个能办理的窗口$/);
    // A second visitor does not raise a second alert.
    await srv.api('/api/tickets', { token: h.kiosk, body: { serviceId: 'social' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(await h.alerts()).toHaveLength(1);

    // The staffing advice never says "enough" while they wait.
    const advice = (await srv.api('/api/stats/staffing', { token: h.sup })).advice;
    expect(advice).toMatchObject({ kind: 'open-more', extra: 1 });
    expect(advice.zh).toMatch(/^现在再开 1 个窗口：社保医保暂无窗口办理，2 人等候$/);
    expect((await srv.api('/api/stats/staffing', { token: h.sup })).unservable).toContainEqual({ serviceId: 'social', waiting: 2 });

    // The phone of the first visitor hears it when W05 comes back: an estimate again.
    const phone = srv.socket({ trackToken: ticket.trackToken });
    const state = await nextEvent(phone, 'state');
    expect(state.tickets[0]).toMatchObject({ id: ticket.id, noWindow: true });
    const update = nextEvent(phone, 'ticket:updated');
    await srv.api('/api/windows/W05/resume', { token: h.clerks.get('W05')!, body: {} });
    const back = (await update).ticket;
    expect(back.id).toBe(ticket.id);
    expect(back.noWindow).toBeUndefined();
    // The alert closes by itself, and the kiosk shows an estimate.
    await expect.poll(async () => (await srv.api('/api/alerts', { token: h.sup })).alerts.some((a: { kind: string }) => a.kind === 'no-window')).toBe(false);
    expect((await h.social()).noWindow).toBeUndefined();
    expect((await srv.api('/api/stats/staffing', { token: h.sup })).advice.zh).not.toMatch(/暂无窗口办理/);
  });

  it('raises no alert before anybody has signed in, and a new one when the service is stranded again', async () => {
    srv = await startTestServer();
    const sup = (await srv.user('supervisor')).token;
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const alerts = async () => (await srv.api('/api/alerts', { token: sup })).alerts.filter((a: { kind: string }) => a.kind === 'no-window');
    await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'fund' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(await alerts()).toEqual([]);
    // W01 opens (biz, tax, pickup): the hall is staffed, and nobody can do 公积金.
    const clerk = await srv.user('clerk');
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    await expect.poll(alerts).toHaveLength(1);
    const first = (await alerts())[0];
    expect(first.message).toMatch(/^公积金：1 人等候/);
    // W08 (fund, social, tax) opens: closed by the system. It pauses: stranded again, a new alert.
    const c8 = await srv.user('clerk');
    await srv.api('/api/windows/W08/sign-in', { token: c8.token, body: {} });
    await expect.poll(alerts).toEqual([]);
    expect(srv.db.prepare('SELECT acknowledged_by FROM alerts WHERE id = ?').get(first.id)).toEqual({ acknowledged_by: 'system' });
    await srv.api('/api/windows/W08/pause', { token: c8.token, body: { reason: '午休' } });
    await expect.poll(alerts).toHaveLength(1);
    expect((await alerts())[0].id).not.toBe(first.id);
  });
});
