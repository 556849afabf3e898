import { randomBytes } from 'node:crypto';
import { apiRequest, type ServiceView, type WindowView } from '@onewindow/protocol';

/** A password that passes any sensible policy: long, with capitals, small letters, a digit and a sign. */
export function demoPassword(): string {
  return `Demo-${randomBytes(6).toString('base64url').replace(/[-_]/g, 'x')}7q`;
}

export interface PagePairing { label: string; labelEn: string; url: string }

export interface DemoHall {
  services: ServiceView[];
  windows: WindowView[];
  /** Tokens of the devices the demo itself drives: its kiosk and a pad per window. */
  kioskToken: string;
  padTokens: Map<string, string>;
  /** A signed-in clerk per window, by window id. */
  clerks: Map<string, { username: string; password: string; token: string }>;
  supervisor: { username: string; password: string };
  /** Addresses for people's browsers, each with a one-time pairing code. */
  pages: { kiosk: PagePairing; caller: PagePairing; windowScreens: PagePairing[]; pads: PagePairing[] };
}

/**
 * Everything a hall needs before its first visitor, made through the HTTP API as an admin would in
 * the console: a supervisor, a clerk per window, the demo's own kiosk and pads (paired here: they
 * are the simulated visitors' hands), and for the newcomer's browsers a kiosk, a caller screen, a
 * screen and a pad per window, each with a pairing code in its address.
 */
export async function setUpHall(url: string, adminPassword: string): Promise<DemoHall> {
  const api = <T>(path: string, body?: unknown, token?: string) => apiRequest<T>(url, path, { body, token });
  const admin = (await api<{ token: string }>('/api/auth/login', { username: 'admin', password: adminPassword })).token;
  const hall = await api<{ services: ServiceView[]; windows: WindowView[]; kiosks: { id: string }[] }>('/api/hall', undefined, admin);
  const kioskId = hall.kiosks[0]?.id;
  if (!kioskId) throw new Error('the hall file has no kiosk: the demo needs one');

  const device = (kind: string, name: string, extra: Record<string, string> = {}) =>
    api<{ id: string; pairingCode: string }>('/api/devices', { kind, name, ...extra }, admin);
  const paired = async (kind: string, name: string, extra: Record<string, string> = {}) =>
    (await api<{ token: string }>('/api/devices/pair', { pairingCode: (await device(kind, name, extra)).pairingCode })).token;
  const page = async (kind: string, name: string, path: string, label: string, labelEn: string, extra: Record<string, string> = {}): Promise<PagePairing> =>
    ({ label, labelEn, url: `${url}${path}#pair=${(await device(kind, name, extra)).pairingCode}` });

  const supervisor = { username: 'supervisor', password: demoPassword() };
  await api('/api/users', { ...supervisor, name: '值班长（演示）', role: 'supervisor' }, admin);

  const clerks = new Map<string, { username: string; password: string; token: string }>();
  const padTokens = new Map<string, string>();
  for (const [i, w] of hall.windows.entries()) {
    const username = `clerk${String(i + 1).padStart(2, '0')}`;
    const password = demoPassword();
    await api('/api/users', { username, password, name: `${w.name}工作人员`, role: 'clerk', windows: [w.id] }, admin);
    const token = (await api<{ token: string }>('/api/auth/login', { username, password })).token;
    clerks.set(w.id, { username, password, token });
    padTokens.set(w.id, await paired('pad', `演示评价器 ${w.id}`, { windowId: w.id }));
  }

  return {
    services: hall.services, windows: hall.windows, kioskToken: await paired('kiosk', '演示取号（模拟访客）', { kioskId }), padTokens, clerks, supervisor,
    pages: {
      caller: await page('display', '叫号大屏', '/display/', '叫号大屏', 'caller screen'),
      kiosk: await page('kiosk', '取号机', '/kiosk/', '取号机', 'kiosk', { kioskId }),
      windowScreens: await Promise.all(hall.windows.map((w) => page('window-screen', `窗口屏 ${w.id}`, `/display/window/${w.id}`, `${w.name} 窗口屏`, `screen of ${w.id}`, { windowId: w.id }))),
      pads: await Promise.all(hall.windows.map((w) => page('pad', `评价器 ${w.id}`, '/counter/pad/', `${w.name} 评价器`, `pad of ${w.id}`, { windowId: w.id }))),
    },
  };
}
