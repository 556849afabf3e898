import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AuthService } from './auth.service.ts';
import { passwordProblems } from './password-policy.ts';

/** Where the generated first password is written, readable by the server's user only. */
export const initialPasswordFile = (dataDir: string) => join(dataDir, 'initial-admin-password');

/**
 * The first start creates `admin`: with ONEWINDOW_ADMIN_PASSWORD, or a random password written to
 * the data folder (mode 0600) and returned so the console can print it once. A generated password
 * (or a given one below the password policy) must be replaced at the first sign-in; once it is, the
 * file goes (forgetInitialPassword, called by the auth service).
 */
export async function ensureAdmin(auth: AuthService, dataDir: string, password?: string): Promise<{ created: boolean; password?: string; file?: string }> {
  if (auth.hasUsers()) return { created: false };
  const pw = password ?? randomBytes(12).toString('base64url');
  const mustChangePassword = !password || passwordProblems(password, 'admin').length > 0;
  await auth.createUser({ username: 'admin', password: pw, name: '系统管理员', role: 'admin' }, { mustChangePassword });
  if (password) return { created: true };
  const file = initialPasswordFile(dataDir);
  writeFileSync(file, pw + '\n', { mode: 0o600 });
  return { created: true, password: pw, file: existsSync(file) ? file : undefined };
}

/** The generated first password was replaced: nobody needs to read it again. */
export function forgetInitialPassword(dataDir: string): void {
  rmSync(initialPasswordFile(dataDir), { force: true });
}
