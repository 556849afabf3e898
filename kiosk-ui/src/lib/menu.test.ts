import { describe, expect, it } from 'vitest';
import type { ServiceView, WindowView } from '@onewindow/protocol';
import { menuGroups, servingWindows } from './menu.ts';

const svc = (id: string, category?: string, windowIds: string[] = []): ServiceView => ({
  id, name: id, prefix: 'A', targetWaitSec: 600, waiting: 0, longestWaitSec: 0, estimatedWaitSec: 0, windowIds, openWindows: 0,
  ...(category ? { category } : {}),
});
const win = (id: string, open: boolean, nameEn?: string): WindowView => ({
  id, name: `${id}号窗口`, ...(nameEn ? { nameEn } : {}), skills: [], status: open ? 'open' : 'closed', phase: open ? 'idle' : 'closed',
  clerk: null, pauseReason: null, since: '', freeSince: '', currentTicket: null, servedToday: 0, held: [],
});

describe('menuGroups', () => {
  const all = [svc('biz', '企业服务'), svc('misc'), svc('prop', '个人服务'), svc('tax', '企业服务')];

  it('groups by category in configuration order, uncategorised last', () => {
    expect(menuGroups(all, null).map((g) => [g.category, g.services.map((s) => s.id)])).toEqual([
      ['企业服务', ['biz', 'tax']], ['个人服务', ['prop']], ['', ['misc']],
    ]);
  });

  it('shows only what this kiosk offers', () => {
    expect(menuGroups(all, ['tax', 'prop']).map((g) => g.services.map((s) => s.id))).toEqual([['prop'], ['tax']]);
    expect(menuGroups(all, [])).toEqual([]);
  });
});

describe('servingWindows', () => {
  it('names the windows of a service, open ones first, in the visitor\'s language', () => {
    const windows = [win('W01', false, 'Window 1'), win('W02', true, 'Window 2'), win('W03', false)];
    const s = svc('biz', undefined, ['W01', 'W02', 'W03', 'W99']);
    expect(servingWindows(s, windows, false)).toEqual([
      { name: 'W02号窗口', open: true }, { name: 'W01号窗口', open: false }, { name: 'W03号窗口', open: false },
    ]);
    expect(servingWindows(s, windows, true).map((w) => w.name)).toEqual(['Window 2', 'Window 1', 'W03号窗口']);
    expect(servingWindows(undefined, windows, false)).toEqual([]);
  });
});
