import { ResyncParser, type ResyncParserOptions } from '../serial/resync-parser.ts';
import { FRAME_OVERHEAD, MAX_LEN, PREAMBLE, xor } from './frame.ts';

/** Why bytes that began like a frame were thrown away. */
export type IdFrameDropReason = 'checksum' | 'length' | 'incomplete';
export const ID_FRAME_DROP_REASONS: readonly IdFrameDropReason[] = ['checksum', 'length', 'incomplete'];

/**
 * `stallTimeoutMs` defaults to 2000. A reader sends a frame in one go: the 1 295 bytes of a read
 * take about 1.4 s at 9600 baud, 0.11 s at 115200.
 */
export type IdFrameParserOptions = Omit<ResyncParserOptions<IdFrameDropReason>, 'onJunk'>;

/** The shortest body either side sends: a host's CMD PARA. */
const MIN_LEN = 3;

/**
 * Bytes in, frame bodies out (the bytes between the length and the checksum: a host's CMD PARA
 * DATA or a reader's SW1 SW2 SW3 DATA). Resynchronises on the next preamble after junk, a wrong
 * length or a wrong checksum.
 */
export class IdFrameParser extends ResyncParser<IdFrameDropReason> {
  constructor(options: IdFrameParserOptions = {}) {
    super(ID_FRAME_DROP_REASONS, 2000, options);
  }

  protected parse(): void {
    for (;;) {
      const start = this.findPreamble();
      if (start < 0) return;
      if (start > 0) this.skip(start);
      const b = this.buf;
      if (b.length < PREAMBLE.length + 2) return;
      const len = b.readUInt16BE(PREAMBLE.length);
      if (len < MIN_LEN || len > MAX_LEN) { this.discard('length'); continue; }
      const total = PREAMBLE.length + 2 + len;
      if (b.length < total) return;
      // A wrong checksum: the length may be the damaged byte, so look again from just after the start.
      if (xor(b, PREAMBLE.length, total - 1) !== b[total - 1]) { this.discard('checksum'); continue; }
      this.deliver(Buffer.from(b.subarray(PREAMBLE.length + 2, total - 1)), total);
    }
  }

  /** A preamble at the start; else what is left is a preamble's first bytes, still junk. */
  protected startsFrame(): boolean {
    return this.buf.indexOf(PREAMBLE) === 0;
  }

  /**
   * Where the next preamble starts; -1 when there is none. Bytes that may be the start of one
   * (a trailing AA, AA AA …) stay buffered, everything before them is junk.
   */
  private findPreamble(): number {
    const i = this.buf.indexOf(PREAMBLE);
    if (i >= 0) return i;
    let keep = 0;
    for (let n = Math.min(PREAMBLE.length - 1, this.buf.length); n > 0; n--) {
      if (this.buf.subarray(this.buf.length - n).equals(PREAMBLE.subarray(0, n))) { keep = n; break; }
    }
    this.skip(this.buf.length - keep);
    return -1;
  }
}

/** The smallest frame on the wire: for tests and buffer sizing. */
export const MIN_FRAME = FRAME_OVERHEAD + MIN_LEN - 1;
