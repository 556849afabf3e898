/**
 * Why routing did what it did, as stable codes: the engine writes a code (a call's `reason`, a
 * window's idle answer), the UIs show the text in the reader's language. A code never changes its
 * meaning; a new situation gets a new code.
 */
export const ROUTING_REASONS = {
  // Why a ticket was called to a window.
  'front-transfer': { zh: '转办至本事项，排在最前', en: 'Transferred to the front of the queue' },
  'green-first': { zh: '绿色通道优先', en: 'Green channel first' },
  'after-green-streak': { zh: '已连续叫绿色通道，轮到普通号', en: 'A normal ticket after a run of green channel calls' },
  'booked-slot-due': { zh: '预约时段已到', en: 'Booked visitor, slot due' },
  'booked-early': { zh: '预约时段未到，但没有其他群众等候', en: 'Booked for a later slot; nobody else is waiting' },
  'rare-matter': { zh: '只有少数窗口能办的事项', en: 'A matter few open windows can do' },
  'past-due': { zh: '等候已超过共用队列应有的时间，优先叫号', en: 'Waited longer than a shared queue would have made them' },
  'near-target': { zh: '即将超过目标等候时间', en: 'Close to missing its target wait' },
  'longest-wait': { zh: '按等候时间排在最前', en: 'Waited longest against its target' },
  'quick-matter': { zh: '办理较快的事项，等候相当时先办', en: 'A quick matter, at equal claim' },
  'first-come': { zh: '先到先办', en: 'First come, first served' },
  'home-service': { zh: '本窗口主办事项，先到先办', en: "The window's home service, first come, first served" },
  'called-by-number': { zh: '按号呼叫', en: 'Called by number' },
  'resumed-from-hold': { zh: '挂起后恢复办理', en: 'Resumed from hold' },
  // Why a window that asked got nobody.
  'nothing-waiting': { zh: '没有本窗口可办理的等候群众', en: 'Nobody is waiting that this window can serve' },
  'bookings-not-due': { zh: '只有预约时段未到的群众在等候', en: 'Only booked visitors whose slot is not due are waiting' },
  'better-home': { zh: '等候的群众已由另一个空闲窗口叫号', en: 'Another ready window is calling the visitors who wait' },
  'kept-for-rare': { zh: '本窗口留给少数窗口能办的事项，等候的群众由其他窗口叫号', en: 'Kept ready for a rare matter; other windows call those waiting' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type RoutingReason = keyof typeof ROUTING_REASONS;

/** The codes a window that asked and got nobody may be told. */
export const IDLE_REASONS = ['nothing-waiting', 'bookings-not-due', 'better-home', 'kept-for-rare'] as const satisfies readonly RoutingReason[];
export type IdleReason = (typeof IDLE_REASONS)[number];

/** A code's text; an unknown code (an older server, stored English) is shown as it came. */
export function routingReasonText(code: string | null | undefined, locale: string): string {
  if (!code) return '';
  const known = (ROUTING_REASONS as Record<string, { zh: string; en: string }>)[code];
  if (!known) return code;
  return locale.startsWith('zh') ? known.zh : known.en;
}
