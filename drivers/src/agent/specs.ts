// The agent's --printer and --serial values → what to open. Pure, so the command line's mistakes are
// found before anything is opened, with the forms that work in the message.
import type { KioskPrinterConfig } from '../printer/factory.ts';

export const PRINTER_FORMS = [
  'lp:/dev/usb/lp0          a Linux printer device file (usblp), read and written directly',
  'usb:VID:PID              libusb by vendor and product id in hex, e.g. usb:04b8:0e15 (Linux, Windows)',
  'serial:/dev/ttyUSB0@9600 a serial printer (serial:COM3@9600 on Windows)',
  'tcp:HOST:PORT            a network printer (port 9100 when left out)',
  'file:FOLDER              no printer: each job as .bin and readable .txt files (trying out)',
];

export interface SerialLineSpec {
  path: string;
  baudRate: number;
}

export class SpecError extends Error {}

/** `/dev/ttyUSB1@9600`, `COM4@19200`, `serial:COM4`: a port path and its speed (`baudRate` when left out). */
export function parseSerialSpec(spec: string, baudRate = 9600, option = '--serial'): SerialLineSpec {
  const raw = spec.trim().replace(/^serial:/, '');
  const m = /^(.+?)(?:@(\d+))?$/.exec(raw);
  if (!raw || !m) throw new SpecError(`${option} "${spec}": give a port and its speed, e.g. /dev/ttyUSB1@${baudRate} or COM4@${baudRate}`);
  const speed = m[2] ? Number(m[2]) : baudRate;
  if (!Number.isInteger(speed) || speed < 1200 || speed > 921_600) throw new SpecError(`${option} "${spec}": speed ${m[2]} is not between 1200 and 921600`);
  return { path: m[1], baudRate: speed };
}

/** `--idcard`: an ID-card reader's line; GA 467 readers on USB run at 115200 baud, a few older ones at 9600. */
export const parseIdCardSpec = (spec: string): SerialLineSpec => parseSerialSpec(spec, 115_200, '--idcard');

const hexId = (s: string | undefined): number | null => {
  if (!s || !/^(0x)?[0-9a-f]{1,4}$/i.test(s)) return null;
  return Number.parseInt(s.replace(/^0x/i, ''), 16);
};

/** One of PRINTER_FORMS → the printer configuration the drivers' factory opens. */
export function parsePrinterSpec(spec: string): KioskPrinterConfig {
  const s = spec.trim();
  const colon = s.indexOf(':');
  const scheme = colon > 0 ? s.slice(0, colon).toLowerCase() : '';
  const rest = colon > 0 ? s.slice(colon + 1) : '';
  const bad = (why: string) => new SpecError(`--printer "${spec}": ${why}. Forms:\n  ${PRINTER_FORMS.join('\n  ')}`);
  switch (scheme) {
    case 'lp':
      if (!rest) throw bad('give the device file');
      return { type: 'lp', lp: { path: rest } };
    case 'usb': {
      const [vid, pid, extra] = rest.split(':');
      const vendorId = hexId(vid);
      const productId = hexId(pid);
      if (vendorId === null || productId === null || extra !== undefined) throw bad('give the vendor and product id in hex, as lsusb shows them');
      return { type: 'usb', usb: { vendorId, productId } };
    }
    case 'serial': {
      const line = parseSerialSpec(rest);
      return { type: 'serial', serial: line };
    }
    case 'tcp': {
      const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(rest);
      const port = m?.[2] ? Number(m[2]) : 9100;
      if (!m || port < 1 || port > 65535) throw bad('give a host and optionally a port');
      return { type: 'network', host: m[1].replace(/^\[|\]$/g, ''), port };
    }
    case 'file':
      if (!rest) throw bad('give a folder');
      return { type: 'file', file: { path: rest } };
    default:
      throw bad('unknown form');
  }
}
