/** Which screen this page is, from its address: one SPA serves the caller, window and supervisor screens. */
export const BASE = '/display/';

export const SUPERVISOR_SECTIONS = ['wall', 'reports', 'follow-ups', 'notifications', 'bookings', 'what-if', 'admin'] as const;
export type SupervisorSection = (typeof SUPERVISOR_SECTIONS)[number];

export type Screen =
  | { kind: 'caller' }
  | { kind: 'window'; windowId: string }
  | { kind: 'supervisor'; section: SupervisorSection; rest: string[] }
  | { kind: 'unknown'; path: string };

export function parseRoute(pathname: string, base = BASE): Screen {
  const path = pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\/+/, '');
  const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  if (parts.length === 0) return { kind: 'caller' };
  if (parts[0] === 'window') return parts[1] ? { kind: 'window', windowId: parts[1] } : { kind: 'unknown', path: pathname };
  if (parts[0] === 'supervisor') {
    const s = parts[1] ?? 'wall';
    const section = (SUPERVISOR_SECTIONS as readonly string[]).includes(s) ? (s as SupervisorSection) : null;
    return section ? { kind: 'supervisor', section, rest: parts.slice(2) } : { kind: 'unknown', path: pathname };
  }
  return { kind: 'unknown', path: pathname };
}

/** The address of a supervisor section: the wall is the app's root. */
export function supervisorPath(section: SupervisorSection, rest: string[] = [], base = BASE): string {
  const tail = [section === 'wall' && rest.length === 0 ? '' : section, ...rest].filter(Boolean).map(encodeURIComponent).join('/');
  return `${base}supervisor/${tail}`;
}
