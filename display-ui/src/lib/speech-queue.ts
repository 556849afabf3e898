/**
 * The caller screen's voice: one announcement at a time, a chime before each, the text repeated as
 * the hall configures it. Without a zh-CN voice it falls back to the chime and a visual flash.
 * The output (Web Speech, Web Audio, timers) is injected, so this runs under test without a browser.
 */
export type SpeechMode = 'detecting' | 'voice' | 'fallback';
/** Why sound may not be heard, for the technician: the browser wants a click first. */
export type SpeechNotice = 'needs-gesture' | null;

export interface Announcement {
  /** De-duplication: the same call (ticket and time) is never queued twice. */
  key: string;
  /** What is spoken. */
  text: string;
  /** What is shown while it plays. */
  number: string;
  windowName: string;
  recall: boolean;
}

export interface QueuedUtterance extends Announcement {
  id: number;
  repeat: number;
  queuedAt: number;
}

export interface SpokenUtterance extends QueuedUtterance {
  mode: 'voice' | 'fallback';
  startedAt: number;
  endedAt: number;
  /** How many times the text was spoken (voice) or flashed (fallback). */
  times: number;
}

export interface SpeechState {
  mode: SpeechMode;
  notice: SpeechNotice;
  queue: QueuedUtterance[];
  current: QueuedUtterance | null;
  /** Newest last, capped. */
  spoken: SpokenUtterance[];
  /** Announcements dropped because they waited too long (a backlog after an outage). */
  dropped: number;
}

export type SpeakResult = 'ok' | 'not-allowed' | 'error';

export interface SpeechOutput {
  /** Whether a zh-CN voice is available. */
  detect(): Promise<'voice' | 'fallback'>;
  chime(): Promise<void>;
  speak(text: string): Promise<SpeakResult>;
  wait(ms: number): Promise<void>;
  now(): number;
}

export interface SpeechOptions {
  /** Silence between announcements. */
  gapMs?: number;
  /** Silence between repetitions of one announcement. */
  repeatGapMs?: number;
  /** How long each flash of the fallback lasts. */
  flashMs?: number;
  /** An announcement that waited longer than this is dropped rather than said late. */
  maxAgeMs?: number;
  /** How many spoken announcements are kept for inspection. */
  keep?: number;
}

export function createSpeechState(): SpeechState {
  return { mode: 'detecting', notice: null, queue: [], current: null, spoken: [], dropped: 0 };
}

export class SpeechQueue {
  private nextId = 1;
  private running = false;
  private readonly keys: string[] = [];
  private readonly o: Required<SpeechOptions>;

  /** `state` may be a reactive proxy: the queue only mutates it through its fields. */
  constructor(private readonly out: SpeechOutput, readonly state: SpeechState = createSpeechState(), opts: SpeechOptions = {}) {
    this.o = { gapMs: 800, repeatGapMs: 600, flashMs: 2500, maxAgeMs: 120_000, keep: 50, ...opts };
  }

  /** Finds out whether a zh-CN voice exists; queued announcements wait for the answer. */
  async start(): Promise<void> {
    this.state.mode = await this.out.detect();
    void this.pump();
  }

  /** A voice appeared (or vanished) later: browsers load their voices lazily. */
  setMode(mode: 'voice' | 'fallback'): void {
    this.state.mode = mode;
    void this.pump();
  }

  /** Queues an announcement; false when that call was already queued or said. */
  enqueue(a: Announcement, repeat: number): boolean {
    if (this.keys.includes(a.key)) return false;
    this.keys.push(a.key);
    if (this.keys.length > 200) this.keys.splice(0, this.keys.length - 200);
    this.state.queue.push({ ...a, id: this.nextId++, repeat: Math.max(1, Math.min(5, Math.round(repeat) || 1)), queuedAt: this.out.now() });
    void this.pump();
    return true;
  }

  /** The browser let sound play again (a click, or the audio policy changed). */
  clearNotice(): void {
    this.state.notice = null;
  }

  /** Plays the queue, one announcement at a time, until it is empty. */
  private async pump(): Promise<void> {
    if (this.running || this.state.mode === 'detecting') return;
    this.running = true;
    try {
      for (let u = this.state.queue.shift(); u; u = this.state.queue.shift()) {
        if (this.out.now() - u.queuedAt > this.o.maxAgeMs) {
          this.state.dropped++;
          continue;
        }
        await this.play(u);
        await this.out.wait(this.o.gapMs);
      }
    } finally {
      this.running = false;
    }
  }

  private async play(u: QueuedUtterance): Promise<void> {
    const startedAt = this.out.now();
    let mode: 'voice' | 'fallback' = this.state.mode === 'voice' ? 'voice' : 'fallback';
    this.state.current = u;
    let times = 0;
    try {
      if (mode === 'voice') {
        await this.out.chime();
        for (let i = 0; i < u.repeat; i++) {
          if (i > 0) await this.out.wait(this.o.repeatGapMs);
          const r = await this.out.speak(u.text);
          if (r === 'not-allowed') {
            this.state.notice = 'needs-gesture';
            mode = 'fallback';
            break;
          }
          times++;
        }
      }
      if (mode === 'fallback') {
        // No voice: a chime and a flash per repetition, so the repetition is still noticed.
        for (; times < u.repeat; times++) {
          if (times > 0) await this.out.wait(this.o.repeatGapMs);
          await Promise.all([this.out.chime(), this.out.wait(this.o.flashMs)]);
        }
      }
    } finally {
      this.state.current = null;
      this.state.spoken.push({ ...u, mode, startedAt, endedAt: this.out.now(), times });
      if (this.state.spoken.length > this.o.keep) this.state.spoken.splice(0, this.state.spoken.length - this.o.keep);
    }
  }
}

const DIGITS = '零一二三四五六七八九';

/**
 * What the voice says: the ticket number read digit by digit ("A012" → "A零一二"), since a
 * speech engine would otherwise say "A十二"; the rest of the configured text is kept.
 */
export function speakable(text: string, number: string): string {
  if (!number || !text.includes(number)) return text;
  const spoken = number.replace(/\d/g, (d) => DIGITS[Number(d)]);
  return text.split(number).join(spoken);
}
