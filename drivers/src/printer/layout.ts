// Ticket → ESC/POS bytes. Pure: no clock, no I/O; the time printed is the one on the ticket.
import iconv from 'iconv-lite';
import { localDateTime } from '@onewindow/protocol/time';
import * as cmd from './commands.ts';
import { columns, spread, wrap, wrapItems } from './columns.ts';
import { decode } from './decode.ts';
import { opsToText } from './ops-text.ts';

export interface TicketPrint {
  hallName: string;
  /** e.g. "A012" */
  number: string;
  serviceName: string;
  issuedAt: Date | string;
  /** IANA zone of the hall (config hall.timezone), e.g. "Asia/Shanghai": the printed clock time. */
  timezone: string;
  ahead: number;
  estimatedWaitMin: number;
  /** Where the estimate is uncertain: the range in minutes, printed "约 15-25 分钟" instead of one figure. */
  estimatedWaitRangeMin?: [number, number];
  /** No open window can serve the ticket now: "暂无窗口办理" instead of an estimate. */
  noWindow?: boolean;
  /** names of the windows serving this ticket */
  windows: string[];
  /** ASCII URL encoded in the QR code */
  trackUrl: string;
  notice: string;
  priority?: 'normal' | 'green';
  appointment?: string;
  /** The language the visitor chose at the kiosk: every label is printed in it. Default zh-CN. */
  lang?: 'zh-CN' | 'en';
  /** A booked visitor's slot and the time they may be called from ("08:55 起叫号"), hall-local HH:MM. */
  booking?: { slot: string; callFrom: string };
  /** A real-name ticket's holder, masked ("张*"). */
  holder?: string;
  /** Printed again at the guide desk. */
  reprint?: boolean;
}

/** The printed words, per language. */
const LABELS = {
  'zh-CN': {
    yourNumber: '您的排队号', green: '【绿色通道 优先办理】', appointment: '预约号', issued: '取号时间',
    ahead: (n: number) => `前面还有 ${n} 人`, wait: (m: number) => `预计等候 约 ${m} 分钟`, soon: '预计等候 即将叫号',
    range: (lo: number, hi: number) => `预计等候 约 ${lo}-${hi} 分钟`, noWindow: '暂无窗口办理',
    windows: '办理窗口 ', watch: '请留意叫号屏幕', scan: '扫码查看排队进度', sep: '、',
    booking: (b: { slot: string; callFrom: string }) => `【预约】${b.slot} 时段 · ${b.callFrom} 起叫号`,
    holder: (h: string) => `实名 ${h}`, reprint: '（补打）',
  },
  en: {
    yourNumber: 'Your number', green: '[Green channel: served first]', appointment: 'Booking', issued: 'Issued',
    ahead: (n: number) => `${n} ahead of you`, wait: (m: number) => `Wait about ${m} min`, soon: 'Wait: called soon',
    range: (lo: number, hi: number) => `Wait about ${lo}-${hi} min`, noWindow: 'No window open for this service now',
    windows: 'Windows: ', watch: 'watch the calling screen', scan: 'Scan to follow your place', sep: ', ',
    booking: (b: { slot: string; callFrom: string }) => `[Booked] ${b.slot} slot, called from ${b.callFrom}`,
    holder: (h: string) => `Name: ${h}`, reprint: '(reprint)',
  },
} as const;

export interface LayoutOptions {
  /** characters per line at normal size: 32 for 58 mm paper, 48 for 80 mm */
  width: number;
  /** text encoding of the printer; GB18030 unless the config says otherwise */
  encoding?: string;
  /** QR module size in dots (1..16); by default chosen from the paper width */
  qrModuleSize?: number;
}

/** The slip's wait: "暂无窗口办理", a range where the estimate is uncertain, one figure, or "即将叫号". ASCII hyphen: every GB18030 font has it. */
export function waitText(t: Pick<TicketPrint, 'estimatedWaitMin' | 'estimatedWaitRangeMin' | 'noWindow' | 'lang'>): string {
  const L = LABELS[t.lang ?? 'zh-CN'];
  if (t.noWindow) return L.noWindow;
  const r = t.estimatedWaitRangeMin;
  if (r && Math.round(r[1]) > Math.round(r[0])) return L.range(Math.round(r[0]), Math.round(r[1]));
  const minutes = Math.round(t.estimatedWaitMin);
  return minutes > 0 ? L.wait(minutes) : L.soon;
}

/** "2026-11-22 09:05" in the given zone; the hall clock (protocol/src/time.ts), not the server's. */
export function formatLocalTime(at: Date | string, timeZone: string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new Error(`invalid issuedAt: ${String(at)}`);
  return localDateTime(date.getTime(), timeZone);
}

/** The largest multiplier (2..4) at which the number still fits on one line. */
function numberScale(number: string, width: number): number {
  return Math.max(2, Math.min(4, Math.floor(width / Math.max(1, columns(number)))));
}

export function renderTicket(t: TicketPrint, opts: LayoutOptions): Buffer {
  const width = opts.width;
  const encoding = opts.encoding ?? 'GB18030';
  const out: Buffer[] = [];
  const raw = (...b: Buffer[]) => out.push(...b);
  const line = (text = '') => out.push(iconv.encode(text, encoding), Buffer.from([cmd.LF]));
  const lines = (text: string, w = width) => wrap(text, w).forEach((l) => line(l));
  const rule = () => line('-'.repeat(width));
  const L = LABELS[t.lang ?? 'zh-CN'];

  raw(cmd.init(), cmd.chineseMode(), cmd.align('center'));
  raw(cmd.bold(true));
  lines(t.hallName);
  raw(cmd.bold(false));
  line();
  line(t.reprint ? `${L.yourNumber} ${L.reprint}` : L.yourNumber);
  const scale = numberScale(t.number, width);
  raw(cmd.size(scale, scale));
  line(t.number);
  raw(cmd.size(1, 1));
  if (t.priority === 'green') {
    raw(cmd.bold(true));
    lines(L.green);
    raw(cmd.bold(false));
  }
  // Double width only when the service name still fits on one line that way.
  const wide = columns(t.serviceName) * 2 <= width;
  raw(cmd.size(wide ? 2 : 1, 2));
  lines(t.serviceName, wide ? Math.floor(width / 2) : width);
  raw(cmd.size(1, 1));
  if (t.appointment) line(`${L.appointment} ${t.appointment}`);
  if (t.booking) {
    raw(cmd.bold(true));
    lines(L.booking(t.booking));
    raw(cmd.bold(false));
  }
  if (t.holder) line(L.holder(t.holder));

  raw(cmd.align('left'));
  rule();
  line(`${L.issued} ${formatLocalTime(t.issuedAt, t.timezone)}`);
  const ahead = L.ahead(Math.max(0, Math.round(t.ahead)));
  const wait = waitText(t);
  const both = spread(ahead, wait, width);
  if (both) line(both);
  else { line(ahead); line(wait); }
  const windows = t.windows.length ? t.windows : [L.watch];
  wrapItems(L.windows, windows, L.sep, width).forEach((l) => line(l));
  rule();

  raw(cmd.align('center'));
  raw(cmd.qrCode(t.trackUrl, { moduleSize: opts.qrModuleSize ?? (width >= 48 ? 6 : 5), ecc: 'M' }));
  line(L.scan);
  line();
  // A one-line notice stays centred; a paragraph reads better from the left edge.
  const notice = t.notice ? wrap(t.notice, width) : [];
  if (notice.length > 1) raw(cmd.align('left'));
  notice.forEach((l) => line(l));
  raw(cmd.align('left'), cmd.feed(2), cmd.cut());
  return Buffer.concat(out);
}

/** The same ticket as plain text, read back from the bytes so it shows what the printer gets. */
export function renderTicketText(t: TicketPrint, opts: LayoutOptions): string {
  return opsToText(decode(renderTicket(t, opts), { encoding: opts.encoding }), opts.width);
}
