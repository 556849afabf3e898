import { randomInt, randomUUID } from 'node:crypto';
import type { HallConfig } from '@onewindow/config';
import { isoLocal, type DeviceKind, type DeviceView } from '@onewindow/protocol';
import type { AuthRepository, DeviceRow } from '../../repositories/auth.repository.ts';
import type { DeviceStatusRepository } from '../../repositories/device-status.repository.ts';
import { AppError } from '../app-error.ts';
import { deviceView, newToken, sha256 } from '../auth/auth.service.ts';
import type { WindowLookup } from '../auth/auth.service.ts';
import type { Revocations } from '../auth/revocations.ts';
import type { Clock } from '../clock.ts';
import type { DevicePresence } from './presence.ts';

const PAIRING_MS = 24 * 3600_000;

/**
 * The hall's paired devices: kiosks, caller screens, window screens and pads, each a browser with
 * a token of its own, and the device agents that drive a computer's printer and serial line for the
 * hall (services/agents; the wired RS-485 devices are the serial devices: services/serial). The admin
 * creates one and gets a one-time code; the device pairs with it once.
 */
export class DeviceService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly clock: Clock,
    private readonly windows: WindowLookup,
    private readonly config: HallConfig,
    private readonly revocations: Revocations,
    private readonly status: DeviceStatusRepository,
    private readonly presence: DevicePresence,
  ) {}

  /**
   * A pad or window screen belongs to an existing window, a kiosk device to a kiosk of the
   * configuration. A device agent may be bound to a kiosk (it prints that kiosk's tickets), one
   * agent per kiosk; the serial devices it drives name it in the hall file instead of a window.
   */
  private checkBinding(kind: DeviceKind, windowId: string | null | undefined, kioskId: string | null | undefined, self?: string): void {
    if (kind === 'agent') {
      if (windowId) throw new AppError(422, 'AGENT_WINDOW', 'a device agent is not bound to a window: its serial devices name it in the hall file (serial: {agent: ID})');
      if (kioskId && !(this.config.kiosks ?? []).some((k) => k.id === kioskId)) {
        throw new AppError(422, 'KIOSK_REQUIRED', `no kiosk ${kioskId} in the configuration`);
      }
      const other = kioskId ? this.repo.devices().find((d) => d.kind === 'agent' && d.kioskId === kioskId && d.revokedAt === null && d.id !== self) : undefined;
      if (other) throw new AppError(409, 'AGENT_EXISTS', `kiosk ${kioskId} already has a device agent ("${other.name}"): unpair it first`);
      return;
    }
    if ((kind === 'pad' || kind === 'window-screen') && (!windowId || !this.windows.exists(windowId))) {
      throw new AppError(422, 'WINDOW_REQUIRED', `a ${kind} is bound to an existing window: give windowId`);
    }
    if (kind === 'kiosk' && (!kioskId || !(this.config.kiosks ?? []).some((k) => k.id === kioskId))) {
      throw new AppError(422, 'KIOSK_REQUIRED', 'a kiosk device is bound to a kiosk of the configuration: give kioskId');
    }
  }

  create(input: { kind: DeviceKind; name: string; windowId?: string | null; kioskId?: string | null }): { id: string; pairingCode: string; device: DeviceView } {
    this.checkBinding(input.kind, input.windowId, input.kioskId);
    const code = pairingCode();
    const now = this.clock.now();
    const row: DeviceRow = {
      id: randomUUID(), kind: input.kind, name: input.name, windowId: input.windowId ?? null, kioskId: input.kioskId ?? null,
      pairingCodeHash: sha256(code), codeExpiresAt: now + PAIRING_MS, tokenHash: null, pairedAt: null, revokedAt: null, createdAt: now,
    };
    this.repo.insertDevice(row);
    this.status.keepCode(row.id, code, row.codeExpiresAt!);
    return { id: row.id, pairingCode: code, device: deviceView(row) };
  }

  pair(code: string): { token: string; device: DeviceView } {
    const d = this.repo.deviceByCode(sha256(code.trim()));
    if (!d || d.revokedAt !== null || (d.codeExpiresAt ?? 0) < this.clock.now()) {
      throw new AppError(404, 'PAIRING_CODE_INVALID', 'this pairing code is unknown, used or expired');
    }
    const token = newToken();
    if (!this.repo.pairDevice(d.id, sha256(token), this.clock.now())) {
      throw new AppError(404, 'PAIRING_CODE_INVALID', 'this pairing code is unknown, used or expired');
    }
    this.status.forgetCode(d.id);
    return { token, device: deviceView({ ...d, pairedAt: this.clock.now() }) };
  }

  /**
   * Every device, whether it is connected now or when it was last, and for an admin the pairing
   * code of each device still waiting to pair (until it is used or expires): a code is never only
   * in a banner that the next device's code replaces. Supervisors see the list without codes.
   */
  list(viewer: { codes: boolean } = { codes: false }): DeviceView[] {
    const now = this.clock.now();
    const codes = viewer.codes ? this.status.liveCodes(now) : new Map<string, { code: string; expiresAt: number }>();
    const seen = this.presence.lastSeen();
    return this.repo.devices().map((d) => {
      const v = deviceView(d);
      const last = seen.get(d.id);
      const code = !v.paired && !v.revoked && d.pairingCodeHash !== null ? codes.get(d.id) : undefined;
      return {
        ...v, online: this.presence.online(d.id), lastSeenAt: last === undefined ? null : this.iso(last),
        ...(code ? { pairingCode: code.code, pairingCodeExpiresAt: this.iso(code.expiresAt) } : {}),
      };
    });
  }

  /** Whether a device of this kind is paired now (cheap: kept until the next change to devices). */
  anyPaired(kind: DeviceKind): boolean {
    return this.repo.anyPaired(kind);
  }

  /** A device's name as the console shows it, for timelines and logs. */
  name(id: string): string | null {
    return this.repo.deviceName(id);
  }

  private iso(ms: number): string { return isoLocal(ms, this.config.hall.timezone); }

  unpair(id: string): DeviceView {
    const d = this.repo.deviceById(id);
    if (!d) throw new AppError(404, 'UNKNOWN_DEVICE', `no device ${id}`);
    this.repo.revokeDevice(id, this.clock.now());
    this.status.forgetCode(id);
    this.revocations.announce({ deviceId: id });
    return deviceView({ ...d, revokedAt: this.clock.now() });
  }

  repair(id: string): { id: string; pairingCode: string } {
    const d = this.repo.deviceById(id);
    if (!d) throw new AppError(404, 'UNKNOWN_DEVICE', `no device ${id}`);
    if (d.kind === 'agent') this.checkBinding(d.kind, null, d.kioskId, d.id);
    const code = pairingCode();
    const expiresAt = this.clock.now() + PAIRING_MS;
    this.repo.newCode(id, sha256(code), expiresAt);
    this.status.keepCode(id, code, expiresAt);
    // The old token stops working: whoever is still connected with it goes too.
    this.revocations.announce({ deviceId: id });
    return { id, pairingCode: code };
  }


  /** Renames a device or binds it elsewhere; a device bound elsewhere reconnects with its new binding. */
  update(id: string, patch: { name?: string; windowId?: string | null; kioskId?: string | null }): { before: DeviceView; after: DeviceView } {
    const d = this.repo.deviceById(id);
    if (!d) throw new AppError(404, 'UNKNOWN_DEVICE', `no device ${id}`);
    const next = {
      id: d.id, name: patch.name ?? d.name,
      windowId: patch.windowId === undefined ? d.windowId : patch.windowId,
      kioskId: patch.kioskId === undefined ? d.kioskId : patch.kioskId,
    };
    this.checkBinding(d.kind, next.windowId, next.kioskId, d.id);
    this.repo.updateDevice(next);
    if (next.windowId !== d.windowId || next.kioskId !== d.kioskId) this.revocations.announce({ deviceId: id });
    return { before: deviceView(d), after: deviceView({ ...d, ...next }) };
  }
}

/** Eight digits: easy to type on a kiosk, and one-time with an expiry. */
function pairingCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}
