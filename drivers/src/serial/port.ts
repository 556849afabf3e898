import { SerialPort } from 'serialport';

// The serial port as the bus and its write queue see it: its own file, so that neither imports the other.

/** The part of `SerialPort` the bus uses, so tests and other transports can stand in for it. */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  write(data: Buffer, callback?: (error: Error | null | undefined) => void): boolean;
  drain(callback: (error: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type PortFactory = (options: { path: string; baudRate: number }) => SerialPortLike;

export const serialPortFactory: PortFactory = ({ path, baudRate }) => new SerialPort({ path, baudRate, autoOpen: false });
