import { EventEmitter } from 'node:events';
import type { SerialBus } from './bus.ts';
import { DeviceLink, type DeviceOptions } from './device.ts';
import { asciiPayload, type Frame } from './frame.ts';
import type { LivenessState } from './liveness.ts';

/** The keys of a call keypad (呼叫器), by the byte in its K frame. */
export const KEYPAD_ACTIONS = {
  1: 'call-next',
  2: 'recall',
  3: 'start',
  4: 'finish',
  5: 'no-show',
  6: 'pause-toggle',
} as const;

export type KeypadAction = (typeof KEYPAD_ACTIONS)[keyof typeof KEYPAD_ACTIONS];

export interface KeypadEvents {
  /** A key press. Acting on it (as the clerk signed in at the window) is the server's job. */
  key: [{ action: KeypadAction; key: number }];
  /** Only if the keypad sends heartbeats. */
  online: [];
  offline: [];
}

export class Keypad extends EventEmitter<KeypadEvents> {
  /** K frames with a key outside 1–6: counted, never emitted. */
  badKeys = 0;
  private readonly link: DeviceLink;

  constructor(bus: SerialBus, readonly address: number, options: DeviceOptions = {}) {
    super();
    this.link = new DeviceLink(bus, address, { ...options, expectHeartbeats: false }, (s) => this.emit(s), (f) => this.onFrame(f));
  }

  get state(): LivenessState {
    return this.link.state;
  }

  /** Shows ASCII text on the keypad's display, e.g. the current ticket `A012`. */
  async display(text: string): Promise<void> {
    await this.link.show('D', asciiPayload(text));
  }

  close(): void {
    this.link.close();
  }

  private onFrame(frame: Frame): boolean {
    if (frame.cmd !== 'K') return false;
    const key = frame.payload.length === 1 ? frame.payload[0] : 0;
    const action = Object.hasOwn(KEYPAD_ACTIONS, key) ? KEYPAD_ACTIONS[key as keyof typeof KEYPAD_ACTIONS] : undefined;
    if (!action) {
      this.badKeys++;
      return false;
    }
    this.emit('key', { action, key });
    return true;
  }
}
