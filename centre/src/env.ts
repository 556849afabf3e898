import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CENTRE_RETENTION_DAYS } from './services/retention.service.ts';

/** The centre's settings, from the environment (centre.md, "Starting"). */
export interface CentreEnv {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  adminPassword: string | undefined;
  logLevel: string;
  /** Days the centre keeps what people wrote about visitors (notes, audit details) before blanking it. */
  retentionDays: number;
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
    retentionDays: positiveInteger(env, 'ONEWINDOW_CENTRE_RETENTION_DAYS', DEFAULT_CENTRE_RETENTION_DAYS),
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[1-9]\d{0,4}$/.test(raw.trim())) throw new Error(`${name} must be a whole number of days from 1 to 99999, not "${raw}"`);
  return Number(raw);
}
