/**
 * Messages to a visitor's phone (SMS or a messaging platform). The hall plugs in a gateway by
 * implementing `Notifier`; by default messages are only logged, which is also what tests read.
 */
export type NotifyMessage =
  | { kind: 'near' | 'called'; ticketId: string; number: string; phone?: string; text: string }
  /** A one-time code that proves a phone is the booker's (appointment.service.ts, `appointments.verifyPhone`). */
  | { kind: 'phone-code'; phone: string; text: string };

export interface Notifier {
  notify(msg: NotifyMessage): void | Promise<void>;
}

export interface NotifyLogger { info(obj: object, msg: string): void }

/** The default: writes each message to the server log and keeps the last ones in memory. */
export class LoggingNotifier implements Notifier {
  readonly sent: NotifyMessage[] = [];
  constructor(private readonly logger: NotifyLogger | null = null, private readonly keep = 200) {}

  notify(msg: NotifyMessage): void {
    this.sent.push(msg);
    if (this.sent.length > this.keep) this.sent.splice(0, this.sent.length - this.keep);
    const phone = msg.phone ? `${msg.phone.slice(0, 3)}****${msg.phone.slice(-4)}` : undefined;
    this.logger?.info({ notify: { ...msg, phone } }, `notify ${msg.kind}${'number' in msg ? ` ${msg.number}` : ''}`);
  }
}

export function createNotifier(kind: 'log' | undefined, logger: NotifyLogger | null = null): Notifier {
  switch (kind ?? 'log') {
    case 'log': return new LoggingNotifier(logger);
  }
}
