import type { ShippedEvent } from '@onewindow/protocol/centre';

/**
 * A believable hall log for tests and the benchmark: `visits` tickets over a business day, each
 * issued, called at one of the windows, started and finished, about a third rated (some badly),
 * a few transferred to a second matter or not shown. Deterministic for a seed. Shaped exactly as
 * a hall logs its events (the same types and fields), starting at `firstSeq`.
 */
export function syntheticDay(opts: { day: string; visits: number; windows?: number; services?: string[]; seed?: number; firstSeq?: number; startAt?: number }): ShippedEvent[] {
  const services = opts.services ?? ['biz', 'tax', 'prop', 'social'];
  const windows = Array.from({ length: opts.windows ?? 12 }, (_, i) => `W${String(i + 1).padStart(2, '0')}`);
  let seed = opts.seed ?? 1;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  let seq = opts.firstSeq ?? 1;
  const open = opts.startAt ?? Date.parse(`${opts.day}T01:00:00Z`); // 09:00 in Shanghai
  const out: ShippedEvent[] = [];
  const push = (at: number, type: string, ticketId: string | null, windowId: string | null, data: Record<string, unknown>, detail?: Record<string, unknown>) =>
    out.push({ seq: seq++, day: opts.day, at, type, ticketId, windowId, actor: windowId ? `user:clerk-${windowId}` : 'device:kiosk-1', data: { type, at, ...data }, ...(detail ? { detail } : {}) });

  for (const w of windows) push(open - 60_000, 'window.signed-in', null, w, { windowId: w, clerkId: `clerk-${w}` });
  const free = new Map(windows.map((w) => [w, open]));
  const span = 8 * 3_600_000;
  const counters = new Map<string, number>();
  const pending: { at: number; e: () => void }[] = [];
  for (let i = 0; i < opts.visits; i++) {
    const issuedAt = open + Math.floor((i / opts.visits) * span + rnd() * 30_000);
    const s = services[Math.floor(rnd() * services.length)];
    const n = (counters.get(s) ?? 0) + 1;
    counters.set(s, n);
    const id = `${opts.day}-${s}-${n}`;
    const number = `${s[0].toUpperCase()}${String(n).padStart(3, '0')}`;
    const ticket = { id, day: opts.day, number, priority: rnd() < 0.05 ? 'green' : 'normal', channel: 'kiosk', issuedAt, trackToken: `t-${id}`, appointmentAt: null, appointmentId: null, kioskId: 'K1',
      steps: [{ serviceId: s, status: 'waiting', queuedAt: issuedAt, front: false, targetWindowId: null, windowId: null, clerkId: null, calledAt: null, startedAt: null, finishedAt: null, heldAt: null, recalls: 0, outcome: null, note: null, reason: null }] };
    pending.push({ at: issuedAt, e: () => push(issuedAt, 'ticket.issued', id, null, { ticket }) });
    const w = windows.reduce((a, b) => (free.get(a)! <= free.get(b)! ? a : b));
    const calledAt = Math.max(issuedAt + 5_000, free.get(w)!) + Math.floor(rnd() * 20_000);
    const startedAt = calledAt + 30_000;
    const finishedAt = startedAt + 120_000 + Math.floor(rnd() * 480_000);
    free.set(w, finishedAt);
    const clerkId = `clerk-${w}`;
    pending.push({ at: calledAt, e: () => push(calledAt, 'ticket.called', id, w, { ticketId: id, windowId: w, clerkId, reason: 'home' }) });
    if (rnd() < 0.03) {
      pending.push({ at: calledAt + 90_000, e: () => push(calledAt + 90_000, 'ticket.no-show', id, w, { ticketId: id, windowId: w }) });
      free.set(w, calledAt + 90_000);
      continue;
    }
    pending.push({ at: startedAt, e: () => push(startedAt, 'ticket.started', id, w, { ticketId: id, windowId: w }) });
    const transfer = rnd() < 0.05 ? services[(services.indexOf(s) + 1) % services.length] : null;
    pending.push({ at: finishedAt, e: () => push(finishedAt, 'ticket.finished', id, w, { ticketId: id, windowId: w, outcome: 'done', note: null, nextServiceId: transfer }) });
    if (transfer) {
      // The second matter, served at the same window a little later.
      const c2 = finishedAt + 60_000 + Math.floor(rnd() * 300_000);
      const f2 = c2 + 150_000 + Math.floor(rnd() * 300_000);
      free.set(w, f2);
      pending.push({ at: c2, e: () => push(c2, 'ticket.called', id, w, { ticketId: id, windowId: w, clerkId, reason: 'transfer' }) });
      pending.push({ at: c2 + 20_000, e: () => push(c2 + 20_000, 'ticket.started', id, w, { ticketId: id, windowId: w }) });
      pending.push({ at: f2, e: () => push(f2, 'ticket.finished', id, w, { ticketId: id, windowId: w, outcome: 'done', note: null, nextServiceId: null }) });
    }
    if (!transfer && rnd() < 0.35) {
      // Roughly as halls see it: mostly 5, some 4, a few 3, one in twenty bad.
      const x = rnd();
      const score = x < 0.02 ? 1 : x < 0.05 ? 2 : x < 0.13 ? 3 : x < 0.42 ? 4 : 5;
      const at = finishedAt + 8_000;
      pending.push({ at, e: () => push(at, 'evaluation.recorded', id, w, { ticketId: id, windowId: w, score },
        { serviceId: s, clerkId, clerkName: `办事员${w}`, reasons: score <= 2 ? ['wait'] : [], aspects: null, source: 'pad-web', day: opts.day, number }) });
    }
  }
  pending.sort((a, b) => a.at - b.at);
  for (const p of pending) p.e();
  return out;
}
