import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';
import type { DeviceKind, Role } from '@onewindow/protocol';

export interface UserRow {
  id: string; username: string; name: string; role: Role; passwordHash: string;
  windows: string[] | null; disabled: boolean; createdAt: number;
  /** Set on a generated first password: the user must choose their own at the next sign-in. */
  mustChangePassword: boolean;
}
export interface DeviceRow {
  id: string; kind: DeviceKind; name: string; windowId: string | null; kioskId: string | null;
  pairingCodeHash: string | null; codeExpiresAt: number | null; tokenHash: string | null;
  pairedAt: number | null; revokedAt: number | null; createdAt: number;
}

const toUser = (r: any): UserRow => ({
  id: r.id, username: r.username, name: r.name, role: r.role, passwordHash: r.password_hash,
  windows: r.windows ? JSON.parse(r.windows) : null, disabled: !!r.disabled, createdAt: r.created_at,
  mustChangePassword: !!r.must_change_password,
});
const toDevice = (r: any): DeviceRow => ({
  id: r.id, kind: r.kind, name: r.name, windowId: r.window_id, kioskId: r.kiosk_id,
  pairingCodeHash: r.pairing_code_hash, codeExpiresAt: r.code_expires_at, tokenHash: r.token_hash,
  pairedAt: r.paired_at, revokedAt: r.revoked_at, createdAt: r.created_at,
});

/** At most this many reads are kept (a flood of made-up tokens must not grow memory). */
const MAX_KEPT = 10_000;

/** Users, their sessions and paired devices. Tokens are stored only as SHA-256 hashes. */
export class AuthRepository {
  /** Statements are prepared once: authentication runs on every request. */
  private readonly statements = new Map<string, Statement>();
  /**
   * Every request authenticates and every window's view names its clerk, so these reads are kept
   * in memory. Any write here forgets them all: a sign-out, an unpairing or a disabled user holds
   * at the next request. A write inside an open transaction (the hall's group commit) may still be
   * rolled back, so nothing is kept until that transaction has ended, and all is forgotten then.
   */
  private readonly kept = new Map<string, unknown>();
  private unsettled = false;
  constructor(private readonly db: Db) {}

  private keep<T>(key: string, read: () => T): T {
    if (this.unsettled) {
      if (this.db.inTransaction) return read();
      this.unsettled = false;
      this.kept.clear();
    }
    if (this.kept.has(key)) return this.kept.get(key) as T;
    const value = read();
    if (this.kept.size >= MAX_KEPT) this.kept.clear();
    this.kept.set(key, value);
    return value;
  }

  private wrote(): void {
    this.kept.clear();
    if (this.db.inTransaction) this.unsettled = true;
  }

  private sql(text: string): Statement {
    let st = this.statements.get(text);
    if (!st) this.statements.set(text, (st = this.db.prepare(text)));
    return st;
  }

  userByName(username: string): UserRow | null {
    const r = this.sql('SELECT * FROM users WHERE username = ?').get(username);
    return r ? toUser(r) : null;
  }
  userById(id: string): UserRow | null {
    return this.keep(`user:${id}`, () => {
      const r = this.sql('SELECT * FROM users WHERE id = ?').get(id);
      return r ? toUser(r) : null;
    });
  }
  users(): UserRow[] {
    return this.sql('SELECT * FROM users ORDER BY username').all().map(toUser);
  }
  /** Enabled admins: the last one may not be disabled or demoted. */
  countActiveAdmins(): number {
    return (this.sql("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }).n;
  }
  countUsers(): number {
    return (this.sql('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }
  insertUser(u: UserRow): void {
    this.wrote();
    this.sql(`INSERT INTO users (id, username, name, role, password_hash, windows, disabled, created_at, must_change_password)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(u.id, u.username, u.name, u.role, u.passwordHash,
      u.windows ? JSON.stringify(u.windows) : null, u.disabled ? 1 : 0, u.createdAt, u.mustChangePassword ? 1 : 0);
  }
  updateUser(u: UserRow): void {
    this.wrote();
    this.sql('UPDATE users SET name = ?, role = ?, password_hash = ?, windows = ?, disabled = ?, must_change_password = ? WHERE id = ?')
      .run(u.name, u.role, u.passwordHash, u.windows ? JSON.stringify(u.windows) : null, u.disabled ? 1 : 0, u.mustChangePassword ? 1 : 0, u.id);
  }

  insertSession(tokenHash: string, userId: string, now: number, expiresAt: number): void {
    this.wrote();
    this.sql('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash, userId, now, expiresAt);
  }
  sessionUser(tokenHash: string, now: number): { user: UserRow; expiresAt: number } | null {
    // Kept with its expiry, which is checked at each request.
    const s = this.keep(`session:${tokenHash}`, () => {
      const r = this.sql(`SELECT u.*, s.expires_at AS session_expires_at FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ? AND s.revoked_at IS NULL AND u.disabled = 0`).get(tokenHash) as { session_expires_at: number } | undefined;
      return r ? { user: toUser(r), expiresAt: r.session_expires_at } : null;
    });
    return s && s.expiresAt > now ? s : null;
  }
  revokeSession(tokenHash: string, now: number): void {
    this.wrote();
    this.sql('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(now, tokenHash);
  }
  revokeUserSessions(userId: string, now: number, exceptTokenHash = ''): number {
    this.wrote();
    return this.sql('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND token_hash <> ?').run(now, userId, exceptTokenHash).changes;
  }


  insertDevice(d: DeviceRow): void {
    this.wrote();
    this.sql(`INSERT INTO devices (id, kind, name, window_id, kiosk_id, pairing_code_hash, code_expires_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(d.id, d.kind, d.name, d.windowId, d.kioskId, d.pairingCodeHash, d.codeExpiresAt, d.createdAt);
  }
  devices(): DeviceRow[] {
    return this.sql('SELECT * FROM devices ORDER BY created_at').all().map(toDevice);
  }
  /** Whether a device of this kind is paired and not revoked: asked on every call (is there a caller screen to speak to?). */
  anyPaired(kind: DeviceKind): boolean {
    return this.keep(`paired:${kind}`, () =>
      this.sql('SELECT 1 FROM devices WHERE kind = ? AND paired_at IS NOT NULL AND revoked_at IS NULL LIMIT 1').get(kind) !== undefined);
  }
  deviceName(id: string): string | null {
    return this.keep(`name:${id}`, () => (this.sql('SELECT name FROM devices WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? null);
  }
  deviceById(id: string): DeviceRow | null {
    const r = this.sql('SELECT * FROM devices WHERE id = ?').get(id);
    return r ? toDevice(r) : null;
  }
  deviceByCode(codeHash: string): DeviceRow | null {
    const r = this.sql('SELECT * FROM devices WHERE pairing_code_hash = ?').get(codeHash);
    return r ? toDevice(r) : null;
  }
  deviceByToken(tokenHash: string): DeviceRow | null {
    return this.keep(`device:${tokenHash}`, () => {
      const r = this.sql('SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL').get(tokenHash);
      return r ? toDevice(r) : null;
    });
  }
  /** A code pairs once: it is cleared in the same statement that stores the token. */
  pairDevice(id: string, tokenHash: string, now: number): boolean {
    this.wrote();
    return this.sql(`UPDATE devices SET token_hash = ?, paired_at = ?, pairing_code_hash = NULL, code_expires_at = NULL
      WHERE id = ? AND pairing_code_hash IS NOT NULL AND revoked_at IS NULL`).run(tokenHash, now, id).changes === 1;
  }
  updateDevice(d: Pick<DeviceRow, 'id' | 'name' | 'windowId' | 'kioskId'>): void {
    this.wrote();
    this.sql('UPDATE devices SET name = ?, window_id = ?, kiosk_id = ? WHERE id = ?').run(d.name, d.windowId, d.kioskId, d.id);
  }
  revokeDevice(id: string, now: number): boolean {
    this.wrote();
    return this.sql('UPDATE devices SET revoked_at = ?, token_hash = NULL, pairing_code_hash = NULL WHERE id = ? AND revoked_at IS NULL').run(now, id).changes === 1;
  }
  /** A fresh one-time code for an already created (or unpaired) device. */
  newCode(id: string, codeHash: string, expiresAt: number): void {
    this.wrote();
    this.sql('UPDATE devices SET pairing_code_hash = ?, code_expires_at = ?, token_hash = NULL, revoked_at = NULL, paired_at = NULL WHERE id = ?')
      .run(codeHash, expiresAt, id);
  }
}
