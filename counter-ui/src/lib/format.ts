/** "4:05", "1:02:05": a duration the way a clerk reads it at a glance. */
export function clockDuration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return '—';
  const s = Math.max(0, Math.round(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/** "12 分" / "12 min", "1 小时 5 分" / "1 h 5 min": a longer wait, rounded to minutes. */
export function minutes(sec: number, locale: string): string {
  const m = Math.max(0, Math.round(sec / 60));
  const zh = locale.startsWith('zh');
  if (m < 60) return zh ? `${m} 分` : `${m} min`;
  const h = Math.floor(m / 60);
  const r = m % 60;
  return zh ? `${h} 小时${r ? ` ${r} 分` : ''}` : `${h} h${r ? ` ${r} min` : ''}`;
}

/** "09:14" in the hall's time zone from an ISO instant (its own offset says where the hall is). */
export function hhmm(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[1]}:${m[2]}` : '—';
}

/** "09:14:03" from an ISO instant, in the hall's own time. */
export function hhmmss(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /T(\d{2}):(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[1]}:${m[2]}:${m[3]}` : '—';
}

/** How a wait stands against its service's target: calm, nearing it, over it. */
export function waitLevel(sec: number, targetSec: number): 'ok' | 'near' | 'over' {
  if (targetSec <= 0) return 'ok';
  if (sec > targetSec) return 'over';
  return sec > targetSec * 0.75 ? 'near' : 'ok';
}
