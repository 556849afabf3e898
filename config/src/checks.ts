import type { SchemaProblem } from '@onewindow/protocol/schema-errors';
import { serialLineKey, type HallConfig } from './schema.ts';

/** What a schema cannot say: references between parts of the file and uniqueness. */
export function crossChecks(c: HallConfig): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const services = new Set(c.services.map((s) => s.id));
  const windows = new Set(c.windows.map((w) => w.id));

  duplicates(c.services.map((s) => s.id), (i, v) => add(`services[${i}].id`, `duplicate id "${v}"`));
  duplicates(c.services.map((s) => s.prefix), (i, v) => add(`services[${i}].prefix`, `duplicate prefix "${v}"`));
  duplicates(c.windows.map((w) => w.id), (i, v) => add(`windows[${i}].id`, `duplicate id "${v}"`));
  c.windows.forEach((w, i) => w.skills.forEach((s, j) => {
    if (!services.has(s)) add(`windows[${i}].skills[${j}]`, `unknown service "${s}"`);
  }));
  c.services.forEach((s, i) => {
    if (!c.windows.some((w) => w.skills.includes(s.id))) add(`services[${i}]`, `no window can serve "${s.id}"`);
  });
  c.hall.hours.forEach((h, i) => {
    if (h.close <= h.open) add(`hall.hours[${i}].close`, `closes (${h.close}) before it opens (${h.open})`);
  });
  try {
    new Intl.DateTimeFormat('en', { timeZone: c.hall.timezone });
  } catch {
    add('hall.timezone', `unknown time zone "${c.hall.timezone}"`);
  }
  (c.kiosks ?? []).forEach((k, i) => {
    (k.services ?? []).forEach((s, j) => {
      if (!services.has(s)) add(`kiosks[${i}].services[${j}]`, `unknown service "${s}"`);
    });
    const p = k.printer;
    if (p?.type === 'network' && !p.host) add(`kiosks[${i}].printer.host`, 'a network printer needs a host');
    if (p?.type === 'serial' && !p.serial) add(`kiosks[${i}].printer.serial`, 'a serial printer needs serial.path');
    if (p?.type === 'usb' && !p.usb) add(`kiosks[${i}].printer.usb`, 'a USB printer needs usb.vendorId and usb.productId');
    if (p?.type === 'lp' && !p.lp) add(`kiosks[${i}].printer.lp`, 'a printer device file needs lp.path (e.g. /dev/usb/lp0)');
    if (p && p.type !== 'agent' && p.jobTtlMin !== undefined) add(`kiosks[${i}].printer.jobTtlMin`, 'jobTtlMin is for a printer of type agent only (how long its jobs wait for the agent)');
  });
  duplicates((c.kiosks ?? []).map((k) => k.id), (i, v) => add(`kiosks[${i}].id`, `duplicate id "${v}"`));

  const kiosks = new Set((c.kiosks ?? []).map((k) => k.id));
  const readers = c.idCard?.readers ?? [];
  readers.forEach((r, i) => {
    if (r.kioskId !== undefined && !kiosks.has(r.kioskId)) add(`idCard.readers[${i}].kioskId`, `unknown kiosk "${r.kioskId}"`);
    if ((r.kioskId === undefined) === (r.desk !== true)) add(`idCard.readers[${i}]`, 'a reader is on a kiosk (kioskId) or at the guide desk (desk: true), one of the two');
  });
  duplicates(readers.map((r) => r.id), (i, v) => add(`idCard.readers[${i}].id`, `duplicate id "${v}"`));
  duplicates(readers.flatMap((r) => (r.kioskId ? [r.kioskId] : [])), (_i, v) => add('idCard.readers', `kiosk "${v}" has two readers`));
  const w = c.notifications?.webhook;
  if (c.notifications?.kind === 'webhook' && !w) add('notifications.webhook', 'the webhook notifier needs webhook.url and a secret');
  if (w && !w.secret === !w.secretFile) add('notifications.webhook', 'give the signing key as secret or as secretFile, one of the two');

  const addresses = new Map<string, string>();
  for (const kind of ['pads', 'windowScreens', 'keypads'] as const) {
    (c[kind] ?? []).forEach((d, i) => {
      if (!windows.has(d.windowId)) add(`${kind}[${i}].windowId`, `unknown window "${d.windowId}"`);
      const line = serialLineKey(d.serial);
      const key = `${line}#${d.address}`;
      const other = addresses.get(key);
      if (other) add(`${kind}[${i}].address`, `address ${d.address} on ${line} is already used by ${other}`);
      else addresses.set(key, `${kind}[${i}]`);
    });
  }
  if (c.voice?.source === 'pack' && !c.voice.pack) add('voice.pack', 'the voice source "pack" needs the pack\'s folder');
  return problems;
}

function duplicates(values: string[], report: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => (seen.has(v) ? report(i, v) : seen.add(v)));
}
