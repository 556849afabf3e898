/**
 * "It's your turn" on a phone: a vibration and a short two-tone beep, where the phone allows.
 * Browsers allow sound (and often vibration) only after the visitor touched the page, so the
 * page offers a button that calls `enable()` once; `ring()` then works when the call comes.
 */
export const CALL_VIBRATION = [400, 150, 400, 150, 800];

type AudioCtor = typeof AudioContext;

export class CallAlert {
  private ctx: AudioContext | null = null;
  enabled = false;

  constructor(private readonly win: Window & typeof globalThis = window) {}

  get canVibrate(): boolean { return typeof this.win.navigator.vibrate === 'function'; }
  get canBeep(): boolean { return this.audioCtor() !== null; }

  /** From a touch: unlocks sound; a short buzz shows it works. */
  async enable(): Promise<boolean> {
    const Ctor = this.audioCtor();
    try {
      if (Ctor && !this.ctx) this.ctx = new Ctor();
      if (this.ctx?.state === 'suspended') await this.ctx.resume();
    } catch {
      this.ctx = null;
    }
    this.vibrate([60]);
    this.enabled = true;
    return this.ctx !== null || this.canVibrate;
  }

  /** Rings once for a call: returns what the phone actually did. */
  ring(): { vibrated: boolean; beeped: boolean } {
    return { vibrated: this.vibrate(CALL_VIBRATION), beeped: this.beep() };
  }

  private vibrate(pattern: number[]): boolean {
    try {
      return this.canVibrate ? this.win.navigator.vibrate(pattern) : false;
    } catch {
      return false;
    }
  }

  private beep(): boolean {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return false;
    const t0 = ctx.currentTime;
    [[880, 0], [660, 0.28], [880, 0.56]].forEach(([freq, at]) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0 + at);
      gain.gain.exponentialRampToValueAtTime(0.4, t0 + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + at + 0.24);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0 + at);
      osc.stop(t0 + at + 0.26);
    });
    return true;
  }

  private audioCtor(): AudioCtor | null {
    const w = this.win as unknown as { AudioContext?: AudioCtor; webkitAudioContext?: AudioCtor };
    return w.AudioContext ?? w.webkitAudioContext ?? null;
  }
}
