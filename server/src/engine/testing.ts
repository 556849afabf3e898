import type { EngineContext } from './commands.ts';
import type { HallModel } from './types.ts';

/** A small hall and a deterministic context for engine tests and the simulator. */
export function sequentialContext(start = 0): EngineContext & { advance(ms: number): void } {
  let n = 0;
  const ctx = {
    now: start,
    newId: () => `t${String(++n).padStart(5, '0')}`,
    newToken: () => `tok${n}`,
    advance(ms: number) {
      ctx.now += ms;
    },
  };
  return ctx;
}

export const smallHall: HallModel = {
  services: [
    { id: 'biz', name: '企业开办', prefix: 'A', targetWaitSec: 900 },
    { id: 'tax', name: '税务办理', prefix: 'B', targetWaitSec: 900 },
    { id: 'rare', name: '公积金', prefix: 'G', targetWaitSec: 900 },
  ],
  windows: [
    { id: 'W01', name: '1号窗口', skills: ['biz', 'tax'] },
    { id: 'W02', name: '2号窗口', skills: ['tax', 'biz', 'rare'] },
  ],
  greenStreakCap: 2,
  appointmentLeadSec: 300,
};
