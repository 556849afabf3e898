import { ROUTING_REASONS, routingReasonText } from '@onewindow/protocol';

/**
 * The server explains each call with a stable code (protocol's ROUTING_REASONS), shown in the
 * reader's language. Days stored before the codes explain in English ("green channel first", "waited 24 min of 10 min
 * target"…). For a Chinese-speaking clerk the common phrases are put into Chinese; anything not
 * recognised is shown as the server wrote it.
 */
const PHRASES: [RegExp, string][] = [
  [/^called by number$/, '按号呼叫'],
  [/^resumed from hold$/, '挂起后恢复办理'],
  [/first come, first served/g, '先到先办'],
  [/green channel first/g, '绿色通道优先'],
  [/most pressing:\s*/g, '最紧迫：'],
  [/home service (\S+?),\s*/g, '本窗口主办事项 $1，'],
  [/waited (\d+) min of (\d+) min target/g, '已等 $1 分钟（目标 $2 分钟）'],
  [/waited (\d+) min/g, '已等 $1 分钟'],
  [/booked visitor, slot due/g, '预约已到时段'],
  [/transferred to the front/g, '转入排在最前'],
  [/a normal ticket after (\d+) green in a row/g, '已连续 $1 个绿色通道，轮到普通号'],
];

export function reasonText(reason: string | null | undefined, locale: string): string {
  if (!reason) return '';
  if (reason in ROUTING_REASONS) return routingReasonText(reason, locale);
  if (!locale.startsWith('zh')) return reason;
  let out = reason;
  for (const [re, zh] of PHRASES) out = out.replace(re, zh);
  return out.replace(/;\s*/g, '；');
}
