import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../repositories/db.ts';
import { BackupRepository } from '../../repositories/backup.repository.ts';
import { BackupService } from './backup.service.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the online backup', () => {
  it('copies what is committed, never a group commit still open on the hall\'s connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-backup-'));
    dirs.push(dir);
    const db = openDatabase(dir);
    db.exec('CREATE TABLE probe (x TEXT)');
    db.prepare('INSERT INTO probe VALUES (?)').run('committed');
    // Enough pages that the copy is more than one of better-sqlite3's default steps.
    const fill = db.prepare('INSERT INTO probe VALUES (?)');
    db.transaction(() => { for (let i = 0; i < 2000; i++) fill.run(`row ${i} ${'x'.repeat(200)}`); })();
    db.exec('BEGIN IMMEDIATE');
    db.prepare('INSERT INTO probe VALUES (?)').run('open group');
    const backups = new BackupService(new BackupRepository(db), join(dir, 'backups'), () => '2026-11-23');
    const b = await backups.backup('2026-11-23');
    db.exec('ROLLBACK'); // the group's COMMIT failed
    const copy = new Database(b.file, { readonly: true });
    const rows = (copy.prepare('SELECT x FROM probe').all() as { x: string }[]).map((r) => r.x);
    copy.close();
    db.close();
    expect(rows).toContain('committed');
    expect(rows).toHaveLength(2001);
    expect(rows).not.toContain('open group');
  });
});
