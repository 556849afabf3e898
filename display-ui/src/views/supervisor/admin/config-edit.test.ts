import { describe, expect, it } from 'vitest';
import { checkDraft, countChanges, freePrefix, newWindow, previewAnnouncement, problemAt, problemsUnder, removeService, setHome, toggleSkill } from './config-edit.ts';
import type { HallConf } from './types.ts';

const texts = { required: '必填', badId: 'id', badPrefix: 'prefix', badTime: 'time', duplicate: 'dup' };
const hall = (): HallConf => ({
  hall: { name: '中心', timezone: 'Asia/Shanghai', hours: [{ days: ['mon'], open: '09:00', close: '17:00' }], dailyReset: '04:00' },
  services: [{ id: 'biz', name: '企业开办', prefix: 'A', targetWaitSec: 1200 }, { id: 'tax', name: '税务', prefix: 'B', targetWaitSec: 900 }],
  windows: [{ id: 'W01', name: '1号', skills: ['biz', 'tax'] }],
  kiosks: [{ id: 'K1', name: '取号机', services: ['biz', 'tax'] }],
  announcement: { template: '请{number}号到{window}办理' },
});

describe('the configuration draft', () => {
  it('finds problems by the same paths the server uses', () => {
    const c = hall();
    c.services[1].prefix = 'A';
    c.services.push({ id: 'bad id', name: '', prefix: 'c', targetWaitSec: 0 });
    c.windows[0].skills = [];
    c.hall.hours[0].close = '25:00';
    const p = checkDraft(c, texts);
    expect(p.map((x) => `${x.path}: ${x.message}`)).toEqual([
      'services[2].id: id', 'services[2].name: 必填', 'services[2].prefix: prefix', 'services[2].targetWaitSec: 必填',
      'services[1].prefix: dup', 'windows[0].skills: 必填', 'hall.hours[0].close: time',
    ]);
    expect(problemAt(p, 'services[1].prefix')).toBe('dup');
    expect(problemsUnder(p, 'services[2]')).toHaveLength(4);
    expect(checkDraft(hall(), texts)).toEqual([]);
  });

  it('edits skills with the home service first, and removes a service everywhere', () => {
    const c = hall();
    const w = c.windows[0];
    setHome(w, 'tax');
    expect(w.skills).toEqual(['tax', 'biz']);
    toggleSkill(w, 'biz');
    toggleSkill(w, 'biz');
    expect(w.skills).toEqual(['tax', 'biz']);
    removeService(c, 1);
    expect([c.services.map((s) => s.id), w.skills, c.kiosks![0].services]).toEqual([['biz'], ['biz'], ['biz']]);
    expect(newWindow(c)).toEqual({ id: 'W02', name: '', skills: ['biz'] });
    expect(freePrefix(['A', 'B'])).toBe('C');
  });

  it('counts changes and previews the announcement', () => {
    const a = hall();
    const b = hall();
    b.services[0].targetWaitSec = 900;
    b.hall.holidays = ['2027-01-01'];
    expect(countChanges(a, b)).toBe(2);
    expect(previewAnnouncement('请{number}号到{window}办理', 'A012', '3号窗口')).toBe('请A012号到3号窗口办理');
  });
});
