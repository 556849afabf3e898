import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AuthService } from './auth.service.ts';

/**
 * The first start creates `admin`: with ONEWINDOW_ADMIN_PASSWORD, or a random password written to
 * the data folder (mode 0600) and returned so the console can print it once.
 */
export async function ensureAdmin(auth: AuthService, dataDir: string, password?: string): Promise<{ created: boolean; password?: string; file?: string }> {
  if (auth.hasUsers()) return { created: false };
  const pw = password ?? randomBytes(12).toString('base64url');
  await auth.createUser({ username: 'admin', password: pw, name: '系统管理员', role: 'admin' });
  if (password) return { created: true };
  const file = join(dataDir, 'initial-admin-password');
  writeFileSync(file, pw + '\n', { mode: 0o600 });
  return { created: true, password: pw, file: existsSync(file) ? file : undefined };
}
