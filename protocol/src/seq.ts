import type { Envelope } from './events.ts';

/**
 * The client's half of the seq protocol: apply a message only if nothing was missed since the
 * last one applied; drop duplicates; ask for a fresh snapshot on a gap.
 */
export class SeqTracker {
  private last = -1;

  /** After a `state` snapshot. */
  reset(seq: number): void {
    this.last = seq;
  }

  get lastSeq(): number {
    return this.last;
  }

  accept(m: Envelope): 'apply' | 'duplicate' | 'gap' {
    if (this.last < 0) return 'gap';
    if (m.seq <= this.last) return 'duplicate';
    if (m.prev > this.last) return 'gap';
    this.last = m.seq;
    return 'apply';
  }
}
