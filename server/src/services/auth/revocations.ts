/**
 * A token taken back: one session, every session of a user (but the one that asked, when a user
 * changes their own password), a device, or every session that has ended by now.
 */
export type Revoked = { tokenHash: string } | { userId: string; except?: string } | { deviceId: string } | { expiredBy: number };

/**
 * Where the services announce that a token no longer holds, so that whoever keeps connections
 * open with it (the realtime gateway) closes them. The services never see a socket.
 */
export class Revocations {
  private listeners: ((r: Revoked) => void)[] = [];

  /** Hears every revocation; returns the unsubscribe. */
  listen(fn: (r: Revoked) => void): () => void {
    this.listeners.push(fn);
    return () => { this.listeners = this.listeners.filter((l) => l !== fn); };
  }

  announce(r: Revoked): void {
    for (const l of this.listeners) l(r);
  }
}
