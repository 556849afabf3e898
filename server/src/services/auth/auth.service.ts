import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { DeviceKind, DeviceView, Role, UserView } from '@onewindow/protocol';
import type { AuthRepository, DeviceRow, UserRow } from '../../repositories/auth.repository.ts';
import { AppError } from '../app-error.ts';
import type { Clock } from '../clock.ts';
import { PASSWORD_RULE, passwordProblems } from './password-policy.ts';
import type { Revocations } from './revocations.ts';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const SESSION_MS = 16 * 3600_000;

export type Principal =
  | {
    kind: 'user'; id: string; username: string; name: string; role: Role; windows: string[] | null; tokenHash: string;
    /** When the session ends (a socket open with it is closed then). */
    expiresAt?: number;
    /** Only /api/auth answers until the user has set a password of their own. */
    mustChangePassword?: boolean;
  }
  | { kind: 'device'; id: string; deviceKind: DeviceKind; name: string; windowId: string | null; kioskId: string | null; tokenHash: string };

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, salt, key] = stored.split('$');
  if (alg !== 'scrypt') return false;
  const expected = Buffer.from(key, 'base64');
  const got = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { ...SCRYPT, N: Number(n) });
  return timingSafeEqual(expected, got);
}

// Compared against when the user does not exist, so that timing does not reveal usernames.
const DUMMY_HASH = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export const userView = (u: UserRow): UserView => ({
  id: u.id, username: u.username, name: u.name, role: u.role, disabled: u.disabled, ...(u.mustChangePassword ? { mustChangePassword: true } : {}),
});

/** Refuses a password below the hall's minimum (password-policy.ts): 422 WEAK_PASSWORD with what is wrong. */
export function checkPassword(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) throw new AppError(422, 'WEAK_PASSWORD', `the password is too weak: ${PASSWORD_RULE}`, { problems });
}

/** What the hall does when its first admin has chosen their own password: forget the generated one (initial-admin.ts). */
export interface AuthHooks { initialPasswordReplaced?(): void }
export const deviceView = (d: DeviceRow): DeviceView => ({
  id: d.id, kind: d.kind, name: d.name, windowId: d.windowId, kioskId: d.kioskId,
  paired: d.pairedAt !== null && d.revokedAt === null, revoked: d.revokedAt !== null,
});

/** What authentication asks of the hall: whether a window exists, and where a clerk is signed in. */
export interface WindowLookup {
  exists(windowId: string): boolean;
  ofClerk(userId: string): string | null;
}

/**
 * People sign in with passwords (devices pair once with a code: device.service.ts); both end up
 * with a bearer token, checked here at every request. Taking a token back is announced on
 * `revocations`, so live connections holding it are closed too.
 */
export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly clock: Clock,
    private readonly windows: WindowLookup,
    private readonly revocations: Revocations,
    private readonly hooks: AuthHooks = {},
  ) {}

  async login(username: string, password: string): Promise<{ token: string; user: UserView }> {
    const u = this.repo.userByName(username);
    const ok = await verifyPassword(password, u?.passwordHash ?? DUMMY_HASH);
    if (!u || !ok) throw new AppError(401, 'BAD_CREDENTIALS', 'wrong username or password');
    if (u.disabled) throw new AppError(403, 'USER_DISABLED', 'this account is disabled');
    const token = newToken();
    const now = this.clock.now();
    this.repo.insertSession(sha256(token), u.id, now, now + SESSION_MS);
    return { token, user: userView(u) };
  }

  /**
   * A person sets their own password, proving the current one: the policy applies, every other
   * session of theirs ends (this one goes on), and a first password that had to be replaced is
   * forgotten (its file in the data folder is removed).
   */
  async changeOwnPassword(p: Principal, current: string, next: string): Promise<UserView> {
    if (p.kind !== 'user') throw new AppError(403, 'FORBIDDEN', 'devices have no password');
    const u = this.repo.userById(p.id);
    if (!u || !(await verifyPassword(current, u.passwordHash))) throw new AppError(401, 'BAD_CREDENTIALS', 'the current password is wrong');
    checkPassword(next, u.username);
    if (await verifyPassword(next, u.passwordHash)) throw new AppError(422, 'WEAK_PASSWORD', 'the new password is the current one', { problems: ['SAME_AS_CURRENT'] });
    const row: UserRow = { ...u, passwordHash: await hashPassword(next), mustChangePassword: false };
    this.repo.updateUser(row);
    this.repo.revokeUserSessions(u.id, this.clock.now(), p.tokenHash);
    this.revocations.announce({ userId: u.id, except: p.tokenHash });
    if (u.mustChangePassword) this.hooks.initialPasswordReplaced?.();
    return userView(row);
  }

  logout(p: Principal): void {
    if (p.kind === 'user') this.repo.revokeSession(p.tokenHash, this.clock.now());
    this.revocations.announce({ tokenHash: p.tokenHash });
  }

  /** Closes the connections whose sessions have ended by now (the periodic job; the HTTP side checks at each request). */
  expireDue(): void {
    this.revocations.announce({ expiredBy: this.clock.now() });
  }

  /** Signs a user out everywhere (a lost terminal, a clerk who left). */
  revokeAll(userId: string): number {
    const n = this.repo.revokeUserSessions(userId, this.clock.now());
    this.revocations.announce({ userId });
    return n;
  }

  /** Who a token belongs to, and the window a clerk is signed in at. */
  me(p: Principal) {
    if (p.kind === 'user') {
      return {
        kind: 'user' as const,
        user: { id: p.id, username: p.username, name: p.name, role: p.role, disabled: false, ...(p.mustChangePassword ? { mustChangePassword: true } : {}) },
        windowId: this.windows.ofClerk(p.id), windows: p.windows,
      };
    }
    const d = this.repo.deviceById(p.id);
    if (!d) throw new AppError(401, 'UNAUTHORIZED', 'a valid bearer token is required');
    return { kind: 'device' as const, device: deviceView(d), windowId: p.windowId, windows: null };
  }

  authenticate(token: string | undefined): Principal | null {
    if (!token || token.length > 200) return null;
    const h = sha256(token);
    const session = this.repo.sessionUser(h, this.clock.now());
    if (session) {
      const u = session.user;
      return {
        kind: 'user', id: u.id, username: u.username, name: u.name, role: u.role, windows: u.windows, tokenHash: h,
        expiresAt: session.expiresAt, ...(u.mustChangePassword ? { mustChangePassword: true } : {}),
      };
    }
    const d = this.repo.deviceByToken(h);
    if (d) return { kind: 'device', id: d.id, deviceKind: d.kind, name: d.name, windowId: d.windowId, kioskId: d.kioskId, tokenHash: h };
    return null;
  }

  /** `mustChangePassword`: a generated or weak first password, to be replaced at the first sign-in (initial-admin.ts). */
  async createUser(input: { username: string; password: string; name: string; role: Role; windows?: string[] | null }, opts: { mustChangePassword?: boolean } = {}): Promise<UserView> {
    for (const w of input.windows ?? []) if (!this.windows.exists(w)) throw new AppError(422, 'UNKNOWN_WINDOW', `no window ${w}`);
    if (this.repo.userByName(input.username)) throw new AppError(409, 'USERNAME_TAKEN', `user ${input.username} exists`);
    if (!opts.mustChangePassword) checkPassword(input.password, input.username);
    const row: UserRow = {
      id: randomUUID(), username: input.username, name: input.name, role: input.role,
      passwordHash: await hashPassword(input.password), windows: input.windows ?? null, disabled: false, createdAt: this.clock.now(),
      mustChangePassword: opts.mustChangePassword ?? false,
    };
    this.repo.insertUser(row);
    return userView(row);
  }

  async updateUser(id: string, patch: { name?: string; role?: Role; password?: string; disabled?: boolean; windows?: string[] | null }): Promise<UserView> {
    const u = this.repo.userById(id);
    if (!u) throw new AppError(404, 'UNKNOWN_USER', `no user ${id}`);
    if (patch.password) checkPassword(patch.password, u.username);
    // Nobody could configure the hall again: the last enabled admin stays an enabled admin.
    const losesAdmin = u.role === 'admin' && !u.disabled && (patch.disabled === true || (patch.role !== undefined && patch.role !== 'admin'));
    if (losesAdmin && this.repo.countActiveAdmins() <= 1) {
      throw new AppError(409, 'LAST_ADMIN', 'this is the last enabled admin: make another admin first');
    }
    const next: UserRow = {
      ...u, name: patch.name ?? u.name, role: patch.role ?? u.role, disabled: patch.disabled ?? u.disabled,
      windows: patch.windows === undefined ? u.windows : patch.windows,
      passwordHash: patch.password ? await hashPassword(patch.password) : u.passwordHash,
    };
    this.repo.updateUser(next);
    if (next.disabled || patch.password) this.repo.revokeUserSessions(id, this.clock.now());
    // A new role changes what the user's open connections may see: they reconnect.
    if (next.disabled || patch.password || patch.role) this.revocations.announce({ userId: id });
    return userView(next);
  }

  /** A user as a principal acting in their own name (a keypad key acts as the clerk signed in); null if unknown or disabled. */
  principalOf(userId: string): Principal | null {
    const u = this.repo.userById(userId);
    return u && !u.disabled && !u.mustChangePassword ? { kind: 'user', id: u.id, username: u.username, name: u.name, role: u.role, windows: u.windows, tokenHash: '' } : null;
  }

  users(): UserView[] { return this.repo.users().map(userView); }
  userName(id: string): string { return this.repo.userById(id)?.name ?? id; }
  hasUsers(): boolean { return this.repo.countUsers() > 0; }

}
