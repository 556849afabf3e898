import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError, validateHallConfig, type HallConfig } from '@onewindow/config';
import { isoLocal } from '@onewindow/protocol';
import { hallModel } from './hall-model.ts';
import type { RoutingPolicy } from '../engine/index.ts';
import { configDiff } from './admin/config-diff.ts';
import { removedInUse } from './admin/in-use.ts';
import { AppError } from './app-error.ts';
import type { HallService } from './hall.service.ts';
import type { QueueService } from './queue.service.ts';

/** What a configuration change touches in the running server. */
export interface LiveConfig { hall: HallService; queue: QueueService; config: HallConfig }

/**
 * Applies a validated configuration to the running hall without losing a ticket: the engine's
 * model is replaced and the day reloaded from SQLite, the shared config object is updated in place
 * (keys the new file drops are dropped), and `config.reloaded` tells every listener (screens,
 * printers) to catch up. SIGHUP and the admin console both come through here.
 */
export function applyConfig(live: LiveConfig, next: HallConfig, reason: string, policy: RoutingPolicy = live.hall.policy): void {
  live.hall.replaceModel(hallModel(next), policy);
  live.queue.setConfig(next);
  const target = live.config as Record<string, unknown>;
  for (const k of Object.keys(target)) if (!(k in next)) delete target[k];
  Object.assign(live.config, next);
  live.hall.commit([{ type: 'config.reloaded', at: live.hall.now(), reason }], 'system');
}

/** Parts of the file the running server cannot change live: they apply at the next start. */
const RESTART_FIELDS: Array<[string, (c: HallConfig) => unknown]> = [
  ['hall.timezone', (c) => c.hall.timezone],
  ['hall.dailyReset', (c) => c.hall.dailyReset],
];

export interface ConfigChange { version: string; changes: string[]; restartRequired: string[] }
type AuditRow = { at: number; actor: string | null; action: string; target: string | null; detail: string | null; ip: string | null };

/** The hall configuration as the admin console reads and writes it. */
export class AdminService {
  constructor(
    private readonly live: LiveConfig,
    private readonly configPath: string | null,
    private readonly auditLog: (limit: number) => AuditRow[],
  ) {}

  /** The audit log, newest first, with its details parsed. */
  audit(limit: number) {
    return this.auditLog(limit).map((r) => ({
      at: isoLocal(r.at, this.live.config.hall.timezone), actor: r.actor, action: r.action, target: r.target,
      detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown), ip: r.ip,
    }));
  }

  read(): { config: HallConfig; version: string; file: string | null; writable: boolean } {
    return { config: this.live.config, version: this.version(), file: this.configPath ? basename(this.configPath) : null, writable: this.configPath !== null };
  }

  /**
   * Validates (every problem by path), refuses to take away a service or window today's queue still
   * uses, writes the file atomically (temp + rename, the old one kept as `.bak`), then applies it live.
   */
  write(data: unknown, baseVersion?: string): ConfigChange {
    if (!this.configPath) throw new AppError(409, 'CONFIG_NOT_WRITABLE', 'this server was started without a configuration file');
    if (baseVersion && baseVersion !== this.version()) {
      throw new AppError(409, 'CONFIG_CHANGED', 'the configuration changed since it was read: reload it and make the change again');
    }
    let next: HallConfig;
    try {
      next = validateHallConfig(structuredClone(data), basename(this.configPath));
    } catch (e) {
      if (e instanceof ConfigError) throw new AppError(422, 'CONFIG_INVALID', `${e.problems.length} problem(s) in the configuration`, { problems: e.problems });
      throw e;
    }
    const inUse = removedInUse(this.live.hall.state, next);
    if (inUse.length > 0) throw new AppError(409, 'CONFIG_IN_USE', 'the change takes away what today\'s queue still uses', { problems: inUse });
    const changes = configDiff(this.live.config, next);
    const restartRequired = RESTART_FIELDS.filter(([, get]) => get(next) !== get(this.live.config)).map(([p]) => p);
    if (changes.length === 0) return { version: this.version(), changes, restartRequired: [] };
    const previous = existsSync(this.configPath) ? readFileSync(this.configPath, 'utf8') : null;
    writeAtomically(this.configPath, render(this.configPath, next));
    try {
      applyConfig(this.live, next, 'admin console');
    } catch (e) {
      // The file and the running hall must not disagree: put the old file back.
      if (previous !== null) writeAtomically(this.configPath, previous);
      throw e;
    }
    return { version: this.version(), changes, restartRequired };
  }

  private version(): string {
    const text = this.configPath && existsSync(this.configPath) ? readFileSync(this.configPath, 'utf8') : JSON.stringify(this.live.config);
    return createHash('sha256').update(text).digest('hex').slice(0, 16);
  }
}

function render(file: string, c: HallConfig): string {
  if (extname(file).toLowerCase() === '.json') return JSON.stringify(c, null, 2) + '\n';
  return `# OneWindow hall configuration, written by the admin console on ${new Date().toISOString()}.\n`
    + '# The previous version is kept beside it as .bak. See shared/spec/config.md.\n'
    + stringify(c, { lineWidth: 0 });
}

/** Write to a temporary file, flush it to disk, keep the old file as .bak, then rename over it. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (existsSync(file)) copyFileSync(file, `${file}.bak`);
  renameSync(tmp, file);
}
