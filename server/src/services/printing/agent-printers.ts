import type { HallConfig } from '@onewindow/config';
import { decodeStatus, renderTicket, type JobResult } from '@onewindow/drivers/printer';
import type { AgentPrinterStatus, PrinterStatus, PrintOutcome } from '@onewindow/protocol';
import type { AgentDevice, AgentService } from '../agents/agent.service.ts';
import type { HallService } from '../hall/hall.service.ts';
import type { Committed } from '../hall/log-events.ts';
import type { ViewContext } from '../queue/views.ts';
import type { AgentJobs } from './agent-jobs.ts';
import { agentAwayStatus, describeStatus, stateWords, testSlip, ticketPrint } from './ticket-slip.ts';

/** How an agent kiosk's slips are laid out (its `printer` block: width, encoding). */
export interface AgentLayout { width: number; encoding: string }

export interface AgentPrintersDeps {
  hall: HallService;
  config: HallConfig;
  views: () => ViewContext;
  publicUrl: () => string;
  agents: AgentService;
  jobs: AgentJobs;
  /** The kiosk's layout when it prints through its agent, else null. */
  layoutOf: (kioskId: string) => AgentLayout | null;
  statusOf: (kioskId: string) => PrinterStatus | null;
  /** Logs a kiosk printer's status for the feeds and raises its alert (printing.service.ts). */
  report: (kioskId: string, state: PrinterStatus['state'], detail: string) => void;
  log: (message: string, err?: unknown) => void;
}

export interface AgentPrinterInfo {
  type: string;
  description: string;
  pending: number;
  lastJob: { number: string; status: JobResult['status']; error: string | null; at: string } | null;
}

export const JOB_STATUS: Record<PrintOutcome, JobResult['status']> = { printed: 'printed', unconfirmed: 'printed', expired: 'failed' };

/**
 * The kiosks whose printer is `{type: agent}` (docs/agent.md): their slips are laid out here, kept
 * with the ticket (agent-jobs.ts) and printed by the kiosk's device agent; what the agent reports of
 * its printer, or its silence, becomes the kiosk printer's status.
 */
export class AgentPrinters {
  constructor(private readonly deps: AgentPrintersDeps) {}

  /** Listens to the hall's transactions and to the agents; returns the unsubscribe. */
  start(): () => void {
    const { hall, agents, jobs } = this.deps;
    const ready = (a: AgentDevice) => this.forKiosk(a, (k) => jobs.dispatch(k));
    const status = (a: AgentDevice, st: AgentPrinterStatus) => this.forKiosk(a, (k) => this.onStatus(k, a, st));
    const silent = (a: AgentDevice) => this.forKiosk(a, (k) => this.deps.report(k, 'offline', agentAwayStatus(a.name)));
    agents.on('ready', ready);
    agents.on('status', status);
    agents.on('silent', silent);
    const off = hall.onApply((batch) => this.keepJobs(batch));
    jobs.onFinished((job, outcome) => {
      if (outcome === 'expired') this.deps.log(`ticket ${job.number} not printed at ${job.kioskId}: given up after ${Math.round(jobs.ttlFor(job.kioskId) / 60_000)} min`);
    });
    jobs.purge();
    return () => {
      off();
      agents.off('ready', ready);
      agents.off('status', status);
      agents.off('silent', silent);
    };
  }

  dispatch(kioskId: string): void {
    this.deps.jobs.dispatch(kioskId);
  }

  purge(): void {
    this.deps.jobs.purge();
  }

  info(kioskId: string, iso: (ms: number) => string): AgentPrinterInfo {
    const { agents, jobs } = this.deps;
    const agent = agents.agentOf(kioskId);
    const drives = agent ? agents.readyInfo(agent.id)?.printer : null;
    const last = jobs.last(kioskId);
    return {
      type: 'agent',
      description: agent ? `agent:${agent.name}${drives ? ` ${drives}` : ''}` : 'agent: (no agent paired for this kiosk)',
      pending: jobs.pending(kioskId),
      lastJob: last?.outcome ? {
        number: last.number, status: JOB_STATUS[last.outcome], error: last.outcome === 'expired' ? 'not printed in time' : null,
        at: iso(last.finishedAt ?? last.createdAt),
      } : null,
    };
  }

  /** A test slip through the agent: answers once it printed, or after `waitMs` with `queued`. */
  async test(kioskId: string, layout: AgentLayout, waitMs: number): Promise<{ jobId: string; status: JobResult['status'] | 'queued'; error: string | null }> {
    const { jobs, agents } = this.deps;
    const agent = agents.agentOf(kioskId);
    const slip = testSlip(this.deps.config, kioskId, agent ? `agent:${agent.name}` : 'agent', this.deps.hall.now(), this.deps.publicUrl());
    const id = jobs.create(kioskId, null, 'TEST', renderTicket(slip, layout));
    jobs.dispatch(kioskId);
    const outcome = await jobs.waitFor(id, waitMs);
    return { jobId: id, status: outcome ? JOB_STATUS[outcome] : 'queued', error: outcome === 'expired' ? 'not printed in time' : null };
  }

  /**
   * Inside the issuing transaction: a ticket of an agent kiosk gets its job stored with it, laid out
   * now (the slip shows the queue as it was at issue). A slip that cannot be laid out is logged,
   * never a reason to refuse the ticket.
   */
  private keepJobs(batch: Committed[]): void {
    for (const { event } of batch) {
      if (event.type !== 'ticket.issued' || !event.ticket.kioskId) continue;
      const layout = this.deps.layoutOf(event.ticket.kioskId);
      const t = this.deps.hall.state.tickets.get(event.ticket.id);
      if (!layout || !t) continue;
      let bytes: Buffer;
      try {
        bytes = renderTicket(ticketPrint(this.deps.views(), this.deps.config, t, this.deps.publicUrl()), layout);
      } catch (err) {
        this.deps.log(`ticket ${t.number} at ${event.ticket.kioskId} cannot be laid out`, err);
        continue;
      }
      this.deps.jobs.create(event.ticket.kioskId, t.id, t.number, bytes);
    }
  }

  private onStatus(kioskId: string, agent: AgentDevice, st: AgentPrinterStatus): void {
    const where = `设备代理 ${agent.name} · ${st.detail}`;
    let detail = `${stateWords(st.state)}（${where}）`;
    if (st.raw.length === 4) {
      try {
        detail = describeStatus(decodeStatus(st.raw), where);
      } catch {
        // Bytes that are no status reply: the state the agent named stands.
      }
    }
    const now = this.deps.statusOf(kioskId);
    if (now?.state === st.state && now.detail === detail) return;
    this.deps.report(kioskId, st.state, detail);
  }

  private forKiosk(agent: AgentDevice, fn: (kioskId: string) => void): void {
    if (!agent.kioskId || !this.deps.layoutOf(agent.kioskId)) return;
    try {
      fn(agent.kioskId);
    } catch (err) {
      this.deps.log(`printer ${agent.kioskId} (agent ${agent.name}) failed`, err);
    }
  }
}
