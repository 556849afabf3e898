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
  [/^booked for a later slot, called early: nobody else is waiting$/, '预约时段未到，但无人等候，提前呼叫'],
  [/transferred to the front of the queue/g, '转入后排在最前'],
  [/transferred to the front/g, '转入排在最前'],
  [/home service (\S+?),\s*/g, '本窗口主办事项 $1，'],
  [/first come, first served/g, '先到先办'],
  [/normal ticket after green streak cap/g, '已达绿色通道连续上限，轮到普通号'],
  [/a normal ticket after (\d+) green in a row/g, '已连续 $1 个绿色通道，轮到普通号'],
  [/green channel first/g, '绿色通道优先'],
  [/booked visitor, slot due/g, '预约已到时段'],
  [/rare matter: only (\d+) of (\d+) open windows can do (.+?) \(/g, '少见事项：开放的 $2 个窗口中只有 $1 个能办理$3（'],
  [/longer matters left to other windows: this one stays ready for a rare matter/g, '耗时较长的事项留给其他窗口：本窗口随时准备办理少见事项'],
  [/most pressing:\s*/g, '最紧迫：'],
  [/waited (\d+) min of (\d+) min target/g, '已等 $1 分钟（目标 $2 分钟）'],
  [/waited (\d+) min since slot or arrival/g, '自预约时段或到达起已等 $1 分钟'],
  [/waited (\d+) min/g, '已等 $1 分钟'],
  [/close to missing it/g, '即将超时'],
  [/quick matter \(~(\d+) min\)/g, '办理较快（约 $1 分钟）'],
];

export function reasonText(reason: string | null | undefined, locale: string): string {
  if (!reason) return '';
  if (reason in ROUTING_REASONS) return routingReasonText(reason, locale);
  if (!locale.startsWith('zh')) return reason;
  let out = reason;
  for (const [re, zh] of PHRASES) out = out.replace(re, zh);
  return out.replace(/;\s*/g, '；').replace(/,\s*/g, '，').replace(/\(/g, '（').replace(/\)/g, '）');
}
