// Printing disabled (printer type `none`): the Printer skips jobs without touching this transport;
// it exists so that every kiosk has a printer object and the server needs no special case.
import { EventEmitter } from 'node:events';
import type { PrinterTransport } from '../transport.ts';

export class NoneTransport extends EventEmitter implements PrinterTransport {
  readonly kind = 'none' as const;
  readonly description = 'none';
  readonly isOpen = true;
  async open(): Promise<void> {}
  async write(): Promise<void> {}
  async readByte(): Promise<number | null> {
    return null;
  }
  discardInput(): void {}
  async close(): Promise<void> {}
}
