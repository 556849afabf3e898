import type { HallConfig } from '@onewindow/config';
import type { PrinterStatus } from '@onewindow/protocol';
import type { PrinterStatus as DriverStatus, TicketPrint } from '@onewindow/drivers/printer';
import { isoLocal } from '@onewindow/protocol';
import type { Ticket } from '../../engine/index.ts';
import { ticketView, type ViewContext } from '../queue/views.ts';

/**
 * Pure presenters for printing: an issued ticket → what the driver lays out on paper, and the
 * driver's status → the contract's PrinterStatus with words a supervisor understands.
 */
export const DEFAULT_NOTICE = '请留意叫号屏幕和语音提示，过号请重新取号。本票当日有效。';

/** `<publicUrl>/track/<token>`, without a doubled slash. */
export function trackUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/track/${encodeURIComponent(token)}`;
}

export const DEFAULT_NOTICE_EN = 'Watch the calling screen and listen for your number; if you miss it, ask at the guide desk. Valid today only.';

/**
 * What the slip says, in the language the visitor chose where the ticket was taken: a booked
 * visitor's slot and the time the hall may call them from (the same time the kiosk showed), a
 * real-name ticket's masked holder, and whether it is printed again.
 */
export function ticketPrint(v: ViewContext, config: HallConfig, t: Ticket, publicUrl: string, o: { reprint?: boolean } = {}): TicketPrint {
  const view = ticketView(v, t, false);
  const svc = v.state.model.services.find((s) => s.id === view.serviceId);
  const en = t.lang === 'en';
  const hhmm = (ms: number) => isoLocal(ms, config.hall.timezone).slice(11, 16);
  const holder = v.visitor?.(t.id)?.name;
  const booked = t.appointmentAt !== null && t.steps.length === 1;
  return {
    hallName: (en && config.hall.nameEn) || config.hall.name,
    number: t.number,
    serviceName: (en && svc?.nameEn) || svc?.name || view.serviceId,
    issuedAt: new Date(t.issuedAt),
    timezone: config.hall.timezone,
    ahead: view.ahead,
    // The kiosk's screen rounds the same way: half a minute or less reads "soon".
    estimatedWaitMin: view.estimatedWaitSec <= 30 ? 0 : Math.max(1, Math.round(view.estimatedWaitSec / 60)),
    ...(view.noWindow ? { noWindow: true } : {}),
    ...(view.estimatedWaitRange ? { estimatedWaitRangeMin: [Math.floor(view.estimatedWaitRange.lowSec / 60), Math.ceil(view.estimatedWaitRange.highSec / 60)] as [number, number] } : {}),
    windows: v.state.model.windows.filter((w) => w.skills.includes(view.serviceId)).map((w) => (en && w.nameEn) || w.name),
    trackUrl: trackUrl(publicUrl, t.trackToken),
    notice: en ? config.hall.noticeEn || DEFAULT_NOTICE_EN : config.hall.notice ?? DEFAULT_NOTICE,
    priority: t.priority,
    ...(en ? { lang: 'en' as const } : {}),
    ...(booked ? { booking: { slot: hhmm(t.appointmentAt!), callFrom: hhmm(Math.max(t.issuedAt, t.appointmentAt! - v.state.model.appointmentLeadSec * 1000)) } } : {}),
    ...(holder ? { holder } : {}),
    ...(o.reprint ? { reprint: true } : {}),
  };
}

/** The slip `POST /api/printers/:kioskId/test` prints. */
export function testSlip(config: HallConfig, kioskId: string, description: string, now: number, publicUrl: string): TicketPrint {
  return {
    hallName: config.hall.name, number: 'TEST', serviceName: '打印测试', issuedAt: new Date(now), timezone: config.hall.timezone,
    ahead: 0, estimatedWaitMin: 0, windows: [], trackUrl: `${publicUrl.replace(/\/+$/, '')}/kiosk/`,
    notice: `取号机 ${kioskId} 打印测试页（${description}）。打印清晰、二维码可扫、切纸正常即为正常。`,
  };
}

const WORDS: Record<PrinterStatus['state'], string> = {
  ok: '正常', 'paper-near-end': '打印纸即将用完', 'paper-out': '缺纸', 'cover-open': '纸仓盖未关',
  offline: '脱机或无法连接', error: '故障', disabled: '未启用打印', unknown: '状态未知（单向打印机，照常打印）',
};

export const BAD_STATES: ReadonlySet<PrinterStatus['state']> = new Set(['paper-out', 'cover-open', 'offline', 'error']);

/** "缺纸（tcp://…）", with which error when the printer reports one. */
export function describeStatus(s: DriverStatus, where: string): string {
  const errors = [s.error.cutter && '切刀', s.error.unrecoverable && '不可恢复错误', s.error.autoRecoverable && '过热'].filter(Boolean);
  const what = s.state === 'error' && errors.length ? `${WORDS.error}：${errors.join('、')}` : WORDS[s.state];
  return `${what}（${where}）`;
}

/** The alert supervisors read when a kiosk cannot print. */
export function alertMessage(kioskName: string, state: PrinterStatus['state']): string {
  return `${kioskName}打印机${WORDS[state]}：号票照常发放，屏幕显示大号码和二维码，请尽快处理`;
}

export function stateWords(state: PrinterStatus['state']): string {
  return WORDS[state];
}

/** The detail of a kiosk whose device agent has gone silent. */
export function agentAwayStatus(agentName: string): string {
  return `设备代理“${agentName}”无响应，无法打印`;
}
