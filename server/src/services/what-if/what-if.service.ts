import { randomUUID } from 'node:crypto';
import type { HallConfig } from '@onewindow/config';
import { isoLocal, type WhatIfDays, type WhatIfJob, type WhatIfRequest, type WhatIfStaffing } from '@onewindow/protocol';
import { POLICIES } from '../../engine/index.ts';
import type { DayLogRepository } from '../../repositories/day-log.repository.ts';
import { AppError } from '../app-error.ts';
import type { HallService } from '../hall/hall.service.ts';
import type { StaffingService } from '../stats/staffing.service.ts';
import { WhatIfFailure, type WhatIfRunner } from './worker-runner.ts';

/** Finished jobs kept for the console to read back (the newest). */
const KEEP = 20;

export interface WhatIfDeps {
  hall: HallService;
  days: DayLogRepository;
  staffing: StaffingService;
  config: HallConfig;
  dataDir: string;
  run: WhatIfRunner;
}

/**
 * What if (issue 18): a supervisor replays a finished day with another staffing or policy. The
 * request is checked here (a day this hall kept and finished, windows and skills it has, times that
 * make sense, a known policy), then the replay runs in a thread of its own (worker-runner.ts) and
 * the console reads its progress and result by id. One replay at a time: a day takes seconds, and
 * the hall's two cores also serve the kiosks.
 */
export class WhatIfService {
  private readonly jobs = new Map<string, WhatIfJob>();
  private running: { id: string; stop(): void } | null = null;

  constructor(private readonly deps: WhatIfDeps) {}

  /** The days to choose from, the policies and the windows with their skills. */
  days(): WhatIfDays {
    const today = this.today();
    return {
      days: this.deps.days.days().filter((d) => d.day < today),
      policies: Object.keys(POLICIES),
      windows: this.deps.hall.model.windows.map((w) => ({ id: w.id, name: w.name, skills: [...w.skills] })),
    };
  }

  start(req: WhatIfRequest): WhatIfJob {
    if (this.running) throw new AppError(409, 'WHAT_IF_BUSY', 'a replay is running: wait for it to finish');
    const today = this.today();
    if (req.day >= today) throw new AppError(409, 'DAY_NOT_FINISHED', `${req.day} is not a finished day (today is ${today})`);
    if (!this.deps.days.days(10_000).some((d) => d.day === req.day)) throw new AppError(404, 'DAY_NOT_FOUND', `no tickets on ${req.day} in this hall`);
    if (req.policy !== undefined && !POLICIES[req.policy]) throw new AppError(422, 'UNKNOWN_POLICY', `no routing policy "${req.policy}" (known: ${Object.keys(POLICIES).join(', ')})`);
    const staffing = req.preset === 'advice' ? { windows: this.deps.staffing.adviceWindows(req.day) } : req.staffing;
    if (staffing) this.check(staffing);

    const now = this.deps.hall.now();
    const tz = this.deps.config.hall.timezone;
    const job: WhatIfJob = {
      id: randomUUID(), day: req.day, status: 'running', progress: 0, phase: 'reading', startedAt: isoLocal(now, tz),
      finishedAt: null, request: req, result: null, error: null,
    };
    this.keep(job);
    const run = this.deps.run({
      dataDir: this.deps.dataDir, day: req.day, model: this.deps.hall.model, timezone: tz,
      staffing, policy: req.policy, hallPolicy: this.deps.hall.policy.name,
    }, (phase, fraction) => {
      // Reading is quick; the two replays share the bar half and half.
      job.phase = phase;
      job.progress = round(phase === 'reading' ? 0 : phase === 'replaying' ? fraction / 2 : 0.5 + fraction / 2);
    });
    this.running = { id: job.id, stop: run.stop };
    run.done.then((result) => {
      Object.assign(job, { status: 'done', progress: 1, phase: 'done', result, finishedAt: isoLocal(this.deps.hall.now(), tz) });
    }, (err: unknown) => {
      const f = err instanceof WhatIfFailure ? err : new WhatIfFailure('WHAT_IF_FAILED', String(err));
      Object.assign(job, { status: 'failed', error: { code: f.code, message: f.message }, finishedAt: isoLocal(this.deps.hall.now(), tz) });
    }).finally(() => {
      if (this.running?.id === job.id) this.running = null;
    });
    return { ...job };
  }

  job(id: string): WhatIfJob {
    const job = this.jobs.get(id);
    if (!job) throw new AppError(404, 'UNKNOWN_WHAT_IF', `no replay ${id}`);
    return { ...job };
  }

  /** The business day it is now (crossed into first if the clock has: yesterday is then finished). */
  private today(): string {
    this.deps.hall.ensureDay();
    return this.deps.hall.state.day;
  }

  /** Shutdown: a running replay's thread ends with the server. */
  stop(): void {
    this.running?.stop();
    this.running = null;
  }

  /** Windows and skills this hall has, times of day in order: refused here with the path of the fault, not in the thread. */
  private check(s: WhatIfStaffing): void {
    const windows = new Map(this.deps.hall.model.windows.map((w) => [w.id, w]));
    const services = new Set(this.deps.hall.model.services.map((x) => x.id));
    const bad = (path: string, message: string) => new AppError(422, 'WHAT_IF_INVALID', `${path}: ${message}`);
    const minutes = (t: string) => Number(t.split(':')[0]) * 60 + Number(t.split(':')[1]);
    const skills = (path: string, list: string[] | undefined) => list?.forEach((k, i) => {
      if (!services.has(k)) throw bad(`${path}[${i}]`, `unknown service "${k}"`);
    });
    s.windows?.forEach((w, i) => {
      if (!windows.has(w.id)) throw bad(`staffing.windows[${i}].id`, `no window ${w.id} in this hall`);
      if (minutes(w.closes) <= minutes(w.opens)) throw bad(`staffing.windows[${i}]`, `closes (${w.closes}) before it opens (${w.opens})`);
      skills(`staffing.windows[${i}].skills`, w.skills);
      w.breaks?.forEach(([a, b], j) => {
        if (minutes(b) <= minutes(a)) throw bad(`staffing.windows[${i}].breaks[${j}]`, `ends (${b}) before it starts (${a})`);
      });
    });
    if (s.windows && new Set(s.windows.map((w) => w.id)).size !== s.windows.length) throw bad('staffing.windows', 'a window is listed twice');
    s.open?.forEach((o, i) => {
      if (!windows.has(o.windowId)) throw bad(`staffing.open[${i}].windowId`, `no window ${o.windowId} in this hall`);
      skills(`staffing.open[${i}].skills`, o.skills);
    });
  }

  private keep(job: WhatIfJob): void {
    this.jobs.set(job.id, job);
    for (const id of this.jobs.keys()) {
      if (this.jobs.size <= KEEP) break;
      if (this.jobs.get(id)!.status !== 'running') this.jobs.delete(id);
    }
  }
}

const round = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
