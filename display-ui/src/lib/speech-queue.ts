/**
 * The caller screen's voice: one announcement at a time, a chime before each, repeated as the hall
 * configures it. Each call is said, best first, by the audio the server rendered for it (the hall's
 * voice pack or its synthesiser: every screen speaks, whatever its browser has), else by the
 * browser's own voice for the screen's language, else by the chime and a visual flash.
 * The output (audio element, Web Speech, Web Audio, timers) is injected, so this runs under test
 * without a browser.
 */
export type SpeechMode = 'detecting' | Channel;
/** How an announcement was (or will be) said. */
export type Channel = 'audio' | 'voice' | 'fallback';
/** Why sound may not be heard, for the technician: the browser wants a click first. */
export type SpeechNotice = 'needs-gesture' | null;

export interface Announcement {
  /** De-duplication: the same call (ticket and time) is never queued twice. */
  key: string;
  /** What is spoken by the browser's voice. */
  text: string;
  /** Its language, for the browser's voice: 'zh-CN' or 'en'. */
  lang?: string;
  /** The server's rendering of the words, when the hall has one. */
  audioUrl?: string | null;
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
  mode: Channel;
  startedAt: number;
  endedAt: number;
  /** How many times the text was said (audio or voice) or flashed (fallback). */
  times: number;
}

export interface SpeechState {
  /** What the screen says calls with now (the last announcement's way, or what it expects to use). */
  mode: SpeechMode;
  notice: SpeechNotice;
  queue: QueuedUtterance[];
  current: QueuedUtterance | null;
  /** Newest last, capped. */
  spoken: SpokenUtterance[];
  /** Announcements dropped because they waited too long (a backlog after an outage). */
  dropped: number;
  /** Server audio that could not be played (fetched or decoded): the browser's voice or the chime stood in. */
  audioFailures: number;
}

export type SpeakResult = 'ok' | 'not-allowed' | 'error';

export interface SpeechOutput {
  /** Waits (briefly) for the browser's voices: whether one speaks this language. */
  detect(lang: string): Promise<boolean>;
  /** Whether a voice for this language is there now (browsers load voices lazily). */
  hasVoice(lang: string): boolean;
  chime(): Promise<void>;
  speak(text: string, lang: string): Promise<SpeakResult>;
  /** Plays the server's audio to its end. */
  play(url: string): Promise<SpeakResult>;
  /** Starts fetching the audio, so that it is ready when the chime ends. */
  preload?(url: string): void;
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
  return { mode: 'detecting', notice: null, queue: [], current: null, spoken: [], dropped: 0, audioFailures: 0 };
}

export class SpeechQueue {
  private nextId = 1;
  private running = false;
  private detected = false;
  private serverAudio = false;
  private lang = 'zh-CN';
  private readonly keys: string[] = [];
  private readonly o: Required<SpeechOptions>;

  /** `state` may be a reactive proxy: the queue only mutates it through its fields. */
  constructor(private readonly out: SpeechOutput, readonly state: SpeechState = createSpeechState(), opts: SpeechOptions = {}) {
    this.o = { gapMs: 800, repeatGapMs: 600, flashMs: 2500, maxAgeMs: 120_000, keep: 50, ...opts };
  }

  /** Finds out whether the browser has a voice for the screen's language; queued announcements wait for the answer. */
  async start(lang = this.lang): Promise<void> {
    this.lang = lang;
    await this.out.detect(lang);
    this.detected = true;
    this.refreshMode();
    void this.pump();
  }

  /** The hall renders its calls as audio (or stopped doing so). */
  setServerAudio(on: boolean): void {
    this.serverAudio = on;
    if (this.detected) this.refreshMode();
  }

  /** The screen's language changed, or a voice appeared (or vanished) later: browsers load their voices lazily. */
  refresh(lang = this.lang): void {
    this.lang = lang;
    if (this.detected) this.refreshMode();
    void this.pump();
  }

  /** Queues an announcement; false when that call was already queued or said. */
  enqueue(a: Announcement, repeat: number): boolean {
    if (this.keys.includes(a.key)) return false;
    this.keys.push(a.key);
    if (this.keys.length > 200) this.keys.splice(0, this.keys.length - 200);
    this.state.queue.push({ ...a, id: this.nextId++, repeat: Math.max(1, Math.min(5, Math.round(repeat) || 1)), queuedAt: this.out.now() });
    if (a.audioUrl) this.out.preload?.(a.audioUrl);
    void this.pump();
    return true;
  }

  /** The browser let sound play again (a click, or the audio policy changed). */
  clearNotice(): void {
    this.state.notice = null;
  }

  private refreshMode(): void {
    this.state.mode = this.serverAudio ? 'audio' : this.out.hasVoice(this.lang) ? 'voice' : 'fallback';
  }

  /** Plays the queue, one announcement at a time, until it is empty. */
  private async pump(): Promise<void> {
    if (this.running || !this.detected) return;
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
    const lang = u.lang ?? this.lang;
    let channel: Channel = u.audioUrl ? 'audio' : this.out.hasVoice(lang) ? 'voice' : 'fallback';
    this.state.current = u;
    let times = 0;
    try {
      if (channel !== 'fallback') {
        this.state.mode = channel;
        await this.out.chime();
        while (times < u.repeat && channel !== 'fallback') {
          if (times > 0) await this.out.wait(this.o.repeatGapMs);
          const r = channel === 'audio' ? await this.out.play(u.audioUrl!) : await this.out.speak(u.text, lang);
          if (r === 'not-allowed') {
            this.state.notice = 'needs-gesture';
            channel = 'fallback';
          } else if (r === 'error' && channel === 'audio') {
            // The server's audio did not come (or not play): the browser's voice, else the chime, says it.
            this.state.audioFailures++;
            channel = this.out.hasVoice(lang) ? 'voice' : 'fallback';
            if (channel === 'voice') this.state.mode = 'voice';
          } else {
            times++;
          }
        }
      }
      if (channel === 'fallback') {
        this.state.mode = 'fallback';
        // No voice: a chime and a flash per repetition, so the repetition is still noticed.
        for (; times < u.repeat; times++) {
          if (times > 0) await this.out.wait(this.o.repeatGapMs);
          await Promise.all([this.out.chime(), this.out.wait(this.o.flashMs)]);
        }
      }
    } finally {
      this.state.current = null;
      this.state.spoken.push({ ...u, mode: channel, startedAt, endedAt: this.out.now(), times });
      if (this.state.spoken.length > this.o.keep) this.state.spoken.splice(0, this.state.spoken.length - this.o.keep);
    }
  }
}

const DIGITS = '零一二三四五六七八九';

/**
 * What the browser's voice says: the ticket number read one character at a time ("A012" →
 * "A零一二", in English "A 0 1 2"), since a speech engine would otherwise say "A十二" or "A twelve";
 * the rest of the configured text is kept.
 */
export function speakable(text: string, number: string, lang = 'zh-CN'): string {
  if (!number || !text.includes(number)) return text;
  const spoken = lang.startsWith('zh') ? number.replace(/\d/g, (d) => DIGITS[Number(d)]) : [...number].join(' ');
  return text.split(number).join(spoken);
}
