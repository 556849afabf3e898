import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { ConfigError, validateHallConfig, type HallConfig } from '@onewindow/config';
import { hallModel } from '../hall/hall-model.ts';
import type { RoutingPolicy } from '../../engine/index.ts';
import { configDiff } from './config-diff.ts';
import { removedInUse } from './in-use.ts';
import { keepBackup, readText, renderHallFile, writeAtomically, type HallFiles } from './hall-file.ts';
import { AppError } from '../app-error.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import type { HallService } from '../hall/hall.service.ts';
import type { QueueService } from '../queue/queue.service.ts';

/** What a configuration change touches in the running server; `alerts` hears a reload that was refused. */
export interface LiveConfig { hall: HallService; queue: QueueService; config: HallConfig; alerts?: AlertService }

/** What a reload from the file (SIGHUP) did: applied with these changes, or refused and why. */
export type Reload =
  | { applied: true; changes: string[]; restartRequired: string[] }
  | { applied: false; code: 'CONFIG_INVALID' | 'CONFIG_IN_USE'; message: string };

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

/** Put at the top of the data folder's copy, so an operator who finds it knows what it is. */
const SAVED_NOTE = ' Saved by the OneWindow admin console. While this file exists in the data folder, the server loads it\n'
  + ' instead of the repository\'s default config/hall.yaml (delete it to go back to the default).';

/** The hall configuration as the admin console reads and writes it (the rule of which file: hall-file.ts). */
export class AdminService {
  constructor(
    private readonly live: LiveConfig,
    /** Null when the server was given its configuration without a file: read-only. */
    private readonly files: HallFiles | null,
    private readonly clock: { now(): number },
  ) {}

  read(): { config: HallConfig; version: string; file: string | null; writable: boolean } {
    return { config: this.live.config, version: this.version(), file: this.files ? basename(this.files.write) : null, writable: this.files !== null };
  }

  /**
   * Validates (every problem by path), refuses to take away a service or window today's queue still
   * uses, writes the hall file (the document edited, comments kept; the previous version kept in the
   * data folder), then applies it live.
   */
  write(data: unknown, baseVersion?: string): ConfigChange {
    const files = this.files;
    if (!files) throw new AppError(409, 'CONFIG_NOT_WRITABLE', 'this server was started without a configuration file');
    if (baseVersion && baseVersion !== this.version()) {
      throw new AppError(409, 'CONFIG_CHANGED', 'the configuration changed since it was read: reload it and make the change again');
    }
    let next: HallConfig;
    try {
      next = validateHallConfig(structuredClone(data), basename(files.write));
    } catch (e) {
      if (e instanceof ConfigError) throw new AppError(422, 'CONFIG_INVALID', `${e.problems.length} problem(s) in the configuration`, { problems: e.problems });
      throw e;
    }
    this.refuseInUse(next);
    const { changes, restartRequired } = this.changesTo(next);
    if (changes.length === 0) return { version: this.version(), changes, restartRequired: [] };

    const source = readText(files.read);
    const previous = readText(files.write);
    const copy = resolve(files.read) !== resolve(files.write);
    if (previous !== null) keepBackup(files.backups, files.write, previous, new Date(this.clock.now()));
    writeAtomically(files.write, renderHallFile(files.write, source, next, copy ? SAVED_NOTE : undefined));
    files.read = files.write;
    try {
      applyConfig(this.live, next, 'admin console');
    } catch (e) {
      // The file and the running hall must not disagree: put the old file back.
      if (previous !== null) writeAtomically(files.write, previous);
      throw e;
    }
    return { version: this.version(), changes, restartRequired };
  }

  /**
   * `kill -HUP` (systemctl reload): the hall file read again and held to the console's rules, the
   * same check in the same place: a file that does not validate, or that takes away a service
   * tickets still wait for or a window still serving one, is refused; the hall runs on with the
   * configuration in force, and supervisors get an alert saying why (the log says it too).
   */
  reload(load: () => HallConfig, policy: RoutingPolicy = this.live.hall.policy): Reload {
    let next: HallConfig;
    try {
      next = load();
      this.refuseInUse(next);
    } catch (e) {
      const code = e instanceof AppError && e.code === 'CONFIG_IN_USE' ? 'CONFIG_IN_USE' : 'CONFIG_INVALID';
      const problems = e instanceof AppError ? (e.details as { problems: { path: string; message: string }[] }).problems : e instanceof ConfigError ? e.problems : [];
      const why = problems.length > 0 ? problems.map((p) => `${p.path}: ${p.message}`).join('; ') : (e as Error).message;
      const message = `the hall file was not applied (${code === 'CONFIG_IN_USE' ? 'it takes away what today\'s queue still uses' : 'it is not valid'}): ${why}. The hall runs on with the configuration in force.`;
      this.live.alerts?.raise('config-refused', 'critical', `配置未生效（kill -HUP）：${message}`, `config:${createHash('sha256').update(message).digest('hex').slice(0, 12)}`);
      return { applied: false, code, message };
    }
    const { changes, restartRequired } = this.changesTo(next);
    applyConfig(this.live, next, 'SIGHUP', policy);
    return { applied: true, changes, restartRequired };
  }

  /** The one "still in use" check, for the console's writes and for reloads alike. */
  private refuseInUse(next: HallConfig): void {
    const inUse = removedInUse(this.live.hall.state, next);
    if (inUse.length > 0) throw new AppError(409, 'CONFIG_IN_USE', 'the change takes away what today\'s queue still uses', { problems: inUse });
  }

  private changesTo(next: HallConfig): { changes: string[]; restartRequired: string[] } {
    return {
      changes: configDiff(this.live.config, next),
      restartRequired: RESTART_FIELDS.filter(([, get]) => get(next) !== get(this.live.config)).map(([p]) => p),
    };
  }

  private version(): string {
    const text = (this.files && readText(this.files.read)) ?? JSON.stringify(this.live.config);
    return createHash('sha256').update(text).digest('hex').slice(0, 16);
  }
}
