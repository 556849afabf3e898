import { EventEmitter } from 'node:events';
import { SerialBus, type SerialBusOptions, type SerialBusStats } from './bus.ts';
import type { DeviceOptions } from './device.ts';
import { Keypad, type KeypadAction } from './keypad.ts';
import type { LivenessState } from './liveness.ts';
import { Pad, type Score } from './pad.ts';
import { WindowScreen } from './window-screen.ts';

/** One entry of `pads`, `windowScreens` or `keypads` in the hall configuration (config.md). */
export interface SerialDeviceConfig {
  windowId: string;
  serial: { path: string; baudRate?: number };
  address: number;
}

export interface SerialDevicesConfig {
  pads?: readonly SerialDeviceConfig[];
  windowScreens?: readonly SerialDeviceConfig[];
  keypads?: readonly SerialDeviceConfig[];
}

export type DeviceKind = 'pad' | 'windowScreen' | 'keypad';

export type SerialDevicesOptions = DeviceOptions & Omit<SerialBusOptions, 'path' | 'baudRate'>;

export interface DeviceRef { kind: DeviceKind; windowId: string; address: number }

export interface SerialDevicesEvents {
  'pad:rating': [{ windowId: string; score: Score; address: number }];
  'pad:online': [{ windowId: string }];
  'pad:offline': [{ windowId: string }];
  'keypad:key': [{ windowId: string; action: KeypadAction; address: number }];
  'device:online': [DeviceRef];
  'device:offline': [DeviceRef];
  /** A command could not be written (the port is down, say). Screens, keypads and a pending ask are re-sent when the port reopens. */
  'send:error': [DeviceRef & { error: Error }];
  'bus:open': [{ path: string }];
  'bus:close': [{ path: string; error?: Error }];
  'bus:error': [{ path: string; error: Error }];
}

type Device = Pad | WindowScreen | Keypad;
interface Entry<D extends Device> { ref: DeviceRef; path: string; device: D }

/**
 * The serial devices of a hall, by window: one bus per port path, shared by every device on it.
 * Translates between windows (what the server knows) and addresses on lines (what the wire knows).
 */
export class SerialDevices extends EventEmitter<SerialDevicesEvents> {
  private readonly buses = new Map<string, SerialBus>();
  private readonly pads: Entry<Pad>[] = [];
  private readonly screens: Entry<WindowScreen>[] = [];
  private readonly keypads: Entry<Keypad>[] = [];

  /** Throws on a configuration the lines cannot carry: two devices at one address, one port at two baud rates, an address outside 1-247. */
  constructor(config: SerialDevicesConfig, private readonly options: SerialDevicesOptions = {}) {
    super();
    try {
      for (const c of config.pads ?? []) this.add(this.pads, 'pad', c, (bus) => new Pad(bus, c.address, options));
      for (const c of config.windowScreens ?? []) this.add(this.screens, 'windowScreen', c, (bus) => new WindowScreen(bus, c.address, options));
      for (const c of config.keypads ?? []) this.add(this.keypads, 'keypad', c, (bus) => new Keypad(bus, c.address, options));
    } catch (error) {
      for (const { device } of this.all()) device.close(); // stop the heartbeat clocks already running
      throw error;
    }
    for (const { device, ref } of this.keypads) {
      device.on('key', ({ action }) => this.emit('keypad:key', { windowId: ref.windowId, action, address: ref.address }));
    }
    for (const { device, ref } of this.pads) {
      device.on('rating', ({ score }) => this.emit('pad:rating', { windowId: ref.windowId, score, address: ref.address }));
      device.on('online', () => this.emit('pad:online', { windowId: ref.windowId }));
      device.on('offline', () => this.emit('pad:offline', { windowId: ref.windowId }));
    }
  }

  /** Opens every line; each keeps reconnecting until close(). Attach listeners first. */
  start(): void {
    for (const bus of this.buses.values()) bus.start();
  }

  askRating(windowId: string, ticketNumber: string): Promise<boolean> {
    return this.each(this.pads, windowId, (pad) => pad.ask(ticketNumber));
  }

  thank(windowId: string): Promise<boolean> {
    return this.each(this.pads, windowId, (pad) => pad.thank());
  }

  idle(windowId: string): Promise<boolean> {
    return this.each(this.pads, windowId, (pad) => pad.idle());
  }

  showOnScreen(windowId: string, text: string, blink?: number): Promise<boolean> {
    return this.each(this.screens, windowId, async (screen) => {
      await screen.show(text);
      if (blink) await screen.blink(blink);
    });
  }

  showOnKeypad(windowId: string, text: string): Promise<boolean> {
    return this.each(this.keypads, windowId, (keypad) => keypad.display(text));
  }

  /** Every configured device and whether it is heard from ('unknown' until a first heartbeat). */
  status(): Array<DeviceRef & { path: string; state: LivenessState }> {
    return this.all().map(({ ref, path, device }) => ({ ...ref, path, state: device.state }));
  }

  stats(): SerialBusStats[] {
    return [...this.buses.values()].map((bus) => bus.stats());
  }

  async close(): Promise<void> {
    for (const { device } of this.all()) device.close();
    await Promise.all([...this.buses.values()].map((bus) => bus.close()));
  }

  private all(): Entry<Device>[] {
    return [...this.pads, ...this.screens, ...this.keypads];
  }

  private add<D extends Device>(list: Entry<D>[], kind: DeviceKind, c: SerialDeviceConfig, make: (bus: SerialBus) => D): Entry<D> {
    const ref: DeviceRef = { kind, windowId: c.windowId, address: c.address };
    const device = make(this.bus(c.serial.path, c.serial.baudRate ?? 9600));
    const onState = (state: 'online' | 'offline') => this.emit(`device:${state}`, ref);
    // Each device class has its own event map; these two events are common to all of them.
    (device as EventEmitter<{ online: []; offline: [] }>).on('online', () => onState('online'));
    (device as EventEmitter<{ online: []; offline: [] }>).on('offline', () => onState('offline'));
    const entry = { ref, path: c.serial.path, device };
    list.push(entry);
    return entry;
  }

  private bus(path: string, baudRate: number): SerialBus {
    const existing = this.buses.get(path);
    if (existing) {
      if (existing.baudRate !== baudRate) throw new Error(`serial port ${path} is configured at both ${existing.baudRate} and ${baudRate} baud`);
      return existing;
    }
    const bus = new SerialBus({ ...this.options, path, baudRate });
    bus.on('open', () => this.emit('bus:open', { path }));
    bus.on('close', (error) => this.emit('bus:close', { path, error }));
    bus.on('error', (error) => this.emit('bus:error', { path, error }));
    this.buses.set(path, bus);
    return bus;
  }

  /**
   * Runs `send` for each device of the window. Resolves false when the window has none or a write
   * failed (reported as `send:error`); rejects only on bad input (RangeError), a caller's bug.
   */
  private async each<D extends Device>(list: Entry<D>[], windowId: string, send: (device: D) => Promise<void>): Promise<boolean> {
    const targets = list.filter((e) => e.ref.windowId === windowId);
    const results = await Promise.all(targets.map(async ({ ref, device }) => {
      try {
        await send(device);
        return true;
      } catch (error) {
        if (error instanceof RangeError) throw error;
        this.emit('send:error', { ...ref, error: error as Error });
        return false;
      }
    }));
    return targets.length > 0 && results.every(Boolean);
  }
}
