import { REVIEW_REASON_TEXTS, REVIEW_REASONS } from './review-reasons.ts';
import { IDLE_REASONS, ROUTING_REASONS } from './routing-reasons.ts';
import type { PrintOutcome } from './agent.ts';

/**
 * Codes the server writes and the UIs show, with their words in zh-CN and en, for the lists no app
 * dictionary holds. A test walks every code list exported by the protocol and checks that each code
 * has both texts here or in the dictionary of each app that shows it.
 */
export type Texts = { zh: string; en: string };

/** What the audit log records (GET /api/audit `action`). */
export const AUDIT_ACTIONS = [
  'sign-in', 'sign-in-failed', 'user-created', 'user-changed', 'sessions-revoked',
  'device-created', 'device-paired', 'device-unpaired', 'device-code-renewed', 'device-changed',
  'window-sign-in', 'window-sign-out', 'window-transfer', 'ticket-flagged',
  'config-changed', 'config-change-refused', 'follow-up-contact-viewed', 'follow-up-called-back', 'follow-up-resolved', 'backup',
  'ticket-issued', 'ticket-cancelled', 'ticket-reinstated', 'ticket-reprinted', 'ticket-phone-added', 'id-card-read', 'notification-retried',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const AUDIT_ACTION_TEXTS: Record<AuditAction, Texts> = {
  'sign-in': { zh: '登录', en: 'Signed in' },
  'sign-in-failed': { zh: '登录失败', en: 'Sign-in failed' },
  'user-created': { zh: '新建用户', en: 'User created' },
  'user-changed': { zh: '修改用户', en: 'User changed' },
  'sessions-revoked': { zh: '强制下线', en: 'Signed out everywhere' },
  'device-created': { zh: '添加设备', en: 'Device added' },
  'device-paired': { zh: '设备配对', en: 'Device paired' },
  'device-unpaired': { zh: '解除配对', en: 'Device unpaired' },
  'device-code-renewed': { zh: '新配对码', en: 'New pairing code' },
  'device-changed': { zh: '修改设备', en: 'Device changed' },
  'window-sign-in': { zh: '窗口签到', en: 'Window sign-in' },
  'window-sign-out': { zh: '窗口签退', en: 'Window sign-out' },
  'window-transfer': { zh: '转移票号', en: 'Ticket transferred' },
  'ticket-flagged': { zh: '标记办理时长', en: 'Service time flagged' },
  'config-changed': { zh: '修改配置', en: 'Configuration changed' },
  'config-change-refused': { zh: '配置修改被拒', en: 'Configuration change refused' },
  'follow-up-contact-viewed': { zh: '查看差评联系方式', en: 'Follow-up contact viewed' },
  'follow-up-called-back': { zh: '差评已回访', en: 'Follow-up called back' },
  'follow-up-resolved': { zh: '差评已办结', en: 'Follow-up resolved' },
  backup: { zh: '数据库备份', en: 'Database backup' },
  'ticket-issued': { zh: '代取号', en: 'Ticket issued for a visitor' },
  'ticket-cancelled': { zh: '取消票号', en: 'Ticket cancelled' },
  'ticket-reinstated': { zh: '过号恢复', en: 'No-show reinstated' },
  'ticket-reprinted': { zh: '补打号票', en: 'Ticket reprinted' },
  'ticket-phone-added': { zh: '登记手机号', en: 'Phone number left' },
  'id-card-read': { zh: '读取身份证', en: 'ID card read' },
  'notification-retried': { zh: '重发通知', en: 'Notification sent again' },
};

/** What an alert is about (AlertView `kind`). */
export const ALERT_KINDS = ['wait-over-target', 'no-window', 'printer', 'device-offline', 'bad-review', 'follow-up-overdue', 'notification-failed', 'clock-step', 'centre-link', 'config-refused', 'restored'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

const ALERT_KIND_TEXTS: Record<AlertKind, Texts> = {
  'wait-over-target': { zh: '等候超时', en: 'Wait over target' },
  'no-window': { zh: '无窗口可办理', en: 'No window can serve' },
  printer: { zh: '打印机', en: 'Printer' },
  'device-offline': { zh: '设备离线', en: 'Device offline' },
  'bad-review': { zh: '差评', en: 'Bad review' },
  'follow-up-overdue': { zh: '回访逾期', en: 'Follow-up overdue' },
  'notification-failed': { zh: '短信通知失败', en: 'Notification failed' },
  'clock-step': { zh: '系统时钟跳变', en: 'Clock step' },
  'centre-link': { zh: '区中心连接', en: 'District centre link' },
  'config-refused': { zh: '配置未生效', en: 'Configuration refused' },
  restored: { zh: '数据恢复', en: 'Restored from a backup' },
};

/** How a device agent's print job ended (print_jobs.outcome, docs/agent.md). */
const PRINT_OUTCOME_TEXTS: Record<PrintOutcome, Texts> = {
  printed: { zh: '已打印', en: 'Printed' },
  unconfirmed: { zh: '已送打印机（未确认）', en: 'Sent to the printer (unconfirmed)' },
  expired: { zh: '超时未打印', en: 'Not printed in time' },
};

/** The front of the hall (front-desk.ts): the languages a slip is printed in, real-name modes, reader states. */
const FRONT_TEXTS = {
  LANGUAGES: { 'zh-CN': { zh: '中文', en: 'Chinese' }, en: { zh: '英文', en: 'English' } },
  REAL_NAME_MODES: { required: { zh: '须实名', en: 'ID card required' }, optional: { zh: '可实名', en: 'ID card optional' }, off: { zh: '不实名', en: 'No ID card' } },
  ReaderStates: {
    ok: { zh: '正常', en: 'Ready' }, 'no-line': { zh: '未连接', en: 'Not connected' }, fault: { zh: '故障', en: 'Fault' }, unknown: { zh: '未使用', en: 'Not used yet' },
  },
} satisfies Record<string, Record<string, Texts>>;

/** The protocol's own vocabularies, by the name of the exported code list. */
export const VOCABULARY: Record<string, Record<string, Texts>> = {
  REVIEW_REASONS: Object.fromEntries(REVIEW_REASONS.map((c) => [c, { zh: REVIEW_REASON_TEXTS[c].zh, en: REVIEW_REASON_TEXTS[c].en }])),
  AUDIT_ACTIONS: AUDIT_ACTION_TEXTS,
  ALERT_KINDS: ALERT_KIND_TEXTS,
  ROUTING_REASONS,
  IDLE_REASONS: Object.fromEntries(IDLE_REASONS.map((c) => [c, ROUTING_REASONS[c]])),
  PrintOutcomes: PRINT_OUTCOME_TEXTS,
  ...FRONT_TEXTS,
};

/** A code in the reader's language; a code no vocabulary knows is shown as it is. */
export function vocabularyText(list: keyof typeof VOCABULARY, code: string, lang: string): string {
  const t = VOCABULARY[list]?.[code];
  return t ? (lang.startsWith('zh') ? t.zh : t.en) : code;
}
