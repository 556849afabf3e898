import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { HallConfig } from '@onewindow/config';
import { isoLocal, type OutboxEntry } from '@onewindow/protocol';
import type { OutboxRepository, OutboxRow } from '../../repositories/outbox.repository.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import { AppError } from '../app-error.ts';
import type { Clock } from '../clock.ts';
import { maskContact } from '../privacy.ts';
import type { Notifier, NotifyMessage } from './notifier.ts';
import { ATTEMPT_HEADER, DELIVERY_HEADER, sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature.ts';

export interface WebhookSettings { url: string; secret: string; timeoutMs: number; maxAttempts: number }

/** The webhook block of the hall file, with its secret read (from the file when `secretFile` names one). */
export function webhookSettings(config: HallConfig): WebhookSettings | null {
  const w = config.notifications?.webhook;
  if (config.notifications?.kind !== 'webhook' || !w) return null;
  const secret = w.secret ?? readFileSync(w.secretFile!, 'utf8').trim();
  if (secret.length < 16) throw new Error(`notifications.webhook: the signing key is shorter than 16 characters`);
  return { url: w.url, secret, timeoutMs: w.timeoutMs ?? 5000, maxAttempts: w.maxAttempts ?? 8 };
}

export interface WebhookDeps {
  repo: OutboxRepository;
  settings: WebhookSettings;
  /** The hall's clock: what a message says and which day it belongs to. */
  clock: Clock;
  config: HallConfig;
  alerts: Pick<AlertService, 'raise'>;
  /** First retry after this, doubling to `maxDelayMs`, each ±20 %. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Real time, for when to try again: retries are the network's business, not the hall's clock. */
  wallClock?: () => number;
  log?: (msg: string, err?: unknown) => void;
}

type OutboxView = OutboxEntry;

/**
 * Call notices by SMS or WeChat through the hall's own gateway: each message is first kept in the
 * outbox (SQLite), then POSTed as JSON with an HMAC-SHA256 signature over timestamp and body. A
 * 2xx takes it; a network error, a timeout, 408, 429 or 5xx is tried again with backoff; another
 * 4xx, or `maxAttempts` failures, leaves it dead for supervisors to see (an alert, and
 * `GET /api/notifications?status=dead`) and to send again. Pending messages survive a restart.
 */
export class WebhookNotifier implements Notifier {
  readonly kind = 'webhook' as const;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = true;
  private inflight: Promise<void> = Promise.resolve();

  constructor(private readonly d: WebhookDeps) {}

  private get wall(): number { return (this.d.wallClock ?? Date.now)(); }

  /** Keeps the message and wakes the sender; never throws for a gateway's trouble. */
  notify(m: NotifyMessage): void {
    const now = this.d.clock.now();
    const id = randomUUID();
    const body = JSON.stringify({
      id, kind: m.kind, at: isoLocal(now, this.d.config.hall.timezone), hall: { name: this.d.config.hall.name },
      phone: m.phone ?? null, text: m.text, ticket: m.ticketId ? { id: m.ticketId, number: m.number } : null,
      ...(m.ahead !== undefined ? { ahead: m.ahead } : {}), ...(m.windowName ? { windowName: m.windowName } : {}),
      ...(m.serviceName ? { serviceName: m.serviceName } : {}), ...(m.items ? { items: m.items } : {}), ...(m.trackUrl ? { trackUrl: m.trackUrl } : {}),
    });
    const added = this.d.repo.add({
      id, dedupe: m.dedupe ?? `${m.ticketId ?? m.phone}:${m.kind}:${id}`, kind: m.kind, day: isoLocal(now, this.d.config.hall.timezone).slice(0, 10),
      ticket_id: m.ticketId ?? null, phone: m.phone ?? null, body, next_at: this.wall, created_at: now,
    });
    if (added) this.kick();
  }

  /** Starts sending what is pending (after a restart too). */
  start(): void {
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inflight;
  }

  /** A pass now (or right after the one running). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; this.inflight = this.pass(); }, 0);
    this.timer.unref();
  }

  list(status: 'pending' | 'sent' | 'dead'): OutboxView[] {
    return this.d.repo.list(status).map((r) => this.view(r));
  }

  totals() {
    return this.d.repo.totals();
  }

  /** A supervisor sends a dead message again. */
  retry(id: string): OutboxView {
    const row = this.d.repo.byId(id);
    if (!row) throw new AppError(404, 'UNKNOWN_NOTIFICATION', `no message ${id}`);
    if (row.status !== 'dead') throw new AppError(409, 'NOTIFICATION_NOT_DEAD', `message ${id} is ${row.status}`);
    if (!this.d.repo.revive(id, this.wall)) throw new AppError(409, 'NOTIFICATION_PURGED', `message ${id} is past the retention period`);
    this.kick();
    return this.view(this.d.repo.byId(id)!);
  }

  private async pass(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        this.again = false;
        const due = this.d.repo.due(this.wall, 20);
        for (const row of due) {
          if (this.stopped) return;
          await this.deliver(row);
        }
        if (due.length < 20 && !this.again) break;
      }
    } catch (err) {
      this.d.log?.('the notification outbox could not be read', err);
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    if (this.again) return this.kick();
    const next = this.d.repo.nextDueAt();
    if (next !== null) {
      this.timer = setTimeout(() => { this.timer = null; this.inflight = this.pass(); }, Math.max(0, next - this.wall));
      this.timer.unref();
    }
  }

  private async deliver(row: OutboxRow): Promise<void> {
    if (row.body === null) return this.d.repo.markDead(row.id, 'purged with the retention period');
    const { url, secret, timeoutMs, maxAttempts } = this.d.settings;
    const ts = Math.floor(this.wall / 1000);
    let error: string | null = null;
    let permanent = false;
    try {
      const res = await fetch(url, {
        method: 'POST', body: row.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error',
        headers: {
          'content-type': 'application/json; charset=utf-8', [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: sign(secret, ts, row.body),
          [DELIVERY_HEADER]: row.id, [ATTEMPT_HEADER]: String(row.attempts + 1), 'user-agent': 'OneWindow-notifier/1',
        },
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) {
        error = `HTTP ${res.status}`;
        permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      }
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      error = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${e.cause?.code ?? e.name}: ${e.message}`;
    }
    if (error === null) return this.d.repo.markSent(row.id, this.d.clock.now());
    if (permanent || row.attempts + 1 >= maxAttempts) {
      this.d.repo.markDead(row.id, error);
      this.deadLetter(row, error);
      return;
    }
    this.d.repo.markRetry(row.id, this.wall + backoff(row.attempts + 1, this.d.baseDelayMs ?? 2000, this.d.maxDelayMs ?? 600_000), error);
  }

  private deadLetter(row: OutboxRow, error: string): void {
    try {
      const number = (JSON.parse(row.body ?? '{}') as { ticket?: { number?: string } }).ticket?.number ?? '';
      this.d.alerts.raise('notification-failed', 'warning',
        `短信/微信通知未能送达（${number} ${KIND_WORDS[row.kind] ?? row.kind}，${error}）：请检查短信网关，可在“通知”中重发`, `outbox:${this.d.config.hall.name}:${row.day}`);
    } catch (err) {
      this.d.log?.('raising the dead-letter alert failed', err);
    }
  }

  private view(r: OutboxRow): OutboxView {
    const tz = this.d.config.hall.timezone;
    const body = r.body ? (JSON.parse(r.body) as { text?: string; ticket?: { number?: string } }) : null;
    // A booking's one-time code is the visitor's to read, not the supervisors': its digits are masked.
    const text = body?.text === undefined ? null : r.kind === 'phone-code' ? body.text.replace(/\d{4,}/g, (d) => '*'.repeat(d.length)) : body.text;
    return {
      id: r.id, kind: r.kind, ticketId: r.ticket_id, number: body?.ticket?.number ?? null, phone: maskContact(r.phone), text,
      status: r.status, attempts: r.attempts, nextAt: r.status === 'pending' ? isoLocal(r.next_at, tz) : null,
      lastError: r.last_error, createdAt: isoLocal(r.created_at, tz), sentAt: r.sent_at === null ? null : isoLocal(r.sent_at, tz),
    };
  }
}

const KIND_WORDS: Record<string, string> = { near: '即将叫号', called: '叫号', notice: '一次性告知', 'phone-code': '预约验证码' };

/** The wait before try `n + 1`: base · 2^(n-1), capped, ±20 % so a gateway back from an outage is not hit all at once. */
export function backoff(n: number, baseMs: number, maxMs: number, random = Math.random): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, n - 1));
  return Math.round(plain * (0.8 + 0.4 * random()));
}
