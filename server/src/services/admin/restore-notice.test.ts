import { describe, expect, it } from 'vitest';
import { restoreAlert, type RestoreNotice } from './restore-notice.ts';

const base: RestoreNotice = { at: 1, backup: 'onewindow-2026-11-23.db', day: '2026-11-23', tokensRevoked: false, centre: null };

describe('what the supervisors are told after a restore', () => {
  it('names what the centre gave back, and the numbers still in the hall', () => {
    const taken = { events: 12, fromSeq: 40, toSeq: 51, day: '2026-11-23', tickets: 9, open: ['A004', 'B002'], ratings: 1 };
    expect(restoreAlert({ ...base, centre: { taken } })).toEqual({
      level: 'warning',
      message: '数据已从备份 onewindow-2026-11-23.db 恢复（营业日 2026-11-23），并从区中心取回备份之后的 12 条记录，排队与窗口已复原，仍在等候或在窗口的号：A004 B002；评价留言、联系电话未能取回',
    });
  });

  it('says which numbers to call from their slips when it knows them, that there are none, or that it cannot know', () => {
    expect(restoreAlert({ ...base, afterBackup: ['A004–A008', 'B003'] })).toEqual({
      level: 'critical', message: '数据已从备份 onewindow-2026-11-23.db 恢复（营业日 2026-11-23）：备份之后取的号 A004–A008、B003 不在队列中，请按票根叫号',
    });
    expect(restoreAlert({ ...base, afterBackup: [] }).level).toBe('warning');
    expect(restoreAlert({ ...base, afterBackup: [] }).message).toContain('备份之后没有取过新号');
    const unknown = restoreAlert({ ...base, tokensRevoked: true, centre: { failed: 'no answer from the centre in 10 s' } });
    expect(unknown.level).toBe('critical');
    expect(unknown.message).toBe('数据已从备份 onewindow-2026-11-23.db 恢复（营业日 2026-11-23）：备份之后取的号（如有）不在队列中，请按票根叫号（未能从区中心取回：no answer from the centre in 10 s）；所有登录和设备配对已收回，请重新登录、设备重新配对');
  });
});
