import { describe, expect, it } from 'vitest';
import { apply, commands, createHallState, type HallModel } from '../../engine/index.ts';
import { removedInUse } from './in-use.ts';
import type { HallConfig } from '@onewindow/config';

const model: HallModel = {
  services: [{ id: 'biz', name: '企业', prefix: 'A', targetWaitSec: 900 }, { id: 'tax', name: '税务', prefix: 'B', targetWaitSec: 900 }],
  windows: [{ id: 'W01', name: '1', skills: ['biz', 'tax'] }, { id: 'W02', name: '2', skills: ['tax'] }],
  greenStreakCap: 2, appointmentLeadSec: 300,
};
const config = (services: string[], windows: string[]) => ({
  services: services.map((id) => ({ id })), windows: windows.map((id) => ({ id })),
}) as unknown as HallConfig;

describe('removedInUse', () => {
  it('refuses to remove a service with waiting tickets or a staffed window, and allows idle ones', () => {
    // Given a biz ticket waiting and W01 staffed
    const s = createHallState(model, '2026-11-23', 0);
    let n = 0;
    const ctx = { now: 1, newId: () => `t${++n}`, newToken: () => 'tok' };
    for (const e of commands.issueTicket(s, { serviceId: 'biz', channel: 'kiosk' }, ctx)) apply(s, e);
    for (const e of commands.signIn(s, 'W01', 'c1', 2)) apply(s, e);
    // Then removing biz or W01 is refused, removing tax or W02 is fine
    expect(removedInUse(s, config(['tax'], ['W01', 'W02'])).map((p) => p.path)).toEqual(['services[biz]']);
    expect(removedInUse(s, config(['biz', 'tax'], ['W02'])).map((p) => p.path)).toEqual(['windows[W01]']);
    expect(removedInUse(s, config(['biz'], ['W01']))).toEqual([]);
  });
});
