import { EventEmitter } from 'node:events';
import type { SerialBus } from './bus.ts';
import { DeviceLink, type DeviceOptions } from './device.ts';
import { asciiPayload, type Frame } from './frame.ts';
import type { LivenessState } from './liveness.ts';

export type Score = 1 | 2 | 3 | 4 | 5;

export interface PadEvents {
  /** 5 非常满意 … 1 非常不满意. Whether it counts (a ticket awaiting evaluation) is the server's call. */
  rating: [{ score: Score }];
  online: [];
  offline: [];
}

/** An evaluator pad (评价器): sends ratings and heartbeats; is told to ask, thank or idle. */
export class Pad extends EventEmitter<PadEvents> {
  /** R frames whose score was not 1–5: counted, never emitted. */
  badRatings = 0;
  private readonly link: DeviceLink;

  constructor(bus: SerialBus, readonly address: number, options: DeviceOptions = {}) {
    super();
    this.link = new DeviceLink(bus, address, { ...options, expectHeartbeats: true }, (s) => this.emit(s), (f) => this.onFrame(f));
  }

  get state(): LivenessState {
    return this.link.state;
  }

  /** Asks the visitor to rate the service of this ticket (ASCII, e.g. `A012`). */
  async ask(ticketNumber: string): Promise<void> {
    await this.link.show('A', asciiPayload(ticketNumber));
  }

  async thank(): Promise<void> {
    // Transient: a pad that reboots afterwards should not thank again.
    this.link.forget();
    await this.link.send('T');
  }

  async idle(): Promise<void> {
    await this.link.show('I', Buffer.alloc(0));
  }

  close(): void {
    this.link.close();
  }

  private onFrame(frame: Frame): boolean {
    if (frame.cmd !== 'R') return false;
    const score = frame.payload.length === 1 ? frame.payload[0] : 0;
    if (score < 1 || score > 5) {
      this.badRatings++;
      return false;
    }
    this.emit('rating', { score: score as Score });
    return true;
  }
}
