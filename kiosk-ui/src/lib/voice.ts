/** The parts of the Web Speech API the kiosk uses, so tests can pass a fake. */
export interface UtteranceLike { text: string; lang: string; rate: number; voice?: unknown }
export interface SynthLike {
  speak(u: UtteranceLike): void;
  cancel(): void;
  getVoices?(): { lang: string; name: string }[];
}

/**
 * Voice guidance for elderly mode. Each new sentence replaces the one being read (a visitor who
 * touches on does not want to hear the last screen). Without speechSynthesis it does nothing,
 * but still keeps its log, which tests read.
 */
/** Whether the kiosk can speak a language: 'detecting' while the browser may still be loading its voices. */
export type VoiceState = 'detecting' | 'voice' | 'none';

const matches = (voiceLang: string, lang: string) => voiceLang.replace('_', '-').toLowerCase().startsWith(lang.slice(0, 2).toLowerCase());

export class Voice {
  readonly log: string[] = [];
  /** The last answer of `detect`, for the screen and for tests (`window.__kioskVoice.state`). */
  state: VoiceState = 'detecting';

  constructor(private readonly synth: SynthLike | null, private readonly make: ((text: string) => UtteranceLike) | null) {}

  get available(): boolean {
    return this.synth !== null && this.make !== null;
  }

  say(text: string, lang: string, rate = 0.85): void {
    if (!text) return;
    this.log.push(text);
    if (this.log.length > 50) this.log.shift();
    if (!this.synth || !this.make) return;
    try {
      this.synth.cancel();
      const u = this.make(text);
      u.lang = lang;
      u.rate = rate;
      const voice = this.synth.getVoices?.().find((v) => matches(v.lang, lang));
      if (voice) u.voice = voice;
      this.synth.speak(u);
    } catch {
      // A browser without voices or audio: the screen still says everything.
    }
  }

  /** Whether a voice speaks this language now. */
  has(lang: string): boolean {
    if (!this.synth || !this.make) return false;
    try {
      return (this.synth.getVoices?.() ?? []).some((v) => matches(v.lang, lang));
    } catch {
      return false;
    }
  }

  /**
   * Whether this kiosk can speak the language, waiting a moment for browsers that load their
   * voices late (Chromium does); without one the screen says so, as the caller screen does.
   */
  async detect(lang: string, waitMs = 1500, step = 150, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<VoiceState> {
    for (let waited = 0; !this.has(lang) && waited < waitMs && this.synth; waited += step) await sleep(step);
    this.state = this.has(lang) ? 'voice' : 'none';
    return this.state;
  }

  stop(): void {
    try {
      this.synth?.cancel();
    } catch {
      /* nothing to stop */
    }
  }
}

/** The browser's speech, when it has one. */
export function browserVoice(w: { speechSynthesis?: unknown; SpeechSynthesisUtterance?: unknown } = globalThis as never): Voice {
  const synth = (w.speechSynthesis ?? null) as SynthLike | null;
  const Ctor = w.SpeechSynthesisUtterance as (new (text: string) => UtteranceLike) | undefined;
  return new Voice(synth, Ctor ? (text) => new Ctor(text) : null);
}
