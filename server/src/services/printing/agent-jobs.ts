import { randomUUID } from 'node:crypto';
import type { HallConfig } from '@onewindow/config';
import type { PrintDone, PrintOutcome } from '@onewindow/protocol';
import type { PrintJobRepository, PrintJobRow } from '../../repositories/print-job.repository.ts';
import type { AgentDevice, AgentService } from '../agents/agent.service.ts';

/** A job not printed within this is given up: the visitor has had the large number and QR since. */
export const DEFAULT_JOB_TTL_MS = 10 * 60_000;

/**
 * How long a kiosk's jobs wait for its agent: its printer's `jobTtlMin` (extension), else
 * DEFAULT_JOB_TTL_MS. Read from the live config at each use, so an edit applies without a restart.
 */
export function jobTtlMs(config: HallConfig, kioskId: string): number {
  const p = config.kiosks?.find((k) => k.id === kioskId)?.printer;
  return p?.type === 'agent' && p.jobTtlMin ? p.jobTtlMin * 60_000 : DEFAULT_JOB_TTL_MS;
}

/** Finished jobs are kept this long (for the printers' list), then forgotten. */
const KEEP_FINISHED_MS = 2 * 24 * 3600_000;

export interface AgentJobsDeps {
  repo: PrintJobRepository;
  agents: AgentService;
  now: () => number;
  /** How long a kiosk's jobs wait for its agent before they are given up (default DEFAULT_JOB_TTL_MS). */
  ttlFor?: (kioskId: string) => number;
  log?: (message: string) => void;
}

/**
 * The print jobs of kiosks that print through a device agent (`printer: {type: agent}`): kept in
 * SQLite from the transaction that issued the ticket until the agent says the job is finished,
 * sent to the kiosk's agent whenever it is connected and ready (again after any break), and never
 * finished twice. The agent's own record keeps it from printing a job it is sent twice.
 */
export class AgentJobs {
  /** job id → the connection it was last sent on: not sent again on that connection */
  private readonly sentOn = new Map<string, number>();
  private readonly waiters = new Map<string, Set<(outcome: PrintOutcome) => void>>();
  private readonly finishedListeners: ((job: PrintJobRow, outcome: PrintOutcome) => void)[] = [];

  constructor(private readonly deps: AgentJobsDeps) {
    deps.agents.handleJobs((agent, m) => this.done(agent, m));
  }

  /** Stores a job; inside the issuing transaction, so the ticket and its job are kept together. */
  create(kioskId: string, ticketId: string | null, number: string, bytes: Buffer): string {
    const id = randomUUID();
    this.deps.repo.insert({ id, kioskId, ticketId, number, bytes, createdAt: this.deps.now() });
    return id;
  }

  /** Sends a kiosk's unfinished jobs to its agent, if one is ready; old ones are given up first. */
  dispatch(kioskId: string): void {
    const agent = this.deps.agents.readyFor(kioskId);
    if (!agent) return;
    const now = this.deps.now();
    const ttlMs = this.ttlFor(kioskId);
    const expired = this.deps.repo.expire(kioskId, now - ttlMs, now);
    if (expired) this.deps.log?.(`${expired} print job(s) of kiosk ${kioskId} given up: not printed within ${Math.round(ttlMs / 60_000)} min`);
    for (const job of this.deps.repo.open(kioskId)) {
      if (this.sentOn.get(job.id) === agent.connection) continue;
      agent.link.sendJob({
        id: job.id, kioskId, number: job.number, bytes: job.bytes.toString('base64'),
        ttlMs: Math.max(0, job.createdAt + ttlMs - now),
      });
      this.deps.repo.sent(job.id);
      this.sentOn.set(job.id, agent.connection);
    }
  }

  /** How long this kiosk's jobs wait for its agent, as the config says now. */
  ttlFor(kioskId: string): number {
    return this.deps.ttlFor?.(kioskId) ?? DEFAULT_JOB_TTL_MS;
  }

  /** An agent finished a job: recorded once; false for a job that is not its kiosk's. */
  done(agent: AgentDevice, m: PrintDone): boolean {
    const job = this.deps.repo.get(m.id);
    if (!job || job.kioskId !== agent.kioskId) return false;
    this.sentOn.delete(m.id);
    if (!this.deps.repo.finish(m.id, m.outcome, agent.id, this.deps.now())) return true; // told twice: already recorded
    for (const l of this.finishedListeners) l(job, m.outcome);
    for (const w of this.waiters.get(m.id) ?? []) w(m.outcome);
    this.waiters.delete(m.id);
    return true;
  }

  onFinished(fn: (job: PrintJobRow, outcome: PrintOutcome) => void): void {
    this.finishedListeners.push(fn);
  }

  /** Resolves with the outcome, or null after `ms`. */
  waitFor(jobId: string, ms: number): Promise<PrintOutcome | null> {
    const finished = this.deps.repo.get(jobId);
    if (finished?.outcome) return Promise.resolve(finished.outcome);
    return new Promise((resolve) => {
      const set = this.waiters.get(jobId) ?? new Set();
      const timer = setTimeout(() => {
        set.delete(settle);
        resolve(null);
      }, ms);
      const settle = (o: PrintOutcome) => {
        clearTimeout(timer);
        resolve(o);
      };
      set.add(settle);
      this.waiters.set(jobId, set);
    });
  }

  /** Unfinished jobs of a kiosk still worth printing. */
  pending(kioskId: string): number {
    return this.deps.repo.countOpen(kioskId, this.deps.now() - this.ttlFor(kioskId));
  }

  last(kioskId: string): PrintJobRow | null {
    return this.deps.repo.lastFinished(kioskId);
  }

  /** Forgets finished jobs of past days. */
  purge(): void {
    this.deps.repo.purge(this.deps.now() - KEEP_FINISHED_MS);
  }
}
