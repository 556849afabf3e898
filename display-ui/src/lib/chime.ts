/**
 * A two-note "ding-dong" synthesised with the Web Audio API: no audio files to ship or load.
 * Guarded: without Web Audio (or before the browser allows sound) it stays silent but still takes
 * its time, so the announcements keep their rhythm.
 */
export const CHIME_MS = 1400;

type Ctor = typeof AudioContext;

export interface Chime {
  play(): Promise<void>;
  /** Whether sound can play now: false while the browser holds audio until a click. */
  ready(): boolean;
  /** Call from a user gesture: lets a suspended audio context play. */
  unlock(): Promise<void>;
  available: boolean;
}

export function createChime(win: { AudioContext?: Ctor; webkitAudioContext?: Ctor } = window as never): Chime {
  const Impl: Ctor | undefined = win.AudioContext ?? win.webkitAudioContext;
  let ctx: AudioContext | null = null;
  const context = (): AudioContext | null => {
    if (!Impl) return null;
    try {
      ctx ??= new Impl();
    } catch {
      return null;
    }
    return ctx;
  };
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

  function note(c: AudioContext, freq: number, start: number, length: number): void {
    for (const [mult, level] of [[1, 0.32], [2, 0.08], [3, 0.03]] as const) {
      const osc = c.createOscillator();
      const gain = c.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq * mult;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(level, start + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
      osc.connect(gain).connect(c.destination);
      osc.start(start);
      osc.stop(start + length + 0.05);
    }
  }

  return {
    available: Boolean(Impl),
    ready: () => {
      const c = context();
      return c !== null && c.state === 'running';
    },
    async unlock() {
      const c = context();
      if (c && c.state === 'suspended') await Promise.race([c.resume(), sleep(500)]).catch(() => undefined);
    },
    async play() {
      const c = context();
      if (c) {
        try {
          if (c.state === 'suspended') void c.resume().catch(() => undefined);
          const t = c.currentTime + 0.02;
          note(c, 659.25, t, 0.7); // E5
          note(c, 523.25, t + 0.45, 0.9); // C5
        } catch {
          // A broken audio device must not stop the announcements.
        }
      }
      await sleep(CHIME_MS);
    },
  };
}
