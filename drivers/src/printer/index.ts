// Public API of @onewindow/drivers/printer. preview.ts is a dev tool (playwright, qrcode) and is
// deliberately not exported.
export { renderTicket, renderTicketText, formatLocalTime, type TicketPrint, type LayoutOptions } from './layout.ts';
export { decode, splitJobs, EscPosDecoder, type EscPosOp, type DecodeOptions } from './decode.ts';
export { opsToText, largestText } from './ops-text.ts';
export {
  readStatus, decodeStatus, encodeStatus, offlineStatus, unknownStatus, isReady, mayPrint, isStatusByte,
  type PrinterStatus, type PrinterState, type StatusIO, type StatusConditions,
} from './status.ts';
export type { PrinterTransport, TransportKind, WriteMeta } from './transport.ts';
export { TcpTransport, type TcpTransportOptions } from './transports/tcp.ts';
export { SerialTransport, type SerialTransportOptions } from './transports/serial.ts';
export { UsbTransport, type UsbTransportOptions, type UsbAdapter, type UsbAdapterClass } from './transports/usb.ts';
export { LpTransport, type LpTransportOptions } from './transports/lp.ts';
export { FileTransport, type FileTransportOptions } from './transports/file.ts';
export { NoneTransport } from './transports/none.ts';
export {
  Printer, type PrinterOptions, type RetryPolicy, type JobResult, type PrintJob, type PrinterEvents, type RawJob, type WriteJournal,
} from './printer.ts';
export { createPrinter, createTransport, type KioskPrinterConfig, type CreatePrinterOptions } from './factory.ts';
export { startPrinterEmulator, type PrinterEmulator, type PrinterEmulatorOptions } from './emulator.ts';
export { EmulatedPrinter, type PaperLevel, type EmulatedError } from './emulator-device.ts';
export { startPtyPrinterEmulator, type PtyPrinterEmulator } from './pty-emulator.ts';
