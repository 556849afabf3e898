import { checksum, ETX, FRAME_OVERHEAD, isCommandByte, isValidAddress, MAX_PAYLOAD, STX, type Command, type Frame } from './frame.ts';
import { ResyncParser, type ResyncParserOptions } from './resync-parser.ts';

/** Why a frame was thrown away. `incomplete`: a frame started but its bytes stopped coming. */
export type DropReason = 'checksum' | 'missing-etx' | 'length' | 'unknown-command' | 'bad-address' | 'incomplete';

export const DROP_REASONS: readonly DropReason[] = ['checksum', 'missing-etx', 'length', 'unknown-command', 'bad-address', 'incomplete'];

/**
 * `stallTimeoutMs` defaults to 500: at 9600 baud a whole frame takes ~215 ms, and devices send a
 * frame in one go.
 */
export type FrameParserOptions = ResyncParserOptions<DropReason>;

/**
 * Bytes in, whole frames out ({addr, cmd, payload}). Keeps at most one frame's worth of bytes
 * (< MAX_FRAME): anything longer is either emitted or dropped as soon as it arrives.
 */
export class FrameParser extends ResyncParser<DropReason> {
  constructor(options: FrameParserOptions = {}) {
    super(DROP_REASONS, 500, options);
  }

  protected parse(): void {
    for (;;) {
      const start = this.buf.indexOf(STX);
      if (start < 0) return this.skip(this.buf.length);
      if (start > 0) this.skip(start);
      const b = this.buf;
      // Check each header byte as soon as it arrives, so junk that merely contains 0x02 is
      // rejected without waiting for a length's worth of bytes.
      if (b.length >= 2 && !isValidAddress(b[1])) { this.discard('bad-address'); continue; }
      if (b.length >= 3 && !isCommandByte(b[2])) { this.discard('unknown-command'); continue; }
      if (b.length >= 4 && b[3] > MAX_PAYLOAD) { this.discard('length'); continue; }
      if (b.length < 4) return;
      const total = b[3] + FRAME_OVERHEAD;
      if (b.length < total) return;
      // Missing ETX means the framing is lost: retry from the next STX, which may be inside.
      if (b[total - 1] !== ETX) { this.discard('missing-etx'); continue; }
      // A bad checksum with ETX in place is a whole frame with damaged contents: skip all of it,
      // since payload bytes (a score of 2, say) would otherwise look like new frames.
      if (checksum(b, 1, total - 2) !== b[total - 2]) { this.discard('checksum', total); continue; }
      const frame: Frame = {
        addr: b[1],
        cmd: String.fromCharCode(b[2]) as Command,
        payload: Buffer.from(b.subarray(4, total - 2)), // a copy: don't pin the read chunk
      };
      this.deliver(frame, total);
    }
  }

  /** After parse, whatever is left begins with STX. */
  protected startsFrame(): boolean {
    return this.buf[0] === STX;
  }
}
