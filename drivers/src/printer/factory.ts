// Kiosk printer configuration (config.md, kiosks[].printer) → a started Printer.
import path from 'node:path';
import { Printer, type PrinterOptions } from './printer.ts';
import type { PrinterTransport } from './transport.ts';
import { FileTransport } from './transports/file.ts';
import { LpTransport } from './transports/lp.ts';
import { NoneTransport } from './transports/none.ts';
import { SerialTransport } from './transports/serial.ts';
import { TcpTransport } from './transports/tcp.ts';
import { UsbTransport } from './transports/usb.ts';

export interface KioskPrinterConfig {
  /** `agent` is not driven here: the hall server sends those jobs to the kiosk's device agent */
  type: 'network' | 'serial' | 'usb' | 'lp' | 'file' | 'none' | 'agent';
  host?: string;
  port?: number;
  serial?: { path: string; baudRate?: number };
  /** numbers, or strings such as "0x04b8" */
  usb?: { vendorId: number | string; productId: number | string };
  file?: { path: string };
  /** a Linux printer device file, e.g. /dev/usb/lp0 */
  lp?: { path: string };
  encoding?: string;
  width?: number;
}

export interface CreatePrinterOptions extends Omit<PrinterOptions, 'width' | 'encoding'> {
  /** where the file printer writes when the config gives no path: <dataDir>/printer/<id> */
  dataDir?: string;
}

const usbId = (v: number | string): number => (typeof v === 'number' ? v : Number.parseInt(v, v.startsWith('0x') ? 16 : 10));

/** No printer configured means the file printer, so a fresh install still "prints" somewhere. */
export function createTransport(config: KioskPrinterConfig | undefined, opts: CreatePrinterOptions): PrinterTransport {
  const c: KioskPrinterConfig = config ?? { type: 'file' };
  switch (c.type) {
    case 'network':
      if (!c.host) throw new Error(`printer ${opts.id}: type network needs host`);
      return new TcpTransport({ host: c.host, port: c.port ?? 9100 });
    case 'serial':
      if (!c.serial?.path) throw new Error(`printer ${opts.id}: type serial needs serial.path`);
      return new SerialTransport({ path: c.serial.path, baudRate: c.serial.baudRate ?? 9600 });
    case 'usb':
      if (!c.usb) throw new Error(`printer ${opts.id}: type usb needs usb.vendorId and usb.productId`);
      return new UsbTransport({ vendorId: usbId(c.usb.vendorId), productId: usbId(c.usb.productId) });
    case 'lp':
      if (!c.lp?.path) throw new Error(`printer ${opts.id}: type lp needs lp.path`);
      return new LpTransport({ path: c.lp.path });
    case 'file':
      return new FileTransport({
        dir: c.file?.path ?? path.join(opts.dataDir ?? './data', 'printer', opts.id),
        width: c.width ?? 48, encoding: c.encoding,
      });
    case 'none':
      return new NoneTransport();
    case 'agent':
      throw new Error(`printer ${opts.id}: type agent is printed by the kiosk's device agent, not opened here`);
    default:
      throw new Error(`printer ${opts.id}: unknown type ${String((c as { type: unknown }).type)}`);
  }
}

export function createPrinter(config: KioskPrinterConfig | undefined, opts: CreatePrinterOptions): Printer {
  const { dataDir: _dataDir, ...printerOpts } = opts;
  const transport = createTransport(config, opts);
  return new Printer(transport, { ...printerOpts, width: config?.width ?? 48, encoding: config?.encoding }).start();
}
