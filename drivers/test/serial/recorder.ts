import type { EventEmitter } from 'node:events';

export interface Recorded { name: string; at: number; args: unknown[] }

/** Records every listed event of an emitter with its time, and waits for conditions on them. */
export class Recorder {
  readonly events: Recorded[] = [];

  constructor(emitter: EventEmitter<any>, names: string[]) {
    for (const name of names) {
      emitter.on(name, (...args: unknown[]) => this.events.push({ name, at: Date.now(), args }));
    }
  }

  named(name: string): Recorded[] {
    return this.events.filter((e) => e.name === name);
  }

  /** Payloads (first argument) of one event, in order. */
  payloads(name: string): unknown[] {
    return this.named(name).map((e) => e.args[0]);
  }

  /** Waits until `count` events called `name` have been seen; returns the last of them. */
  async waitFor(name: string, count = 1, timeoutMs = 3000): Promise<Recorded> {
    await until(() => this.named(name).length >= count, timeoutMs, `${count} × ${name}`);
    return this.named(name)[count - 1];
  }
}

export async function until(condition: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
