import type { Pcm } from './wav.ts';

/**
 * Test helpers for announcement audio: tones that stand for recorded clips, and the reading of a
 * rendered announcement back into its sounding stretches and their pitch.
 */

/** A clip: `padMs` of silence, a sine at `freq` Hz for `ms`, `padMs` of silence (as a recording would have). */
export function tone(freq: number, ms: number, sampleRate = 22050, padMs = 80, level = 0.5): Pcm {
  const pad = Math.round((padMs / 1000) * sampleRate);
  const n = Math.round((ms / 1000) * sampleRate);
  const samples = new Int16Array(pad * 2 + n);
  for (let i = 0; i < n; i++) samples[pad + i] = Math.round(Math.sin((2 * Math.PI * freq * i) / sampleRate) * level * 32767);
  return { sampleRate, samples };
}

/** The sounding stretches of a recording: start and end in ms, and the pitch (from zero crossings). */
export function segments(p: Pcm, threshold = 0.01): { startMs: number; endMs: number; freq: number }[] {
  const win = Math.round(p.sampleRate / 200); // 5 ms
  const loud: boolean[] = [];
  for (let i = 0; i < p.samples.length; i += win) {
    let sum = 0;
    const end = Math.min(p.samples.length, i + win);
    for (let j = i; j < end; j++) sum += p.samples[j] * p.samples[j];
    loud.push(Math.sqrt(sum / (end - i)) / 32768 >= threshold);
  }
  const out: { startMs: number; endMs: number; freq: number }[] = [];
  for (let w = 0; w < loud.length;) {
    if (!loud[w]) { w++; continue; }
    const start = w;
    while (w < loud.length && loud[w]) w++;
    const a = start * win;
    const b = Math.min(p.samples.length, w * win);
    // Pitch from the first to the last zero crossing: the quiet edges of the stretch do not dilute it.
    const crossings: number[] = [];
    for (let i = a + 1; i < b; i++) if ((p.samples[i - 1] < 0) !== (p.samples[i] < 0)) crossings.push(i);
    const span = crossings.length > 1 ? (crossings[crossings.length - 1] - crossings[0]) / p.sampleRate : 0;
    out.push({ startMs: (a / p.sampleRate) * 1000, endMs: (b / p.sampleRate) * 1000, freq: span > 0 ? (crossings.length - 1) / 2 / span : 0 });
  }
  return out;
}
