/** A token taken back: one session, every session of a user, or a device. */
export type Revoked = { tokenHash: string } | { userId: string } | { deviceId: string };

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
