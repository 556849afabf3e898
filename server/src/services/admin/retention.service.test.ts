import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../repositories/db.ts';
import { RetentionRepository } from '../../repositories/retention.repository.ts';
import { retentionCutoff, RetentionService } from './retention.service.ts';

let dir: string;
let db: Db;
afterEach(() => { db?.close(); rmSync(dir, { recursive: true, force: true }); });

describe('personal data retention', () => {
  it('blanks names, phones and contacts older than the cutoff, and keeps the rows', () => {
    dir = mkdtempSync(join(tmpdir(), 'ow-retention-'));
    db = openDatabase(dir);
    const insert = db.prepare(`INSERT INTO evaluations (id, ticket_id, day, number, service_id, window_id, score, contact, source, at)
      VALUES (?, ?, ?, 'A001', 'biz', 'W01', 2, ?, 'pad-web', 0)`);
    insert.run('e1', 't1', '2026-08-01', '13812345678');
    insert.run('e2', 't2', '2026-11-20', '13900001111');
    const retention = new RetentionService(new RetentionRepository(db), { hall: { timezone: 'Asia/Shanghai' }, retention: { personalDataDays: 90 } } as never, () => '2026-11-23');
    const purged = retention.purge();
    expect(purged.evaluations).toBe(1);
    const rows = db.prepare('SELECT id, contact, score FROM evaluations ORDER BY id').all();
    expect(rows).toEqual([{ id: 'e1', contact: null, score: 2 }, { id: 'e2', contact: '13900001111', score: 2 }]);
    expect(retention.purge().evaluations).toBe(0);
  });

  it('computes the cutoff across months', () => {
    expect(retentionCutoff('2026-03-01', 1)).toBe('2026-02-28');
    expect(retentionCutoff('2026-11-23', 90)).toBe('2026-08-25');
  });
});
