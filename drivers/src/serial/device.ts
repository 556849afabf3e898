import type { SerialBus } from './bus.ts';
import { encodeFrame, type Command, type Frame } from './frame.ts';
import { Liveness, type LivenessOptions, type LivenessState } from './liveness.ts';

export type DeviceOptions = Omit<LivenessOptions, 'expectHeartbeats'>;

/**
 * What every device on a bus shares: its address on the line, liveness from the frames it sends,
 * and the one thing it should be showing, which is sent again whenever the port reopens or the
 * device comes back after being offline (it may have rebooted blank).
 */
export class DeviceLink {
  readonly liveness: Liveness;
  private desired: { cmd: Command; payload: Buffer } | undefined;
  private wasOffline = false;
  private readonly detach: () => void;

  constructor(
    readonly bus: SerialBus,
    readonly address: number,
    options: DeviceOptions & { expectHeartbeats: boolean },
    private readonly onState: (state: 'online' | 'offline') => void,
    onFrame: (frame: Frame) => boolean,
  ) {
    // Attach first: if the address is taken, no heartbeat timer is left running for a device that never was.
    this.detach = bus.attach(
      address,
      (frame) => {
        // Any well-formed frame from the device proves it is alive, not only H.
        this.liveness.beat();
        return frame.cmd === 'H' || onFrame(frame);
      },
      () => this.restore(),
    );
    this.liveness = new Liveness({ timers: bus.timers, ...options }, (state) => {
      if (state === 'online' && this.wasOffline) this.restore();
      this.wasOffline = state === 'offline';
      // `offline` fires from a timer: a throwing listener there would be an uncaught exception.
      try {
        this.onState(state);
      } catch (error) {
        bus.reportError(error);
      }
    });
  }

  get state(): LivenessState {
    return this.liveness.state;
  }

  send(cmd: Command, payload?: Uint8Array): Promise<void> {
    return this.bus.send(this.address, cmd, payload);
  }

  /** Sends a frame that sets what the device shows, and remembers it even if this send fails. */
  async show(cmd: Command, payload: Buffer): Promise<void> {
    encodeFrame(this.address, cmd, payload); // validate before remembering
    this.desired = { cmd, payload };
    await this.send(cmd, payload);
  }

  forget(): void {
    this.desired = undefined;
  }

  close(): void {
    this.detach();
    this.liveness.stop();
  }

  private restore(): void {
    const desired = this.desired;
    if (!desired || !this.bus.isOpen) return;
    // Best effort: if the line drops again, the next open restores it.
    this.send(desired.cmd, desired.payload).catch(() => {});
  }
}
