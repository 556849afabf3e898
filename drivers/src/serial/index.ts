// @onewindow/drivers/serial: the RS-485 devices of serial.md (pads, LED window screens, keypads).
export {
  STX, ETX, MIN_ADDRESS, MAX_ADDRESS, MAX_PAYLOAD, MAX_FRAME, COMMANDS,
  checksum, encodeFrame, asciiPayload, isValidAddress, isCommandByte, directionOf,
  type Command, type Direction, type Frame,
} from './frame.ts';
export { FrameParser, DROP_REASONS, type DropReason, type FrameParserOptions } from './frame-parser.ts';
export {
  SerialBus, SerialBusClosedError,
  type SerialBusOptions, type SerialBusStats, type SerialBusEvents, type BusDropReason, type FrameHandler,
} from './bus.ts';
export { serialPortFactory, type PortFactory, type SerialPortLike } from './port.ts';
export { Liveness, DEFAULT_HEARTBEAT_INTERVAL_MS, type LivenessState, type LivenessOptions } from './liveness.ts';
export { realTimers, type Timers, type TimerHandle } from './timers.ts';
export type { DeviceOptions } from './device.ts';
export { Pad, type PadEvents, type Score } from './pad.ts';
export { WindowScreen, encodeGb18030, type WindowScreenEvents } from './window-screen.ts';
export { Keypad, KEYPAD_ACTIONS, type KeypadAction, type KeypadEvents } from './keypad.ts';
export {
  SerialDevices,
  type SerialDevicesConfig, type SerialDeviceConfig, type SerialDevicesOptions, type SerialDevicesEvents,
  type DeviceKind, type DeviceRef,
} from './serial-devices.ts';
// Test tooling, exported so other packages' integration tests can drive a line end to end.
export { DeviceEmulator, type ReceivedFrame, type EmulatorOptions } from './emulator.ts';
export { openPtyPair, type PtyPair, type PtyPairOptions } from './pty.ts';
