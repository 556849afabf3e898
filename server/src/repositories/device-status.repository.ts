import type { Db } from './db.ts';

/**
 * What the device list shows beside each device: an unpaired device's pairing code (admins only;
 * kept until it is used, replaced or expires) and when the device was last connected.
 */
export class DeviceStatusRepository {
  private readonly putCode;
  private readonly dropCode;
  private readonly codes;
  private readonly seenStmt;
  private readonly lastSeen;

  constructor(db: Db) {
    this.putCode = db.prepare('INSERT OR REPLACE INTO device_pairing_codes (device_id, code, expires_at) VALUES (?, ?, ?)');
    this.dropCode = db.prepare('DELETE FROM device_pairing_codes WHERE device_id = ?');
    this.codes = db.prepare('SELECT device_id, code, expires_at FROM device_pairing_codes WHERE expires_at > ?');
    this.seenStmt = db.prepare('INSERT INTO device_seen (device_id, last_seen_at) VALUES (?, ?) ON CONFLICT(device_id) DO UPDATE SET last_seen_at = excluded.last_seen_at');
    this.lastSeen = db.prepare('SELECT device_id, last_seen_at FROM device_seen');
  }

  keepCode(deviceId: string, code: string, expiresAt: number): void { this.putCode.run(deviceId, code, expiresAt); }
  forgetCode(deviceId: string): void { this.dropCode.run(deviceId); }
  /** Codes not yet expired, by device. */
  liveCodes(now: number): Map<string, { code: string; expiresAt: number }> {
    return new Map((this.codes.all(now) as { device_id: string; code: string; expires_at: number }[]).map((r) => [r.device_id, { code: r.code, expiresAt: r.expires_at }]));
  }

  seen(deviceId: string, at: number): void { this.seenStmt.run(deviceId, at); }
  lastSeenAll(): Map<string, number> {
    return new Map((this.lastSeen.all() as { device_id: string; last_seen_at: number }[]).map((r) => [r.device_id, r.last_seen_at]));
  }
}
