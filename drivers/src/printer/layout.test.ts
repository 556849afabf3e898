import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { columns } from './columns.ts';
import { decode, type EscPosOp } from './decode.ts';
import { formatLocalTime, renderTicket, renderTicketText } from './layout.ts';
import { largestText } from './ops-text.ts';
import { sampleTicket } from './sample.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const texts = (ops: EscPosOp[]) => ops.flatMap((o) => (o.op === 'text' ? [o.text] : []));

/** Columns each printed line takes, from the decoded ops (scale included). */
function lineWidths(ops: EscPosOp[]): number[] {
  const widths: number[] = [];
  let scale = 1;
  let used = 0;
  for (const o of ops) {
    if (o.op === 'size') scale = o.width;
    if (o.op === 'text') used += columns(o.text) * scale;
    if (o.op === 'newline') { widths.push(used); used = 0; }
  }
  return widths;
}

describe('renderTicket', () => {
  const bytes = renderTicket(sampleTicket(), { width: 48 });
  const ops = decode(bytes);

  it('starts with ESC @ and ends with a feed-and-cut GS V', () => {
    expect(bytes.subarray(0, 2)).toEqual(hex('1b40'));
    expect(bytes.subarray(-4)).toEqual(hex('1d564100'));
    expect(ops.at(-1)).toEqual({ op: 'cut', partial: false });
  });

  it('prints the number at double size or more, larger than anything else', () => {
    const i = ops.findIndex((o) => o.op === 'text' && o.text === 'A012');
    const size = ops.slice(0, i).reverse().find((o) => o.op === 'size');
    expect(size).toMatchObject({ op: 'size' });
    if (size?.op !== 'size') throw new Error('no size before the number');
    expect(size.width).toBeGreaterThanOrEqual(2);
    expect(size.height).toBeGreaterThanOrEqual(2);
    expect(largestText(ops)).toBe('A012');
  });

  it('encodes Chinese as GB18030', () => {
    expect(bytes.includes(iconv.encode('不动产登记', 'gb18030'))).toBe(true);
    expect(bytes.includes(Buffer.from('不动产登记', 'utf8'))).toBe(false);
    expect(texts(ops)).toContain('不动产登记');
    expect(texts(ops)).toContain('长安区政务服务中心');
  });

  it('sends the QR code as Epson GS ( k: model 2, error level M, the URL as data, print', () => {
    expect(bytes.includes(hex('1d 28 6b 04 00 31 41 32 00'))).toBe(true); // model 2
    expect(bytes.includes(hex('1d 28 6b 03 00 31 45 31'))).toBe(true); // error correction M
    expect(bytes.includes(hex('1d 28 6b 03 00 31 51 30'))).toBe(true); // print
    const url = 'https://q.example.gov.cn/t/20261123-A012';
    const store = Buffer.concat([hex('1d 28 6b'), Buffer.from([url.length + 3, 0]), hex('31 50 30'), Buffer.from(url)]);
    expect(bytes.includes(store)).toBe(true);
    expect(bytes.includes(hex('1d 5a'))).toBe(false); // not node-escpos' GS Z
    expect(ops.filter((o) => o.op === 'qr')).toEqual([{ op: 'qr', model: 2, moduleSize: 6, ecc: 'M', data: url }]);
  });

  it('prints the hall clock time, people ahead, the wait and the windows', () => {
    const all = texts(ops).join('\n');
    expect(all).toContain('2026-11-23 09:15');
    expect(all).toMatch(/前面还有 3 人/);
    expect(all).toMatch(/预计等候 约 15 分钟/);
    expect(all).toContain('5号不动产窗口、6号不动产窗口');
  });

  it('prints a range where the estimate is uncertain, and "暂无窗口办理" when no open window can serve the ticket', () => {
    const text = (t: Parameters<typeof sampleTicket>[0]) => texts(decode(renderTicket(sampleTicket(t), { width: 48 }))).join('\n');
    expect(text({ estimatedWaitMin: 20, estimatedWaitRangeMin: [15, 25] })).toMatch(/预计等候 约 15-25 分钟/);
    const none = text({ estimatedWaitMin: 0, noWindow: true });
    expect(none).toContain('暂无窗口办理');
    expect(none).not.toMatch(/预计等候/);
    // A range that rounds to one figure reads as that figure.
    expect(text({ estimatedWaitMin: 3, estimatedWaitRangeMin: [3, 3.2] })).toMatch(/预计等候 约 3 分钟/);
  });

  it('keeps every line within the paper width, 58 mm included', () => {
    const long = sampleTicket({ windows: ['1号综合窗口', '2号综合窗口', '3号综合窗口', '12号企业服务专窗'],
      serviceName: '社会保障卡补换领', notice: '请携带本人身份证原件，过号请重新取号。'.repeat(3) });
    for (const width of [32, 48]) {
      const widths = lineWidths(decode(renderTicket(long, { width })));
      expect(widths.length).toBeGreaterThan(10);
      expect(Math.max(...widths)).toBeLessThanOrEqual(width);
    }
  });

  it('marks green-channel tickets and appointments', () => {
    const t = texts(decode(renderTicket(sampleTicket({ priority: 'green', appointment: 'YY-0042' }), { width: 48 })));
    expect(t.join()).toContain('绿色通道');
    expect(t.join()).toContain('YY-0042');
    expect(texts(ops).join()).not.toContain('绿色通道');
  });

  it('prints every label in English for a visitor who chose English, within the width', () => {
    const en = sampleTicket({ lang: 'en', hallName: 'Chang\'an District Government Service Centre', serviceName: 'Real estate registration',
      windows: ['Window 5', 'Window 6'], notice: 'Watch the screens.', priority: 'green' });
    const ops = decode(renderTicket(en, { width: 32 }));
    const all = texts(ops).join('\n');
    for (const s of ['Your number', '3 ahead of you', 'Wait about 15 min', 'Windows: Window 5, Window 6', 'Scan to follow your place', 'Green channel']) expect(all).toContain(s);
    expect(all).not.toMatch(/[前预办扫]/);
    expect(Math.max(...lineWidths(ops))).toBeLessThanOrEqual(32);
  });

  it('marks a booked visitor\'s slot and when they may be called, a real-name holder and a reprint', () => {
    const zh = texts(decode(renderTicket(sampleTicket({ booking: { slot: '09:00', callFrom: '08:55' }, holder: '张*', reprint: true }), { width: 48 }))).join('\n');
    expect(zh).toContain('【预约】09:00 时段 · 08:55 起叫号');
    expect(zh).toContain('实名 张*');
    expect(zh).toContain('您的排队号 （补打）');
    const en = texts(decode(renderTicket(sampleTicket({ lang: 'en', booking: { slot: '09:00', callFrom: '08:55' } }), { width: 48 }))).join('\n');
    expect(en).toContain('[Booked] 09:00 slot, called from 08:55');
  });

  it('refuses a QR URL that is not ASCII', () => {
    expect(() => renderTicket(sampleTicket({ trackUrl: 'https://例子.cn/' }), { width: 48 })).toThrow(/ASCII/);
  });
});

describe('renderTicketText', () => {
  it('reads the ticket back from its bytes', () => {
    const text = renderTicketText(sampleTicket(), { width: 32 });
    expect(text).toContain('A   0   1   2');
    expect(text).toContain('前面还有 3 人');
    expect(text).toContain('[QR https://q.example.gov.cn/t/20261123-A012]');
    expect(text.trimEnd().endsWith('cut')).toBe(true);
  });
});

describe('formatLocalTime', () => {
  it('uses the hall zone, not the machine zone', () => {
    expect(formatLocalTime(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-23 00:30');
    expect(formatLocalTime('2026-11-22T16:30:00Z', 'UTC')).toBe('2026-11-22 16:30');
  });
});
