// A believable ticket for tests, the preview image and demos (not part of the public API).
import type { TicketPrint } from './layout.ts';

export function sampleTicket(over: Partial<TicketPrint> = {}): TicketPrint {
  return {
    hallName: '长安区政务服务中心',
    number: 'A012',
    serviceName: '不动产登记',
    issuedAt: '2026-11-23T01:15:30.000Z', // 09:15 in Asia/Shanghai
    timezone: 'Asia/Shanghai',
    ahead: 3,
    estimatedWaitMin: 15,
    windows: ['5号不动产窗口', '6号不动产窗口'],
    trackUrl: 'https://q.example.gov.cn/t/20261123-A012',
    notice: '请留意叫号屏幕和语音提示，过号请重新取号。本票当日有效。',
    ...over,
  };
}
