import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The centre's settings, from the environment (centre.md, "Starting"). */
export interface CentreEnv {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  adminPassword: string | undefined;
  logLevel: string;
}

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function readEnv(env: NodeJS.ProcessEnv = process.env): CentreEnv {
  return {
    port: Number(env.PORT ?? 8090),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: resolve(env.ONEWINDOW_CENTRE_DATA ?? resolve(ROOT, 'data/centre')),
    adminPassword: env.ONEWINDOW_CENTRE_ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL ?? 'warn',
  };
}
