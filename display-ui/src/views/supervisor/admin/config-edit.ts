import type { HallConf, Problem, ServiceConf, WindowConf } from './types.ts';

/**
 * Edits of the hall configuration draft, and the checks the console makes before sending it (the
 * server checks everything again and answers with the same paths). Pure.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const ID = /^[A-Za-z0-9_-]{1,32}$/;
const PREFIX = /^[A-Z]{1,2}$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface CheckTexts { required: string; badId: string; badPrefix: string; badTime: string; duplicate: string }

export function checkDraft(c: HallConf, m: CheckTexts): Problem[] {
  const out: Problem[] = [];
  const add = (path: string, message: string) => out.push({ path, message });
  const seen = (xs: string[], path: (i: number) => string) => {
    const s = new Set<string>();
    xs.forEach((x, i) => { if (x && s.has(x)) add(path(i), m.duplicate); s.add(x); });
  };
  c.services.forEach((s, i) => {
    if (!ID.test(s.id ?? '')) add(`services[${i}].id`, s.id ? m.badId : m.required);
    if (!s.name?.trim()) add(`services[${i}].name`, m.required);
    if (!PREFIX.test(s.prefix ?? '')) add(`services[${i}].prefix`, m.badPrefix);
    if (!(s.targetWaitSec >= 1)) add(`services[${i}].targetWaitSec`, m.required);
  });
  seen(c.services.map((s) => s.id), (i) => `services[${i}].id`);
  seen(c.services.map((s) => s.prefix), (i) => `services[${i}].prefix`);
  c.windows.forEach((w, i) => {
    if (!ID.test(w.id ?? '')) add(`windows[${i}].id`, w.id ? m.badId : m.required);
    if (!w.name?.trim()) add(`windows[${i}].name`, m.required);
    if (w.skills.length === 0) add(`windows[${i}].skills`, m.required);
  });
  seen(c.windows.map((w) => w.id), (i) => `windows[${i}].id`);
  (c.kiosks ?? []).forEach((k, i) => {
    if (!ID.test(k.id ?? '')) add(`kiosks[${i}].id`, k.id ? m.badId : m.required);
    if (!k.name?.trim()) add(`kiosks[${i}].name`, m.required);
    if (k.printer?.type === 'network' && !k.printer.host) add(`kiosks[${i}].printer.host`, m.required);
    if (k.printer?.type === 'serial' && !k.printer.serial?.path) add(`kiosks[${i}].printer.serial`, m.required);
    if (k.printer?.type === 'lp' && !k.printer.lp?.path) add(`kiosks[${i}].printer.lp`, m.required);
  });
  c.hall.hours.forEach((h, i) => {
    if (h.days.length === 0) add(`hall.hours[${i}].days`, m.required);
    if (!CLOCK.test(h.open)) add(`hall.hours[${i}].open`, m.badTime);
    if (!CLOCK.test(h.close)) add(`hall.hours[${i}].close`, m.badTime);
  });
  if (!CLOCK.test(c.hall.dailyReset)) add('hall.dailyReset', m.badTime);
  if (c.announcement && !c.announcement.template.trim()) add('announcement.template', m.required);
  return out;
}

/** The message for one field, if the server or the console found a problem exactly there. */
export function problemAt(problems: readonly Problem[], path: string): string | null {
  return problems.find((p) => p.path === path)?.message ?? null;
}

/** Problems of a row or a part: `services[2]` covers `services[2].prefix` too. */
export function problemsUnder(problems: readonly Problem[], prefix: string): Problem[] {
  return problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`));
}

/** A free id like "S8", "W13", "K2". */
export function freeId(taken: readonly string[], stem: string, pad = 0): string {
  for (let n = taken.length + 1; ; n++) {
    const id = `${stem}${String(n).padStart(pad, '0')}`;
    if (!taken.includes(id)) return id;
  }
}

/** A free ticket prefix, A…Z then AA…. */
export function freePrefix(taken: readonly string[]): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) if (!taken.includes(a)) return a;
  for (const a of letters) for (const b of letters) if (!taken.includes(a + b)) return a + b;
  return 'ZZ';
}

export function newService(c: HallConf): ServiceConf {
  return { id: freeId(c.services.map((s) => s.id), 'svc'), name: '', prefix: freePrefix(c.services.map((s) => s.prefix)), targetWaitSec: 900 };
}

export function newWindow(c: HallConf): WindowConf {
  return { id: freeId(c.windows.map((w) => w.id), 'W', 2), name: '', skills: c.services.length ? [c.services[0].id] : [] };
}

/** Ticks or unticks a skill; the home service (the first skill) stays first. */
export function toggleSkill(w: WindowConf, serviceId: string): void {
  w.skills = w.skills.includes(serviceId) ? w.skills.filter((s) => s !== serviceId) : [...w.skills, serviceId];
}

/** Makes a service the window's home: its first skill. */
export function setHome(w: WindowConf, serviceId: string): void {
  w.skills = [serviceId, ...w.skills.filter((s) => s !== serviceId)];
}

/** Removes a service and every reference to it (window skills, kiosk menus). */
export function removeService(c: HallConf, index: number): void {
  const [gone] = c.services.splice(index, 1);
  if (!gone) return;
  for (const w of c.windows) w.skills = w.skills.filter((s) => s !== gone.id);
  for (const k of c.kiosks ?? []) if (k.services) k.services = k.services.filter((s) => s !== gone.id);
}

/** The announcement as a visitor hears it. */
export function previewAnnouncement(template: string, number: string, window: string): string {
  return template.replaceAll('{number}', number).replaceAll('{window}', window);
}

/** How many leaf values differ between the saved configuration and the draft. */
export function countChanges(a: unknown, b: unknown): number {
  if (JSON.stringify(a) === JSON.stringify(b)) return 0;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return 1;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  let n = 0;
  for (const k of keys) n += countChanges((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
  return n;
}
