import { isoLocal } from '@onewindow/protocol';
import type { AuditRepository } from '../../repositories/audit.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';

export interface AuditEntry { at: string; actor: string | null; action: string; target: string | null; detail: unknown; ip: string | null }

/** The audit log: who signed in, changed users, devices or the configuration, saw a contact. */
export class AuditService {
  constructor(private readonly repo: AuditRepository, private readonly clock: Clock, private readonly timezone: () => string) {}

  record(actor: Principal | null, action: string, target: string | null, detail?: unknown, ip?: string): void {
    const who = actor ? (actor.kind === 'user' ? `user:${actor.username}` : `device:${actor.name}`) : null;
    this.repo.append(this.clock.now(), who, action, target, detail, ip ?? null);
  }

  /** The newest entries first, details parsed. */
  list(limit: number): AuditEntry[] {
    return this.repo.newest(limit).map((r) => ({
      at: isoLocal(r.at, this.timezone()), actor: r.actor, action: r.action, target: r.target,
      detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown), ip: r.ip,
    }));
  }
}
