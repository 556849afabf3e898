import { randomUUID } from 'node:crypto';
import type { TestServer } from '../../server/test/helper.ts';

/**
 * A believable morning in the default hall, through the real API on the manual clock: arrivals
 * peaking mid-morning, eleven windows calling, starting and finishing, ratings from the pads.
 * Deterministic (seeded), for screenshots.
 */
export async function seedMorning(srv: TestServer, untilMin = 150): Promise<void> {
  let seed = 20261123;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const admin = await srv.login();
  // Issuing is rate-limited per guide (a minute of real time): take turns.
  const guides: string[] = [];
  for (let i = 0; i < 10; i++) guides.push((await srv.user('guide')).token);
  let issued = 0;
  const guide = () => guides[Math.floor(issued++ / 25) % guides.length];
  const mix: [string, number][] = [['biz', 0.2], ['tax', 0.15], ['prop', 0.14], ['social', 0.2], ['fund', 0.12], ['permit', 0.05], ['pickup', 0.14]];
  const pick = () => { let r = rnd(); for (const [id, w] of mix) if ((r -= w) < 0) return id; return 'biz'; };
  const names = ['张敏', '李娜', '王强', '刘洋', '陈静', '杨帆', '赵磊', '黄蕾', '周婷', '吴昊', '徐丽'];
  const windows = names.map((_, i) => `W${String(i + 1).padStart(2, '0')}`);
  const clerks = new Map<string, string>();
  for (const [i, w] of windows.entries()) {
    const u = await srv.api<{ id: string }>('/api/users', { token: admin, body: { username: `clerk-${w}`, password: 'password-123', name: names[i], role: 'clerk' } });
    void u;
    const token = await srv.login(`clerk-${w}`, 'password-123');
    clerks.set(w, token);
    await srv.api(`/api/windows/${w}/sign-in`, { token, body: {} });
  }
  const busy = new Map<string, { startAt: number; endAt: number; started: boolean; ticketId: string; number: string; serviceId: string }>();
  const rate = (min: number) => 0.8 + 2.0 * Math.exp(-(((min - 105) / 40) ** 2));
  const evaluate = srv.ctx.db.prepare(`INSERT INTO evaluations (id, ticket_id, day, number, service_id, window_id, score, source, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'pad-web', ?)`);
  const score = () => { const r = rnd(); return r < 0.62 ? 5 : r < 0.86 ? 4 : r < 0.94 ? 3 : r < 0.98 ? 2 : 1; };

  for (let min = 0; min < untilMin; min += 2) {
    const now = srv.clock.now();
    for (let n = Math.floor(rate(min) + rnd()); n > 0; n--) await srv.api('/api/tickets', { token: guide(), body: { serviceId: pick() } });
    for (const w of windows) {
      const token = clerks.get(w)!;
      const b = busy.get(w);
      if (b && !b.started && now >= b.startAt) {
        await srv.api(`/api/windows/${w}/start`, { token, body: {} });
        b.started = true;
      } else if (b && b.started && now >= b.endAt) {
        await srv.api(`/api/windows/${w}/finish`, { token, body: { outcome: 'done' } });
        if (rnd() < 0.6) evaluate.run(randomUUID(), b.ticketId, srv.ctx.hall.state.day, b.number, b.serviceId, w, score(), now);
        busy.delete(w);
      } else if (!b) {
        // A clerk who asked and got nobody waits ready: the hall may since have called someone to them.
        const current = srv.ctx.hall.state.windows.get(w)?.currentTicketId;
        const held = current ? srv.ctx.hall.state.tickets.get(current)! : null;
        const ticket = held
          ? { id: held.id, number: held.number, serviceId: held.steps.at(-1)!.serviceId }
          : (await srv.api<{ ticket: { id: string; number: string; serviceId: string } | null }>(`/api/windows/${w}/call-next`, { token, body: {} })).ticket;
        if (ticket) busy.set(w, { startAt: now + 60_000, endAt: now + (4 + rnd() * 8) * 60_000, started: false, ...{ ticketId: ticket.id, number: ticket.number, serviceId: ticket.serviceId } });
      }
    }
    srv.clock.advance(120_000);
  }
  // A few windows in telling states: one on a break, one just called.
  const w9 = clerks.get('W09')!;
  if (busy.get('W09')) await srv.api('/api/windows/W09/finish', { token: w9, body: { outcome: 'done' } });
  await srv.api('/api/windows/W09/pause', { token: w9, body: { reason: '暂离 · 取资料' } });
  srv.ctx.alerts.checkWaits();
  srv.ctx.alerts.raise('printer', 'critical', '大厅入口取号机：纸将用尽，请及时更换', 'printer:K1');
}

/** Calls the next ticket at a window after finishing its current one (for a fresh call on screen). */
export async function callAt(srv: TestServer, windowId: string): Promise<string | null> {
  const token = await srv.login(`clerk-${windowId}`, 'password-123');
  const w = srv.ctx.hall.state.windows.get(windowId)!;
  if (w.currentTicketId) {
    const step = srv.ctx.hall.state.tickets.get(w.currentTicketId)!.steps.at(-1)!;
    if (step.status === 'called') await srv.api(`/api/windows/${windowId}/start`, { token, body: {} });
    await srv.api(`/api/windows/${windowId}/finish`, { token, body: { outcome: 'done' } });
  }
  srv.clock.advance(20_000);
  const skills = srv.ctx.hall.state.model.windows.find((x) => x.id === windowId)!.skills;
  const guide = (await srv.user('guide')).token;
  await srv.api('/api/tickets', { token: guide, body: { serviceId: skills[0] } });
  const r = await srv.api<{ ticket: { number: string } | null }>(`/api/windows/${windowId}/call-next`, { token, body: {} });
  return r.ticket?.number ?? null;
}
