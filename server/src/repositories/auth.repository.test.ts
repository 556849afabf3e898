import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './db.ts';
import { AuthRepository, type DeviceRow, type UserRow } from './auth.repository.ts';

const HOUR = 3600_000;
const user = (id: string): UserRow => ({ id, username: id, name: `职员${id}`, role: 'clerk', passwordHash: 'x', windows: null, disabled: false, createdAt: 0, mustChangePassword: false });
const device = (id: string): DeviceRow => ({
  id, kind: 'kiosk', name: id, windowId: null, kioskId: 'K1', pairingCodeHash: `code-${id}`, codeExpiresAt: HOUR,
  tokenHash: null, pairedAt: null, revokedAt: null, createdAt: 0,
});

let dir: string;
let db: Db;
let repo: AuthRepository;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ow-auth-'));
  db = openDatabase(dir);
  repo = new AuthRepository(db);
  repo.insertUser(user('u1'));
  repo.insertSession('t1', 'u1', 0, HOUR);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the reads kept in memory (every request authenticates)', () => {
  it('keeps a session once read: a change made behind its back is not read again', () => {
    expect(repo.sessionUser('t1', 1)?.user.id).toBe('u1');
    db.prepare('UPDATE users SET name = ? WHERE id = ?').run('changed outside', 'u1');
    expect(repo.sessionUser('t1', 1)?.user.name).toBe('职员u1');
    expect(repo.userById('u1')?.name).toBe('changed outside');
    expect(repo.userById('u1')?.name).toBe('changed outside');
  });

  it('forgets everything at a write through it: sign-out, signing out everywhere, disabling a user', () => {
    expect(repo.sessionUser('t1', 1)?.user.id).toBe('u1');
    repo.revokeSession('t1', 2);
    expect(repo.sessionUser('t1', 3)).toBeNull();

    repo.insertSession('t2', 'u1', 0, HOUR);
    expect(repo.sessionUser('t2', 1)?.user.id).toBe('u1');
    expect(repo.revokeUserSessions('u1', 2)).toBe(1);
    expect(repo.sessionUser('t2', 3)).toBeNull();

    repo.insertSession('t3', 'u1', 0, HOUR);
    expect(repo.sessionUser('t3', 1)?.user.id).toBe('u1');
    expect(repo.userById('u1')?.disabled).toBe(false);
    repo.updateUser({ ...user('u1'), disabled: true });
    expect(repo.sessionUser('t3', 2)).toBeNull();
    expect(repo.userById('u1')?.disabled).toBe(true);
  });

  it('keeps whether a caller screen is paired, and a device\'s name, until a device is paired, revoked, re-coded or renamed', () => {
    const screen = { ...device('s1'), kind: 'display' as const, kioskId: null };
    repo.insertDevice(screen);
    expect(repo.anyPaired('display')).toBe(false);
    expect(repo.pairDevice('s1', 'tok-s1', 1)).toBe(true);
    expect(repo.anyPaired('display')).toBe(true);
    expect(repo.anyPaired('pad')).toBe(false);
    expect(repo.deviceName('s1')).toBe('s1');
    repo.updateDevice({ id: 's1', name: '大厅屏', windowId: null, kioskId: null });
    expect(repo.deviceName('s1')).toBe('大厅屏');
    repo.newCode('s1', 'code-again', HOUR);
    expect(repo.anyPaired('display')).toBe(false);
    expect(repo.pairDevice('s1', 'tok-s1b', 2)).toBe(true);
    expect(repo.anyPaired('display')).toBe(true);
    expect(repo.revokeDevice('s1', 3)).toBe(true);
    expect(repo.anyPaired('display')).toBe(false);
    expect(repo.deviceName('nobody')).toBeNull();
  });

  it('checks a kept session\'s expiry at each read', () => {
    expect(repo.sessionUser('t1', HOUR - 1)?.user.id).toBe('u1');
    expect(repo.sessionUser('t1', HOUR)).toBeNull();
  });

  it('forgets an unpaired device, and sees a device paired after a miss was kept', () => {
    repo.insertDevice(device('d1'));
    expect(repo.deviceByToken('dt1')).toBeNull();
    expect(repo.pairDevice('d1', 'dt1', 1)).toBe(true);
    expect(repo.deviceByToken('dt1')?.id).toBe('d1');
    expect(repo.revokeDevice('d1', 2)).toBe(true);
    expect(repo.deviceByToken('dt1')).toBeNull();
  });

  it('keeps nothing a rolled-back transaction wrote (a group commit the disk refused)', () => {
    db.exec('BEGIN IMMEDIATE');
    repo.insertSession('t-lost', 'u1', 0, HOUR);
    expect(repo.sessionUser('t-lost', 1)?.user.id).toBe('u1');
    expect(repo.sessionUser('t1', 1)?.user.id).toBe('u1');
    db.exec('ROLLBACK');
    expect(repo.sessionUser('t-lost', 2)).toBeNull();
    expect(repo.sessionUser('t1', 2)?.user.id).toBe('u1');
  });

  it('forgets what it kept during an open transaction once that transaction ends', () => {
    db.exec('BEGIN IMMEDIATE');
    repo.revokeSession('t1', 1);
    expect(repo.sessionUser('t1', 2)).toBeNull();
    db.exec('ROLLBACK');
    // The sign-out was rolled back with its group: the session stands again.
    expect(repo.sessionUser('t1', 3)?.user.id).toBe('u1');
  });
});
