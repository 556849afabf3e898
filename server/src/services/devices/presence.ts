import type { DeviceStatusRepository } from '../../repositories/device-status.repository.ts';
import type { Clock } from '../clock.ts';

/**
 * Which paired devices are connected now (a kiosk, screen or pad holds a socket while it runs),
 * and when each was last seen: written when it connects and when it goes, so the device list can
 * say "last seen at 09:12" after a restart too.
 */
export class DevicePresence {
  private readonly open = new Map<string, number>();

  constructor(private readonly repo: DeviceStatusRepository, private readonly clock: Clock, private readonly report: (err: unknown) => void = () => {}) {}

  up(deviceId: string): void {
    this.open.set(deviceId, (this.open.get(deviceId) ?? 0) + 1);
    this.note(deviceId);
  }

  down(deviceId: string): void {
    const n = (this.open.get(deviceId) ?? 1) - 1;
    if (n > 0) this.open.set(deviceId, n);
    else this.open.delete(deviceId);
    this.note(deviceId);
  }

  online(deviceId: string): boolean {
    return this.open.has(deviceId);
  }

  lastSeen(): Map<string, number> {
    return this.repo.lastSeenAll();
  }

  // A write that fails (the database closing at shutdown, as the last sockets drop) costs only a
  // "last seen" time: it never reaches the socket that triggered it.
  private note(deviceId: string): void {
    try {
      this.repo.seen(deviceId, this.clock.now());
    } catch (err) {
      this.report(err);
    }
  }
}
