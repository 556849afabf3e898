import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Phrase } from './phrase.ts';
import { decodeWav, join as joinPcm, resample, trimSilence, type Pcm, type Piece } from './wav.ts';

/**
 * A hall's own recorded voice: a folder of short WAV clips named by what they say (docs/config.md,
 * "Voice pack"): `0.wav` … `9.wav`, `A.wav` … `Z.wav`, `请.wav`, `号.wav`, `到.wav`, `办理.wav`, and a
 * clip per window, `window-W01.wav` (or the words of its name). An announcement is the clips
 * of its words one after another, each trimmed of its silence, with short pauses between them.
 */
export interface PackClip { name: string; pcm: Pcm }

/** The pauses between clips, in milliseconds: close within a number, longer between its parts. */
export const PAUSES = { edge: 120, digit: 70, word: 60, part: 180, punctuation: 300 } as const;

const PUNCTUATION = /^[\s,，.。、;；:：!！?？()（）\-—]$/u;

export class VoicePack {
  readonly id: string;
  readonly sampleRate: number;
  private readonly clips = new Map<string, Pcm>();
  /** Clip names that are words (not window-<id> or digits), longest first for greedy matching. */
  private readonly wordNames: string[];

  constructor(clips: PackClip[], id: string) {
    if (clips.length === 0) throw new Error('the voice pack has no clips');
    this.id = id;
    // The pack's rate is the one most of its clips have; the others are resampled to it.
    const rates = new Map<number, number>();
    for (const c of clips) rates.set(c.pcm.sampleRate, (rates.get(c.pcm.sampleRate) ?? 0) + 1);
    this.sampleRate = [...rates.entries()].sort((a, b) => b[1] - a[1])[0][0];
    for (const c of clips) this.clips.set(c.name, trimSilence(resample(c.pcm, this.sampleRate)));
    this.wordNames = [...this.clips.keys()].filter((n) => !n.startsWith('window-')).sort((a, b) => [...b].length - [...a].length);
  }

  names(): string[] {
    return [...this.clips.keys()].sort();
  }

  /**
   * The phrase from clips, or the words no clip says (then nothing is rendered: the caller falls
   * back to the synthesiser rather than say half a call).
   */
  render(p: Phrase): { pcm: Pcm } | { missing: string[] } {
    const pieces: Piece[] = [{ pauseMs: PAUSES.edge }];
    const missing: string[] = [];
    const clip = (name: string): Pcm | null => this.clips.get(name) ?? null;
    p.parts.forEach((part, i) => {
      if (i > 0) pieces.push({ pauseMs: PAUSES.part });
      if (part.kind === 'number') {
        [...part.text].forEach((c, j) => {
          const k = clip(c.toUpperCase());
          if (!k) missing.push(c.toUpperCase());
          else pieces.push(...(j > 0 ? [{ pauseMs: PAUSES.digit }] : []), k);
        });
        return;
      }
      const own = part.kind === 'window' ? clip(`window-${part.windowId}`) : null;
      if (own) pieces.push(own);
      else this.sayText(part.text, pieces, missing);
    });
    pieces.push({ pauseMs: PAUSES.edge });
    return missing.length > 0 ? { missing: [...new Set(missing)] } : { pcm: joinPcm(pieces, this.sampleRate) };
  }

  /** Text said by the longest clips that match it from the left. */
  private sayText(text: string, pieces: Piece[], missing: string[]): void {
    const chars = [...text.normalize('NFC')];
    let first = true;
    for (let i = 0; i < chars.length;) {
      if (PUNCTUATION.test(chars[i])) {
        pieces.push({ pauseMs: PAUSES.punctuation });
        i++;
        first = true;
        continue;
      }
      const rest = chars.slice(i).join('');
      const word = this.wordNames.find((w) => rest.startsWith(w));
      if (!word) {
        missing.push(chars[i]);
        i++;
        continue;
      }
      if (!first) pieces.push({ pauseMs: PAUSES.word });
      pieces.push(this.clips.get(word)!);
      first = false;
      i += [...word].length;
    }
  }
}

/**
 * Reads a voice pack folder: every `*.wav` is a clip named by its file name (NFC), other files are
 * ignored. A clip that is not 16-bit PCM WAV is reported by name. The pack's id changes with any
 * clip's name, size or time, so cached audio of an older recording is never served.
 */
export function loadVoicePack(dir: string): { pack: VoicePack; problems: string[] } {
  const clips: PackClip[] = [];
  const problems: string[] = [];
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) {
    if (extname(file).toLowerCase() !== '.wav') continue;
    const path = join(dir, file);
    const name = file.slice(0, -4).normalize('NFC');
    try {
      const st = statSync(path);
      clips.push({ name: /^[a-z]$/.test(name) ? name.toUpperCase() : name, pcm: decodeWav(readFileSync(path)) });
      hash.update(`${name}\0${st.size}\0${st.mtimeMs}\n`);
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`);
    }
  }
  return { pack: new VoicePack(clips, `pack:${hash.digest('hex').slice(0, 16)}`), problems };
}
