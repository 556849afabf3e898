/** Figures as people read them. Pure. */

/** 754 → "12:34" (minutes:seconds); an hour and more → "1:02:34"; null → "—". */
export function duration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return '—';
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const pad = (x: number) => String(x).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
}

/** 0.8571 → "85.7%"; null → "—". */
export function percent(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(digits)}%`;
}

/** Seconds → hours with one decimal (clerk time). */
export function hours(sec: number | null | undefined): string {
  return sec === null || sec === undefined ? '—' : (sec / 3600).toFixed(1);
}

/** "2026-11-23T09:14:03.120+08:00" → "09:14" (the hall's own clock, as the server wrote it). */
export function clockOf(iso: string | null | undefined): string {
  return iso ? iso.slice(11, 16) : '—';
}

/** "2026-11-23T09:14:03.120+08:00" → "11-23 09:14". */
export function dayClock(iso: string | null | undefined): string {
  return iso ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : '—';
}

/** The hall's calendar date of an instant, "YYYY-MM-DD". */
export function hallDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** The date n days from a "YYYY-MM-DD". */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
