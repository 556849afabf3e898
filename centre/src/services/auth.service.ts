import { randomUUID } from 'node:crypto';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { CentreRole, UserRecord, UserRepository } from '../repositories/user.repository.ts';
import type { HallRepository } from '../repositories/hall.repository.ts';
import { AppError } from './app-error.ts';
import { hashPassword, newSecret, sha256, verifyPassword } from './passwords.ts';

export interface Principal { userId: string; username: string; name: string; role: CentreRole; hallId: string | null }
export interface UserView { id: string; username: string; name: string; role: CentreRole; hallId: string | null; disabled: boolean }

const SESSION_MS = 12 * 3_600_000;
const view = (u: UserRecord): UserView => ({ id: u.id, username: u.username, name: u.name, role: u.role, hallId: u.hallId, disabled: u.disabled });

/** Centre users: sign-in, sessions, and the admin's user management. */
export class AuthService {
  constructor(private readonly users: UserRepository, private readonly halls: HallRepository, private readonly audit: AuditRepository) {}

  async login(username: string, password: string, ip: string | null): Promise<{ token: string; user: UserView }> {
    const u = await this.users.byUsername(username);
    const ok = u !== null && !u.disabled && (await verifyPassword(password, u.passwordHash));
    await this.audit.add({ actor: username, action: ok ? 'auth.login' : 'auth.login-failed', ip });
    if (!ok) throw new AppError(401, 'BAD_CREDENTIALS', 'wrong username or password');
    const token = newSecret(32);
    await this.users.createSession(sha256(token), u.id, new Date(Date.now() + SESSION_MS));
    return { token, user: view(u) };
  }

  async logout(token: string): Promise<void> {
    await this.users.endSession(sha256(token));
  }

  async authenticate(token: string | undefined): Promise<Principal | null> {
    if (!token) return null;
    const u = await this.users.session(sha256(token));
    return u ? { userId: u.id, username: u.username, name: u.name, role: u.role, hallId: u.hallId } : null;
  }

  async create(input: { username: string; password: string; name: string; role: CentreRole; hallId?: string | null }, by: string): Promise<UserView> {
    const hallId = input.role === 'hall-viewer' ? input.hallId ?? null : null;
    if (input.role === 'hall-viewer' && !hallId) throw new AppError(422, 'HALL_REQUIRED', 'a hall-viewer is bound to one hall: give hallId');
    if (hallId && !(await this.halls.get(hallId))) throw new AppError(422, 'UNKNOWN_HALL', `no hall ${hallId}`);
    if (await this.users.byUsername(input.username)) throw new AppError(409, 'USERNAME_TAKEN', `${input.username} exists already`);
    const u = { id: randomUUID(), username: input.username, name: input.name, role: input.role, hallId, passwordHash: await hashPassword(input.password) };
    await this.users.insert(u);
    await this.audit.add({ actor: by, action: 'user.create', target: u.username, detail: { role: u.role, hallId } });
    return view({ ...u, disabled: false });
  }

  async update(id: string, input: { name?: string; password?: string; disabled?: boolean }, by: string): Promise<UserView> {
    const u = await this.users.byId(id);
    if (!u) throw new AppError(404, 'UNKNOWN_USER', `no user ${id}`);
    await this.users.update(id, { name: input.name, disabled: input.disabled, passwordHash: input.password ? await hashPassword(input.password) : undefined });
    await this.audit.add({ actor: by, action: 'user.update', target: u.username, detail: { name: input.name, disabled: input.disabled, password: input.password ? 'changed' : undefined } });
    return view((await this.users.byId(id))!);
  }

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(view);
  }

  /** The first start creates `admin` (centre.md): with the given password, or a random one returned to be written down. */
  async ensureAdmin(password: string | undefined): Promise<{ created: boolean; password?: string }> {
    if ((await this.users.count()) > 0) return { created: false };
    const pw = password ?? newSecret(12);
    await this.users.insert({ id: randomUUID(), username: 'admin', name: '区中心管理员', role: 'admin', hallId: null, passwordHash: await hashPassword(pw) });
    return { created: true, password: password ? undefined : pw };
  }
}
