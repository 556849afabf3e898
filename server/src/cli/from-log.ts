/**
 * npm run simulate -- --from-log DATE [--data DIR] [--config FILE] [--windows FILE | --open W12@09:00 …]
 *                     [--policy NAME] [--out TRACE.json]
 *
 * Replays a finished day of the hall's own log (its SQLite file, read-only) through the simulator,
 * with the day's staffing or another one, and prints the waits hour by hour beside what happened.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadHallConfig } from '@onewindow/config';
import { POLICIES, type EngineEvent, type EngineEventType, type HallModel } from '../engine/index.ts';
import { localClock } from '../engine/day.ts';
import { readDayLog } from '../repositories/day-log.repository.ts';
import { whatIf, type StaffingOverride, type WhatIfResult } from '../sim/what-if.ts';
import { simulate } from '../sim/simulator.ts';

const ENGINE_EVENTS = new Set<EngineEventType>([
  'ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.started', 'ticket.finished', 'ticket.no-show', 'ticket.transferred',
  'ticket.held', 'ticket.cancelled', 'ticket.expired', 'window.signed-in', 'window.signed-out', 'window.paused', 'window.resumed',
  'day.started', 'window.ready', 'window.auto-call', 'ticket.reinstated',
]);

/** The engine's events of one business day, from the hall's SQLite file opened read-only. */
export function dayEvents(dataDir: string, day: string): EngineEvent[] {
  return readDayLog(dataDir, day).filter((e): e is EngineEvent => ENGINE_EVENTS.has(e.type as EngineEventType));
}

export interface FromLogArgs { day: string; data?: string; config?: string; windows?: string; open?: string[]; policy?: string; out?: string }

/** Runs the replay; returns the exit code (2: usage, 1: the day or a file could not be read). */
export function fromLog(a: FromLogArgs, root: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(a.day)) return usage(`--from-log: "${a.day}" is not a date (YYYY-MM-DD)`);
  if (a.policy && !POLICIES[a.policy]) return usage(`--policy: unknown policy "${a.policy}" (known: ${Object.keys(POLICIES).join(', ')})`);
  let staffing: StaffingOverride | undefined;
  try {
    staffing = a.windows ? { windows: parseWindows(readFileSync(a.windows, 'utf8')) } : a.open?.length ? { open: a.open.map(parseOpen) } : undefined;
  } catch (e) {
    return usage((e as Error).message);
  }
  try {
    const config = loadHallConfig(resolve(a.config ?? process.env.ONEWINDOW_CONFIG ?? resolve(root, 'config/hall.yaml')));
    const model: HallModel = {
      services: config.services.map((s) => ({ id: s.id, name: s.name, prefix: s.prefix, targetWaitSec: s.targetWaitSec })),
      windows: config.windows.map((w) => ({ id: w.id, name: w.name, skills: w.skills })),
      greenStreakCap: config.hall.greenStreakCap ?? 2,
      appointmentLeadSec: 300,
    };
    const events = dayEvents(resolve(a.data ?? process.env.ONEWINDOW_DATA ?? resolve(root, 'data')), a.day);
    if (!events.some((e) => e.type === 'ticket.issued')) {
      console.error(`--from-log: no tickets on ${a.day} in the hall's log`);
      return 1;
    }
    const result = whatIf({ day: a.day, events, model, clock: (ms) => localClock(ms, config.hall.timezone), staffing, policy: a.policy });
    if (a.out) writeFileSync(a.out, JSON.stringify(simulate(result.scenario, result.policy, { estimates: false }), null, 1) + '\n');
    console.log(render(result));
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
}

function usage(message: string): number {
  console.error(`${message}\nusage: npm run simulate -- --from-log YYYY-MM-DD [--data DIR] [--config FILE] [--windows FILE | --open W12@09:00 …] [--policy NAME] [--out TRACE.json]`);
  return 2;
}

/** A staffing file: a list of windows (or `{ "windows": [...] }`), times of day as "HH:MM". */
function parseWindows(text: string): NonNullable<StaffingOverride['windows']> {
  const data = JSON.parse(text) as unknown;
  const list = Array.isArray(data) ? data : (data as { windows?: unknown }).windows;
  if (!Array.isArray(list) || list.some((w) => typeof w?.id !== 'string' || typeof w?.opens !== 'string' || typeof w?.closes !== 'string')) {
    throw new Error('--windows: a list of { "id", "opens": "HH:MM", "closes": "HH:MM", "skills"?, "breaks"?: [["HH:MM", "HH:MM"]] }');
  }
  return list;
}

/** "W12@09:00" or "W12@09:00=social,fund". */
function parseOpen(text: string): { windowId: string; at: string; skills?: string[] } {
  const m = /^([^@=\s]+)@(\d{1,2}:\d{2})(?:=([\w,-]+))?$/.exec(text);
  if (!m) throw new Error(`--open: "${text}" is not WINDOW@HH:MM or WINDOW@HH:MM=skill,skill`);
  return { windowId: m[1], at: m[2], ...(m[3] ? { skills: m[3].split(',') } : {}) };
}

function render(r: WhatIfResult): string {
  const min = (sec: number) => (sec / 60).toFixed(1).padStart(6);
  const lines = [
    `${r.day}: ${r.actual.visits} visits replayed with ${r.policy}` +
      (r.left.neverCalled ? `; ${r.left.neverCalled} who left before their call are not replayed` : ''),
    'waits in minutes, by the hour the visitor joined the queue: actual mean / max | what-if mean / max',
    ...r.hours.map((h) => `  ${h.hour}  ${String(h.visits).padStart(4)}  ${min(h.actual.meanSec)} ${min(h.actual.maxSec)}  | ${min(h.whatIf.meanSec)} ${min(h.whatIf.maxSec)}`),
    `  day    ${String(r.actual.visits).padStart(4)}  ${min(r.actual.meanSec)} ${min(r.actual.maxSec)}  | ${min(r.whatIf.meanSec)} ${min(r.whatIf.maxSec)}` +
      `   (p90 ${min(r.actual.p90Sec).trim()} | ${min(r.whatIf.p90Sec).trim()}${r.whatIf.unserved ? `; ${r.whatIf.unserved} never called in the what-if` : ''})`,
  ];
  return lines.join('\n');
}
