import type { Pool } from '../store/pool.ts';

export type CentreRole = 'admin' | 'district' | 'hall-viewer';
export interface UserRecord { id: string; username: string; name: string; role: CentreRole; hallId: string | null; passwordHash: string; disabled: boolean }

const SELECT = `SELECT id, username, name, role, hall_id AS "hallId", password_hash AS "passwordHash", disabled FROM users`;

/** Centre users and their sessions (tokens stored as sha256 hashes). */
export class UserRepository {
  constructor(private readonly pool: Pool) {}

  async insert(u: Omit<UserRecord, 'disabled'>): Promise<void> {
    await this.pool.query('INSERT INTO users (id, username, name, role, hall_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)',
      [u.id, u.username, u.name, u.role, u.hallId, u.passwordHash]);
  }

  async update(id: string, u: { name?: string; passwordHash?: string; disabled?: boolean }): Promise<void> {
    await this.pool.query('UPDATE users SET name = COALESCE($2, name), password_hash = COALESCE($3, password_hash), disabled = COALESCE($4, disabled) WHERE id = $1',
      [id, u.name ?? null, u.passwordHash ?? null, u.disabled ?? null]);
    if (u.disabled || u.passwordHash) await this.pool.query('DELETE FROM sessions WHERE user_id = $1', [id]);
  }

  async byUsername(username: string): Promise<UserRecord | null> {
    return (await this.pool.query<UserRecord>(`${SELECT} WHERE lower(username) = lower($1)`, [username])).rows[0] ?? null;
  }

  async byId(id: string): Promise<UserRecord | null> {
    return (await this.pool.query<UserRecord>(`${SELECT} WHERE id = $1`, [id])).rows[0] ?? null;
  }

  async list(): Promise<UserRecord[]> {
    return (await this.pool.query<UserRecord>(`${SELECT} ORDER BY username`)).rows;
  }

  async count(): Promise<number> {
    return (await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0].n;
  }

  async createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.pool.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [tokenHash, userId, expiresAt]);
  }

  async session(tokenHash: string): Promise<UserRecord | null> {
    return (await this.pool.query<UserRecord>(`${SELECT} WHERE NOT disabled AND id = (SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > now())`, [tokenHash])).rows[0] ?? null;
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }
}
