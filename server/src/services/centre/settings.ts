import { readFileSync } from 'node:fs';
import type { HallConfig } from '@onewindow/config';

/** Where this hall's centre is and how to reach it: the hall file's `centre:` block, overridden by ONEWINDOW_CENTRE_*. */
export interface CentreSettings {
  url: string;
  hallId: string;
  key: string;
  followCatalogue: boolean;
  /** PEM of a private CA for an https centre. */
  ca: string | null;
  heartbeatMs: number;
  /** The link down this long raises an alert on the supervisors' wall. */
  alertAfterMs: number;
  batchSize: number;
  /** A call with no answer in this long fails (a blackholed link must not hang the shipping). */
  timeoutMs: number;
}

export function centreSettings(config: HallConfig, env: NodeJS.ProcessEnv = process.env): CentreSettings | null {
  const c = config.centre;
  const url = env.ONEWINDOW_CENTRE_URL || c?.url;
  const hallId = env.ONEWINDOW_CENTRE_HALL_ID || c?.hallId;
  const key = env.ONEWINDOW_CENTRE_KEY || c?.key;
  if (!url || !hallId || !key) return null;
  const caFile = env.ONEWINDOW_CENTRE_CA_FILE || c?.caFile;
  const follow = env.ONEWINDOW_CENTRE_FOLLOW_CATALOGUE;
  return {
    url: url.replace(/\/+$/, ''), hallId, key,
    followCatalogue: follow !== undefined ? follow === '1' || follow === 'true' : c?.followCatalogue ?? false,
    ca: caFile ? readFileSync(caFile, 'utf8') : null,
    heartbeatMs: Number(env.ONEWINDOW_CENTRE_HEARTBEAT_SEC ?? 5) * 1000,
    alertAfterMs: Number(env.ONEWINDOW_CENTRE_ALERT_AFTER_SEC ?? 600) * 1000,
    batchSize: Number(env.ONEWINDOW_CENTRE_BATCH ?? 500),
    timeoutMs: Number(env.ONEWINDOW_CENTRE_TIMEOUT_SEC ?? 10) * 1000,
  };
}
