import type { HallCard } from '@onewindow/protocol/centre';
import type { HallFacts } from '../../repositories/wall.repository.ts';

/** A hall not heard from for this long is offline (centre.md). */
export const OFFLINE_AFTER_MS = 30_000;
/** Events logged at the hall but not yet at the centre before the wall calls it trouble. */
export const BEHIND_WARNING = 500;

type Trouble = HallCard['troubles'][number];
const mins = (ms: number) => Math.max(1, Math.round(ms / 60_000));
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * One hall's card on the district wall, and what is wrong with it, worst first. Pure: the facts
 * and the clock in, the card out. Rank puts trouble first: a critical trouble outweighs any number of
 * warnings, and among equals the longer wait goes first.
 */
export function hallCard(f: HallFacts, now: number): HallCard {
  const hb = f.heartbeat;
  const online = f.seenAt !== null && now - f.seenAt <= OFFLINE_AFTER_MS;
  const behind = hb ? Math.max(0, hb.localSeq - f.shippedSeq) : 0;
  const targets = new Map((hb?.services ?? []).map((s) => [s.id, s]));
  const troubles: Trouble[] = [];
  const add = (kind: string, level: Trouble['level'], text: string, textEn: string) => troubles.push({ kind, level, text, textEn });

  if (f.seenAt === null) add('offline', 'warning', '从未连接', 'never connected');
  else if (!online) add('offline', 'critical', `离线 ${mins(now - f.seenAt)} 分钟`, `offline for ${mins(now - f.seenAt)} min`);
  if (behind >= BEHIND_WARNING) add('behind', 'warning', `${behind} 条事件未上报`, `${behind} events not yet shipped`);
  // The hall's own log is shorter than what the centre holds of it: restored from an old backup?
  // Its next events would reuse seqs the centre already has, and be taken for duplicates.
  if (hb && hb.localSeq < f.shippedSeq) add('diverged', 'critical', `大厅日志（${hb.localSeq}）短于区中心所存（${f.shippedSeq}），请核查是否恢复了旧备份`,
    `the hall's log (${hb.localSeq}) is shorter than the centre's copy (${f.shippedSeq}): restored from an old backup?`);

  let waiting = 0;
  let longest = 0;
  for (const w of f.waiting) {
    waiting += w.n;
    const sec = Math.max(0, Math.round((now - w.oldest) / 1000));
    longest = Math.max(longest, sec);
    const s = targets.get(w.serviceId);
    if (s && s.targetWaitSec > 0 && sec > s.targetWaitSec) {
      const critical = sec > 2 * s.targetWaitSec;
      add('wait-over-target', critical ? 'critical' : 'warning', `${s.name}最长等候 ${mins(sec * 1000)} 分钟（目标 ${mins(s.targetWaitSec * 1000)}）`,
        `${s.nameEn ?? s.name}: longest wait ${mins(sec * 1000)} min (target ${mins(s.targetWaitSec * 1000)})`);
    }
  }
  if (hb?.open && waiting > 0 && f.openWindows === 0) add('no-window-open', 'critical', `${waiting} 人等候，无窗口开放`, `${waiting} waiting, no window open`);
  for (const p of f.printers) {
    const critical = p.state !== 'paper-near-end';
    add('printer', critical ? 'critical' : 'warning', `取号机 ${p.kioskId} 打印机：${PRINTER_ZH[p.state] ?? p.state}`, `kiosk ${p.kioskId} printer: ${p.state}`);
  }
  const critical = f.alerts.filter((a) => a.level === 'critical');
  if (critical.length) add('alert', 'warning', `${critical.length} 条严重告警：${critical[0].message}`, `${critical.length} critical alert(s): ${critical[0].message}`);

  troubles.sort((a, b) => (a.level === b.level ? 0 : a.level === 'critical' ? -1 : 1));
  const score = troubles.reduce((s, t) => s + (t.level === 'critical' ? 1000 : 100), 0);
  return {
    id: f.id, name: f.name, level: f.level, parentId: f.parentId, regionCode: f.regionCode,
    online, lastSeenAt: iso(f.seenAt), shippedSeq: f.shippedSeq, behind, day: f.day, open: hb?.open ?? false,
    waiting, longestWaitSec: longest, openWindows: f.openWindows, windows: hb?.windows.length ?? 0,
    issuedToday: f.issued, servedToday: f.served, satisfaction: f.rated ? Math.round((f.good / f.rated) * 10_000) / 10_000 : null,
    catalogueVersion: hb?.catalogueVersion ?? null, troubles, rank: score + Math.min(99, Math.floor(longest / 60)),
  };
}

const PRINTER_ZH: Record<string, string> = {
  'paper-near-end': '纸将尽', 'paper-out': '缺纸', 'cover-open': '盖未关', offline: '离线', error: '故障',
};

const LEVEL_ORDER = { centre: 0, street: 1, community: 2 } as const;
/** One collator for every comparison: `localeCompare(x, 'zh-CN')` builds a new one each call (~20 µs). */
const ZH = new Intl.Collator('zh-CN');

/** Trouble first; then the centre, the streets, the communities; then by name. */
export function byTrouble(a: HallCard, b: HallCard): number {
  return b.rank - a.rank || LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || ZH.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
}
