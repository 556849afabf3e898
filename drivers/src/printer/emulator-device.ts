// The printer inside the emulators: decodes what it is sent, keeps the jobs it "printed" and answers
// DLE EOT like an Epson-class printer. No transport here: emulator.ts puts it behind TCP, tests put
// it behind a pty.
import { EscPosDecoder, type EscPosOp } from './decode.ts';
import { encodeStatus, type StatusConditions } from './status.ts';

export type PaperLevel = 'ok' | 'near-end' | 'out';
export type EmulatedError = NonNullable<StatusConditions['error']>;

export class EmulatedPrinter {
  paper: PaperLevel = 'ok';
  coverOpen = false;
  /** a silent printer answers no status query and prints nothing (hung, or half-dead network card) */
  silent = false;
  error: EmulatedError | null = null;
  /** content operations thrown away because the printer could not print at the time */
  dropped = 0;
  private readonly chunks: Buffer[] = [];
  private readonly done: EscPosOp[][] = [];
  private current: EscPosOp[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly encoding = 'gb18030') {}

  get received(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Jobs printed so far: the operations up to and including each cut. */
  jobs(): EscPosOp[][] {
    return this.done.map((j) => [...j]);
  }

  /** Called after every printed job. */
  onJob(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private get printable(): boolean {
    return this.paper !== 'out' && !this.coverOpen && !this.silent && this.error === null;
  }

  /**
   * One byte stream (a TCP connection, a serial line): returns a function taking received bytes and
   * returning the bytes to answer. A command cut off by a disconnect dies with its session.
   */
  session(): (chunk: Buffer) => Buffer {
    const decoder = new EscPosDecoder({ encoding: this.encoding });
    return (chunk) => {
      this.chunks.push(Buffer.from(chunk));
      const replies: number[] = [];
      for (const op of decoder.push(chunk)) {
        if (op.op === 'status') {
          const conditions = { paper: this.paper, coverOpen: this.coverOpen, error: this.error };
          if (!this.silent && op.n >= 1 && op.n <= 4) replies.push(encodeStatus(conditions)[op.n - 1]);
        } else if (!this.printable) {
          // Simplification: a real printer would keep the bytes and stall; dropping them makes a
          // driver that sends to a printer without paper visibly lose the ticket.
          this.dropped++;
          this.current = [];
        } else {
          this.current.push(op);
          if (op.op === 'cut') {
            this.done.push(this.current);
            this.current = [];
            for (const l of this.listeners) l();
          }
        }
      }
      return Buffer.from(replies);
    };
  }
}
