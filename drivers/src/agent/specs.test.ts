import { describe, expect, it } from 'vitest';
import { parseCli } from './options.ts';
import { parseIdCardSpec, parsePrinterSpec, parseSerialSpec, SpecError } from './specs.ts';

describe('--printer', () => {
  it('reads each form of agent.md', () => {
    expect(parsePrinterSpec('lp:/dev/usb/lp0')).toEqual({ type: 'lp', lp: { path: '/dev/usb/lp0' } });
    expect(parsePrinterSpec('usb:04b8:0e15')).toEqual({ type: 'usb', usb: { vendorId: 0x04b8, productId: 0x0e15 } });
    expect(parsePrinterSpec('usb:0x0416:0x5011')).toEqual({ type: 'usb', usb: { vendorId: 0x0416, productId: 0x5011 } });
    expect(parsePrinterSpec('serial:/dev/ttyUSB0@9600')).toEqual({ type: 'serial', serial: { path: '/dev/ttyUSB0', baudRate: 9600 } });
    expect(parsePrinterSpec('serial:COM3@115200')).toEqual({ type: 'serial', serial: { path: 'COM3', baudRate: 115200 } });
    expect(parsePrinterSpec('serial:COM3')).toEqual({ type: 'serial', serial: { path: 'COM3', baudRate: 9600 } });
    expect(parsePrinterSpec('tcp:192.168.1.50:9100')).toEqual({ type: 'network', host: '192.168.1.50', port: 9100 });
    expect(parsePrinterSpec('tcp:printer.local')).toEqual({ type: 'network', host: 'printer.local', port: 9100 });
    expect(parsePrinterSpec('tcp:[::1]:9101')).toEqual({ type: 'network', host: '::1', port: 9101 });
    expect(parsePrinterSpec('file:C:\\tickets')).toEqual({ type: 'file', file: { path: 'C:\\tickets' } });
  });

  it('refuses what it cannot open, naming the forms that work', () => {
    for (const bad of ['/dev/usb/lp0', 'lp:', 'usb:04b8', 'usb:xyz:0e15', 'usb:04b8:0e15:1', 'tcp:', 'tcp:host:99999', 'serial:/dev/ttyS0@12', 'ftp:x']) {
      expect(() => parsePrinterSpec(bad), bad).toThrow(SpecError);
    }
    expect(() => parsePrinterSpec('usb:04b8')).toThrow(/lp:\/dev\/usb\/lp0/);
  });
});

describe('--serial', () => {
  it('reads a path and its speed', () => {
    expect(parseSerialSpec('/dev/ttyUSB1@9600')).toEqual({ path: '/dev/ttyUSB1', baudRate: 9600 });
    expect(parseSerialSpec('COM4@19200')).toEqual({ path: 'COM4', baudRate: 19200 });
    expect(parseSerialSpec('\\\\.\\COM12')).toEqual({ path: '\\\\.\\COM12', baudRate: 9600 });
    expect(() => parseSerialSpec('')).toThrow(SpecError);
    expect(() => parseSerialSpec('/dev/ttyUSB1@5')).toThrow(/1200/);
  });
});

describe('--idcard', () => {
  it('reads a reader\'s line at 115200 baud unless told otherwise', () => {
    expect(parseIdCardSpec('/dev/ttyUSB2')).toEqual({ path: '/dev/ttyUSB2', baudRate: 115200 });
    expect(parseIdCardSpec('COM5@9600')).toEqual({ path: 'COM5', baudRate: 9600 });
    expect(() => parseIdCardSpec('COM5@99')).toThrow(/--idcard "COM5@99"/);
  });
});

describe('the command line', () => {
  const env = {} as NodeJS.ProcessEnv;
  it('takes options, falls back to the variables of agent.md, and defaults the state folder', () => {
    const o = parseCli(['--server', 'http://10.0.0.2:8080/', '--pair', '123456', '--printer', 'lp:/dev/usb/lp0'], env);
    expect(o).toMatchObject({ server: 'http://10.0.0.2:8080', pairCode: '123456', printer: 'lp:/dev/usb/lp0' });
    expect(o !== 'help' && o.stateDir).toMatch(/\.onewindow-agent$/);
    const fromEnv = parseCli(['--serial', 'COM4@9600'], { ONEWINDOW_SERVER: 'http://hall:8080', ONEWINDOW_PAIR_CODE: '42424242', ONEWINDOW_AGENT_STATE: '/var/lib/ow' });
    expect(fromEnv).toMatchObject({ server: 'http://hall:8080', pairCode: '42424242', stateDir: '/var/lib/ow', serial: 'COM4@9600' });
    expect(parseCli(['--server', 'http://a', '--serial', 'COM1', '--state', '/x'], { ONEWINDOW_AGENT_STATE: '/y' })).toMatchObject({ stateDir: '/x' });
    expect(parseCli(['--server', 'http://a', '--idcard', '/dev/ttyUSB2'], env)).toMatchObject({ idcard: '/dev/ttyUSB2' });
    expect(parseCli(['--help'], env)).toBe('help');
  });

  it('refuses a command line that cannot work, before opening anything', () => {
    expect(() => parseCli(['--printer', 'lp:/dev/usb/lp0'], env)).toThrow(/--server/);
    expect(() => parseCli(['--server', 'http://a'], env)).toThrow(/--printer, --serial, --idcard/);
    expect(() => parseCli(['--server', 'http://a', '--idcard', ''], env)).toThrow(/--printer, --serial, --idcard/);
    expect(() => parseCli(['--server', 'hall:8080', '--serial', 'COM1'], env)).toThrow(/http/);
    expect(() => parseCli(['--server', 'http://a', '--printer', 'usb:1'], env)).toThrow(SpecError);
    expect(() => parseCli(['--server', 'http://a', '--serial', 'COM1', '--colour', 'red'], env)).toThrow(SpecError);
  });
});
