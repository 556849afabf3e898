/**
 * Messages to a visitor's phone (SMS or a messaging platform). The hall picks a notifier in its
 * file (`notifications.kind`): `log` writes each message to the server log and keeps the last ones
 * in memory (also what tests read); `webhook` keeps each in the outbox and POSTs it, signed, to the
 * hall's SMS gateway or WeChat service account (webhook.notifier.ts).
 */
export interface NotifyMessage {
  ticketId: string;
  number: string;
  phone?: string;
  /** near: "还有 3 位"; called: "请到 5 号窗口"; notice: the 一次性告知 list of missing materials. */
  kind: 'near' | 'called' | 'notice';
  text: string;
  /** One message per occasion: the same key again is not sent twice. */
  dedupe?: string;
  ahead?: number;
  windowName?: string;
  serviceName?: string;
  items?: string[];
  trackUrl?: string;
}

export interface Notifier {
  readonly kind: 'log' | 'webhook';
  notify(msg: NotifyMessage): void | Promise<void>;
}

export interface NotifyLogger { info(obj: object, msg: string): void }

/** The default: writes each message to the server log and keeps the last ones in memory. */
export class LoggingNotifier implements Notifier {
  readonly kind = 'log' as const;
  readonly sent: NotifyMessage[] = [];
  constructor(private readonly logger: NotifyLogger | null = null, private readonly keep = 200) {}

  notify(msg: NotifyMessage): void {
    this.sent.push(msg);
    if (this.sent.length > this.keep) this.sent.splice(0, this.sent.length - this.keep);
    const phone = msg.phone ? `${msg.phone.slice(0, 3)}****${msg.phone.slice(-4)}` : undefined;
    this.logger?.info({ notify: { ...msg, phone } }, `notify ${msg.kind} ${msg.number}`);
  }
}
