import {
  createPrinter, type CreatePrinterOptions, type JobResult, type KioskPrinterConfig, type Printer,
  type PrinterStatus as DriverStatus,
} from '@onewindow/drivers/printer';
import type { HallConfig } from '@onewindow/config';
import type { PrinterStatus } from '@onewindow/protocol';
import { isoLocal } from '@onewindow/protocol';
import { AppError } from '../app-error.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import type { HallService } from '../hall/hall.service.ts';
import type { Committed } from '../hall/log-events.ts';
import type { AgentPrinters } from './agent-printers.ts';
import { alertMessage, BAD_STATES, describeStatus, testSlip, ticketPrint } from './ticket-slip.ts';
import type { ViewContext } from '../queue/views.ts';

export interface PrintingDeps {
  hall: HallService;
  alerts: Pick<AlertService, 'raise' | 'acknowledge' | 'open'>;
  /** The live configuration object (a reload replaces its contents in place). */
  config: HallConfig;
  dataDir: string;
  views: () => ViewContext;
  /** Base of the tracking URL when `hall.publicUrl` is not configured. */
  publicUrl?: string;
  /** Driver options (poll interval, retries); tests shorten them. */
  printer?: Partial<Omit<CreatePrinterOptions, 'id' | 'dataDir'>>;
  create?: (config: KioskPrinterConfig | undefined, opts: CreatePrinterOptions) => Printer;
  /** Kiosks whose printer is `{type: agent}` print through their device agent (agent-printers.ts). */
  agentPrinters?: (printing: PrintingService) => AgentPrinters;
  log?: (message: string, err?: unknown) => void;
}

export interface PrinterInfo {
  kioskId: string;
  name: string;
  type: string;
  description: string;
  state: PrinterStatus['state'] | 'unknown';
  detail: string | null;
  at: string | null;
  pending: number;
  lastJob: { number: string; status: JobResult['status']; error: string | null; at: string } | null;
}

interface Entry {
  kioskId: string;
  name: string;
  key: string;
  /** created for a kiosk id the configuration does not list */
  lazy: boolean;
  /** printed by the kiosk's device agent (no Printer here): how its slips are laid out */
  agent: { width: number; encoding: string } | null;
  printer: Printer | null;
  status: PrinterStatus | null;
  lastJob: JobResult | null;
}

/**
 * One printer per kiosk. Issued tickets are queued on their kiosk's printer after the commit, so
 * printing never delays or refuses a ticket; status changes go through the log as
 * `printer.status` (the kiosk and staff feeds hear them) and a printer that cannot print raises an
 * alert for supervisors.
 */
export class PrintingService {
  private readonly entries = new Map<string, Entry>();
  private readonly unsubscribes: (() => void)[] = [];
  private closed = false;
  private readonly agents: AgentPrinters | null;

  constructor(private readonly deps: PrintingDeps) {
    this.agents = deps.agentPrinters?.(this) ?? null;
  }

  /** Opens the configured printers and starts printing issued tickets. */
  start(): void {
    if (this.unsubscribes.length || this.closed) return;
    this.reconcile();
    this.unsubscribes.push(this.deps.hall.onCommit((batch) => this.onCommit(batch)));
    if (this.agents) this.unsubscribes.push(this.agents.start());
  }

  /** How a kiosk that prints through its agent lays out its slips; null for any other kiosk. */
  agentLayout(kioskId: string): { width: number; encoding: string } | null {
    return this.entries.get(kioskId)?.agent ?? null;
  }

  statusOf(kioskId: string): PrinterStatus | null {
    return this.entries.get(kioskId)?.status ?? null;
  }

  /** A kiosk printer's status from elsewhere (its device agent): logged and alerted like the others. */
  reportStatus(kioskId: string, state: PrinterStatus['state'], detail: string): void {
    const e = this.entries.get(kioskId);
    if (e && !this.closed) this.report(e, state, detail);
  }

  /** Known statuses, for snapshots (a printer not yet polled is left out). */
  statuses(): PrinterStatus[] {
    return [...this.entries.values()].flatMap((e) => (e.status ? [e.status] : []));
  }

  list(): PrinterInfo[] {
    return [...this.entries.values()].map((e) => {
      const base = { kioskId: e.kioskId, name: e.name, state: e.status?.state ?? 'unknown', detail: e.status?.detail ?? null, at: e.status?.at ?? null };
      if (e.agent && this.agents) return { ...base, ...this.agents.info(e.kioskId, (ms) => this.iso(ms)) };
      return {
        ...base, type: e.printer?.kind ?? 'error', description: e.printer?.description ?? '', pending: e.printer?.pending ?? 0,
        lastJob: e.lastJob ? { number: e.lastJob.number, status: e.lastJob.status, error: e.lastJob.error ?? null, at: this.iso(e.lastJob.at.getTime()) } : null,
      };
    });
  }

  /** Prints a test slip; answers once it printed or failed, or after `waitMs` with `queued`. */
  async test(kioskId: string, waitMs = 8000): Promise<{ jobId: string; status: JobResult['status'] | 'queued'; error: string | null }> {
    const e = this.entries.get(kioskId);
    if (!e) throw new AppError(404, 'UNKNOWN_PRINTER', `no printer for kiosk ${kioskId}`);
    if (e.agent && this.agents) return this.agents.test(kioskId, e.agent, waitMs);
    if (!e.printer || e.printer.kind === 'none') throw new AppError(409, 'PRINTER_DISABLED', `kiosk ${kioskId} has no working printer`);
    const job = e.printer.enqueue(testSlip(this.deps.config, kioskId, e.printer.description, this.deps.hall.now(), this.publicUrl()));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), waitMs); });
    const r = await Promise.race([job.done, late]);
    clearTimeout(timer);
    return { jobId: job.jobId, status: r?.status ?? 'queued', error: r?.error ?? null };
  }

  /**
   * Prints a ticket of today again (the guide desk: a visitor lost it, or a kiosk's paper ran out)
   * on a kiosk's printer; answers once it printed or failed, or after `waitMs` with `queued`.
   */
  async reprint(ticketId: string, kioskId: string, waitMs = 5000): Promise<{ kioskId: string; jobId: string; status: JobResult['status'] | 'queued'; error: string | null }> {
    const t = this.deps.hall.state.tickets.get(ticketId);
    if (!t) throw new AppError(404, 'UNKNOWN_TICKET', `no ticket ${ticketId} today`);
    const e = this.entries.get(kioskId);
    if (!e || e.lazy) throw new AppError(404, 'UNKNOWN_PRINTER', `no printer for kiosk ${kioskId}`);
    if (!e.printer || e.printer.kind === 'none') throw new AppError(409, 'PRINTER_DISABLED', `kiosk ${kioskId} has no working printer`);
    const job = e.printer.enqueue(ticketPrint(this.deps.views(), this.deps.config, t, this.publicUrl(), { reprint: true }));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), waitMs); });
    const r = await Promise.race([job.done, late]);
    clearTimeout(timer);
    return { kioskId, jobId: job.jobId, status: r?.status ?? 'queued', error: r?.error ?? null };
  }

  /** Stops listening and closes every printer; jobs still queued fail quietly. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const u of this.unsubscribes.splice(0)) u();
    const printers = [...this.entries.values()].flatMap((e) => (e.printer ? [e.printer] : []));
    this.entries.clear();
    await Promise.all(printers.map((p) => p.close().catch(() => {})));
  }

  private onCommit(batch: Committed[]): void {
    for (const { event } of batch) {
      if (event.type === 'ticket.issued' && event.ticket.kioskId) {
        // An agent kiosk's job was stored with its ticket (agent-printers.ts): now it is on disk, send it.
        if (this.entries.get(event.ticket.kioskId)?.agent) this.agents?.dispatch(event.ticket.kioskId);
        else this.print(event.ticket.id, event.ticket.kioskId);
      } else if (event.type === 'config.reloaded') setImmediate(() => this.reconcile());
      else if (event.type === 'day.started') this.agents?.purge();
    }
  }

  /** Queues the ticket; runs inside the commit's listener, so it must neither throw nor wait. */
  private print(ticketId: string, kioskId: string): void {
    try {
      const e = this.entries.get(kioskId) ?? this.add(kioskId, kioskId, undefined, true);
      const t = this.deps.hall.state.tickets.get(ticketId);
      if (!t || !e.printer) return;
      e.printer.enqueue(ticketPrint(this.deps.views(), this.deps.config, t, this.publicUrl()));
    } catch (err) {
      this.log(`printing ${ticketId} at ${kioskId} failed`, err);
    }
  }

  /** Creates, replaces or closes printers to match the configuration. */
  private reconcile(): void {
    if (this.closed) return;
    const kiosks = this.deps.config.kiosks ?? [];
    for (const k of kiosks) {
      const e = this.entries.get(k.id);
      if (e && !e.lazy && e.key === JSON.stringify(k.printer ?? null)) e.name = k.name;
      else this.add(k.id, k.name, k.printer as KioskPrinterConfig | undefined, false);
    }
    for (const e of [...this.entries.values()]) {
      if (!e.lazy && !kiosks.some((k) => k.id === e.kioskId)) this.remove(e.kioskId);
    }
  }

  private add(kioskId: string, name: string, config: KioskPrinterConfig | undefined, lazy: boolean): Entry {
    this.remove(kioskId);
    const agent = config?.type === 'agent' && this.agents ? { width: config.width ?? 48, encoding: config.encoding ?? 'GB18030' } : null;
    const entry: Entry = { kioskId, name, key: JSON.stringify(config ?? null), lazy, agent, printer: null, status: null, lastJob: null };
    this.entries.set(kioskId, entry);
    // Until its agent is heard from nothing is known: the kiosk prints as usual, and the agent
    // service raises the alarm if the agent stays away. An agent already here gets what waits.
    if (agent) {
      setImmediate(() => { if (this.entries.get(kioskId) === entry) this.agents?.dispatch(kioskId); });
      return entry;
    }
    try {
      const printer = (this.deps.create ?? createPrinter)(config, { ...this.deps.printer, id: kioskId, dataDir: this.deps.dataDir, maxWaitMs: this.deps.printer?.maxWaitMs ?? 45_000 });
      entry.printer = printer;
      if (printer.kind === 'none') entry.status = { kioskId, state: 'disabled', detail: '未配置打印机', at: this.iso(this.deps.hall.now()) };
      printer.on('status', (s) => this.later(entry, printer, () => this.onStatus(entry, s)));
      printer.on('job', (r) => {
        entry.lastJob = r;
        this.later(entry, printer, () => this.onJob(entry, r));
      });
    } catch (err) {
      this.log(`printer of kiosk ${kioskId} cannot be created`, err);
      this.later(entry, null, () => this.report(entry, 'error', `打印机配置有误：${(err as Error).message}`));
    }
    return entry;
  }

  private remove(kioskId: string): void {
    const e = this.entries.get(kioskId);
    if (!e) return;
    this.entries.delete(kioskId);
    void e.printer?.close().catch(() => {});
  }

  private onStatus(e: Entry, s: DriverStatus): void {
    // A healthy printer at start-up is not news: the snapshot shows it; changes are logged.
    if (e.status === null && s.state === 'ok') {
      e.status = { kioskId: e.kioskId, state: 'ok', detail: describeStatus(s, e.printer?.description ?? ''), at: this.iso(this.deps.hall.now()) };
      return;
    }
    this.report(e, s.state, describeStatus(s, e.printer?.description ?? ''));
  }

  private onJob(e: Entry, r: JobResult): void {
    const driver = e.printer?.status;
    if (r.status === 'failed') {
      this.log(`ticket ${r.number} not printed at ${e.kioskId}: ${r.error ?? ''}`);
      // The kiosk must switch to its large-number screen even if the printer claims to be fine.
      if (!e.status || !BAD_STATES.has(e.status.state)) this.report(e, 'error', `${r.number} 未能打印：${r.error ?? '未知原因'}`);
    } else if (r.status === 'printed' && driver && e.status && e.status.state !== driver.state) {
      this.report(e, driver.state, describeStatus(driver, e.printer?.description ?? ''));
    }
  }

  /** Logs the status (kiosk and staff feeds hear it) and raises an alert when it cannot print. */
  private report(e: Entry, state: PrinterStatus['state'], detail: string): void {
    const now = this.deps.hall.now();
    const status: PrinterStatus = { kioskId: e.kioskId, state, detail, at: this.iso(now) };
    e.status = status;
    this.deps.hall.commit([{ type: 'printer.status', at: now, printer: status }], 'system');
    if (BAD_STATES.has(state)) this.deps.alerts.raise('printer', 'critical', alertMessage(e.name, state), `printer:${e.kioskId}`);
    else if (state === 'paper-near-end') this.deps.alerts.raise('printer', 'warning', alertMessage(e.name, state), `printer:${e.kioskId}:paper`);
    // A printer that prints again closes its own alert (the system acknowledges it); paper
    // refilled closes the near-end warning too.
    if (!BAD_STATES.has(state)) this.clear(`printer:${e.kioskId}`);
    if (state === 'ok') this.clear(`printer:${e.kioskId}:paper`);
  }

  private clear(subject: string): void {
    for (const a of this.deps.alerts.open()) if (a.kind === 'printer' && a.subject === subject) this.deps.alerts.acknowledge(a.id, 'system');
  }

  /**
   * Driver events may fire inside a commit's listener (a job refused at once): act after the
   * current commit has been announced, and only for the printer this kiosk still uses.
   */
  private later(e: Entry, printer: Printer | null, fn: () => void): void {
    setImmediate(() => {
      if (this.closed || this.entries.get(e.kioskId) !== e || e.printer !== printer) return;
      try {
        fn();
      } catch (err) {
        this.log(`printer ${e.kioskId}: reporting failed`, err);
      }
    });
  }

  private publicUrl(): string {
    return this.deps.config.hall.publicUrl ?? this.deps.publicUrl ?? 'http://localhost:8080';
  }

  private iso(ms: number): string {
    return isoLocal(ms, this.deps.config.hall.timezone);
  }

  private log(message: string, err?: unknown): void {
    (this.deps.log ?? ((m: string, e?: unknown) => console.warn(`OneWindow printing: ${m}`, e ?? '')))(message, err);
  }
}
