/** How far the hall server's clock is ahead of this kiosk's: the kiosk shows the hall's time. */
export function clockOffset(hallNowIso: string, receivedAt: number): number {
  const t = Date.parse(hallNowIso);
  return Number.isFinite(t) ? t - receivedAt : 0;
}

/** "10:05" and "11月23日 星期一" / "Mon 23 Nov" in the hall's time zone. */
export function hallClock(at: number, timeZone: string, locale: string): { time: string; date: string } {
  const zone = safeZone(timeZone);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const date = locale.startsWith('zh')
    ? `${new Intl.DateTimeFormat('zh-CN', { timeZone: zone, month: 'long', day: 'numeric' }).format(at)} ${new Intl.DateTimeFormat('zh-CN', { timeZone: zone, weekday: 'long' }).format(at)}`
    : new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' }).format(at);
  return { time, date };
}

function safeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return 'Asia/Shanghai';
  }
}
