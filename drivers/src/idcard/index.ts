// @onewindow/drivers/idcard: second-generation ID-card readers (二代证阅读器) on a serial line, GA 467.
export {
  PREAMBLE, FRAME_OVERHEAD, MAX_LEN, COMMAND, STATUS, statusOf, xor, encodeFrame, encodeCommand, encodeResponse, asResponse, asCommand,
  type CommandName, type StatusCode, type Response,
} from './frame.ts';
export { IdFrameParser, ID_FRAME_DROP_REASONS, MIN_FRAME, type IdFrameDropReason, type IdFrameParserOptions } from './frame-parser.ts';
export {
  FIELDS, TEXT_BYTES, NATIONS, decodeText, encodeText, isValidIdNumber, checkCharacter, maskIdNumber, maskName, type IdCardText,
} from './text.ts';
export { IdCardReader, IdCardReaderError, splitBasic, joinBasic, type IdCardReaderOptions, type ReadResult, type ReaderLineState } from './reader.ts';
// Test tooling, exported so the server's tests can lay a card on a reader it drives.
export { IdCardEmulator, type Faults, type IdCardEmulatorOptions } from './emulator.ts';
export { sampleCard } from './sample.ts';
