import { EventEmitter } from 'node:events';
import iconv from 'iconv-lite';
import type { SerialBus } from './bus.ts';
import { DeviceLink, type DeviceOptions } from './device.ts';
import type { LivenessState } from './liveness.ts';

export interface WindowScreenEvents {
  /** Only if the screen sends heartbeats; many LED screens are listen-only. */
  online: [];
  offline: [];
}

export function encodeGb18030(text: string): Buffer {
  return iconv.encode(text, 'gb18030');
}

/** The LED screen above a window (窗口屏): shows GB18030 text and blinks. */
export class WindowScreen extends EventEmitter<WindowScreenEvents> {
  private readonly link: DeviceLink;

  constructor(bus: SerialBus, readonly address: number, options: DeviceOptions = {}) {
    super();
    // A screen sends nothing but (maybe) H, so every other frame from it is rejected and counted.
    this.link = new DeviceLink(bus, address, { ...options, expectHeartbeats: false }, (s) => this.emit(s), () => false);
  }

  get state(): LivenessState {
    return this.link.state;
  }

  /** Shows `text` (at most 200 bytes once GB18030-encoded, else a RangeError). */
  async show(text: string): Promise<void> {
    await this.link.show('S', encodeGb18030(text));
  }

  /** Blinks `count` times (0–255). */
  async blink(count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 0 || count > 255) throw new RangeError(`blink count must be 0-255, got ${count}`);
    await this.link.send('B', Buffer.of(count));
  }

  close(): void {
    this.link.close();
  }
}
