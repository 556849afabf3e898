/**
 * WAV (RIFF, 16-bit PCM) in and out, and the few sample operations announcements need: trimming a
 * recorded clip's silence, joining clips with pauses, resampling a clip recorded at another rate,
 * and the RMS level. Pure: buffers in, buffers out.
 */
export interface Pcm {
  sampleRate: number;
  /** Mono, 16-bit. */
  samples: Int16Array;
}

export class WavError extends Error {}

export function encodeWav({ sampleRate, samples }: Pcm): Buffer {
  const data = samples.length * 2;
  const b = Buffer.alloc(44 + data);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + data, 4);
  b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(sampleRate, 24);
  b.writeUInt32LE(sampleRate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(data, 40);
  for (let i = 0; i < samples.length; i++) b.writeInt16LE(samples[i], 44 + i * 2);
  return b;
}

/** Reads 16-bit PCM WAV (mono, or stereo mixed down); anything else is refused with the reason. */
export function decodeWav(buf: Buffer): Pcm {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new WavError('not a WAV file (no RIFF/WAVE header)');
  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | null = null;
  for (let at = 12; at + 8 <= buf.length;) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      fmt = { format: buf.readUInt16LE(body), channels: buf.readUInt16LE(body + 2), sampleRate: buf.readUInt32LE(body + 4), bits: buf.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!fmt) throw new WavError('data before fmt');
      // WAVE_FORMAT_EXTENSIBLE (0xfffe) carries PCM too; its sub-format is not checked beyond the bit depth.
      if ((fmt.format !== 1 && fmt.format !== 0xfffe) || fmt.bits !== 16) throw new WavError(`16-bit PCM needed, found format ${fmt.format} with ${fmt.bits} bits`);
      if (fmt.channels < 1 || fmt.channels > 2) throw new WavError(`mono or stereo needed, found ${fmt.channels} channels`);
      const end = Math.min(buf.length, body + size);
      const frames = Math.floor((end - body) / (2 * fmt.channels));
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i++) {
        const p = body + i * 2 * fmt.channels;
        samples[i] = fmt.channels === 1 ? buf.readInt16LE(p) : Math.round((buf.readInt16LE(p) + buf.readInt16LE(p + 2)) / 2);
      }
      return { sampleRate: fmt.sampleRate, samples };
    }
    at = body + size + (size % 2);
  }
  throw new WavError('no data chunk');
}

export function durationSec(p: Pcm): number {
  return p.samples.length / p.sampleRate;
}

/** Root mean square of the samples, as a fraction of full scale (0 … 1). */
export function rms(samples: Int16Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i] * samples[i];
  return to > from ? Math.sqrt(sum / (to - from)) / 32768 : 0;
}

/**
 * Cuts the silence a recording has before and after the word (anything quieter than `threshold` of
 * full scale over 10 ms), keeping `keepMs` of it so that consonants are not clipped.
 */
export function trimSilence(p: Pcm, threshold = 0.02, keepMs = 15): Pcm {
  const win = Math.max(1, Math.round(p.sampleRate / 100));
  const loud = (i: number) => rms(p.samples, i, Math.min(p.samples.length, i + win)) >= threshold;
  let start = 0;
  while (start < p.samples.length && !loud(start)) start += win;
  let end = p.samples.length;
  while (end > start && !loud(Math.max(start, end - win))) end -= win;
  if (start >= end) return { sampleRate: p.sampleRate, samples: new Int16Array(0) };
  const keep = Math.round((keepMs / 1000) * p.sampleRate);
  return { sampleRate: p.sampleRate, samples: p.samples.slice(Math.max(0, start - keep), Math.min(p.samples.length, end + keep)) };
}

/** Linear resampling: enough for speech clips recorded at another common rate. */
export function resample(p: Pcm, rate: number): Pcm {
  if (p.sampleRate === rate) return p;
  const n = Math.max(0, Math.round((p.samples.length * rate) / p.sampleRate));
  const out = new Int16Array(n);
  const step = p.sampleRate / rate;
  for (let i = 0; i < n; i++) {
    const x = i * step;
    const a = Math.floor(x);
    const b = Math.min(p.samples.length - 1, a + 1);
    out[i] = Math.round(p.samples[a] + (p.samples[b] - p.samples[a]) * (x - a));
  }
  return { sampleRate: rate, samples: out };
}

/** Clips (all at `sampleRate`) and pauses in milliseconds, one after another. */
export type Piece = Pcm | { pauseMs: number };

export function join(pieces: Piece[], sampleRate: number): Pcm {
  const lengths = pieces.map((p) => ('pauseMs' in p ? Math.round((p.pauseMs / 1000) * sampleRate) : p.samples.length));
  const samples = new Int16Array(lengths.reduce((a, b) => a + b, 0));
  let at = 0;
  pieces.forEach((p, i) => {
    if (!('pauseMs' in p)) {
      if (p.sampleRate !== sampleRate) throw new WavError(`a clip at ${p.sampleRate} Hz among clips at ${sampleRate} Hz`);
      samples.set(p.samples, at);
    }
    at += lengths[i];
  });
  return { sampleRate, samples };
}
