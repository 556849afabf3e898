import type { AlertView } from '@onewindow/protocol';
import type { TakenBack } from './take-back.ts';

/** The meta key a restore leaves for the server's next start (repositories/restore.repository.ts). */
export const RESTORE_NOTICE = 'restore.notice';

/** What a restore did, as the supervisors should hear it once the hall runs again. */
export interface RestoreNotice {
  at: number;
  /** The backup's file name. */
  backup: string;
  day: string | null;
  /** Every session and device token was taken back (the database in place could not be read). */
  tokensRevoked: boolean;
  centre: { taken: TakenBack } | { skipped: string } | { failed: string } | null;
  /** The numbers handed out on the day after the backup, as ranges ("A004–A008"), when the database in place could tell; null when it could not. */
  afterBackup?: string[] | null;
}

/** Numbers for an alert: the first 30, then how many in all. */
export function numberList(numbers: readonly string[], max = 30): string {
  return numbers.slice(0, max).join(' ') + (numbers.length > max ? ` 等 ${numbers.length} 个` : '');
}

/** The alert that tells the hall's supervisors a restore happened, and what of the day it could not give back. */
export function restoreAlert(n: RestoreNotice): { level: AlertView['level']; message: string } {
  const head = `数据已从备份 ${n.backup} 恢复（营业日 ${n.day ?? '—'}）`;
  const tokens = n.tokensRevoked ? '；所有登录和设备配对已收回，请重新登录、设备重新配对' : '';
  if (n.centre && 'taken' in n.centre) {
    const t = n.centre.taken;
    const open = t.open.length ? `，仍在等候或在窗口的号：${numberList(t.open)}` : '';
    const what = t.events ? `，并从区中心取回备份之后的 ${t.events} 条记录，排队与窗口已复原${open}；评价留言、联系电话未能取回` : '，区中心没有备份之后的记录';
    return { level: 'warning', message: `${head}${what}${tokens}` };
  }
  const why = n.centre && 'failed' in n.centre ? `（未能从区中心取回：${n.centre.failed}）` : '';
  if (n.afterBackup && n.afterBackup.length === 0) return { level: 'warning', message: `${head}：备份之后没有取过新号，排队不受影响${tokens}` };
  const which = n.afterBackup ? ` ${n.afterBackup.join('、')} ` : '（如有）';
  return { level: 'critical', message: `${head}：备份之后取的号${which}不在队列中，请按票根叫号${why}${tokens}` };
}

/** Raises the restore's alert once, at the first start after it, then forgets the notice. */
export function announceRestore(meta: { meta(key: string): string | null; dropMeta(key: string): void }, raise: (level: AlertView['level'], message: string, subject: string) => void): boolean {
  const raw = meta.meta(RESTORE_NOTICE);
  if (!raw) return false;
  const n = JSON.parse(raw) as RestoreNotice;
  const { level, message } = restoreAlert(n);
  // Raised before the notice goes: a crash between the two raises it again, which the subject dedups.
  raise(level, message, `restore:${n.at}`);
  meta.dropMeta(RESTORE_NOTICE);
  return true;
}
