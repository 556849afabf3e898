import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { phraseOf, phraseText, synthesiserText } from './phrase.ts';
import { segments, tone } from './testing.ts';
import { loadVoicePack, PAUSES, VoicePack } from './voice-pack.ts';
import { decodeWav, encodeWav, resample, rms, trimSilence } from './wav.ts';

/**
 * Each clip of a test pack is a tone of its own pitch, so the rendered announcement can be read
 * back: which clips, in which order, with which pauses between them.
 */
const NAMES = ['请', '号', '到', '办理', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'window-W01', '综合窗口'];
const pitch = (name: string) => 300 + NAMES.indexOf(name) * 70;
const clipsOf = (names: string[], rate = 22050) => names.map((name) => ({ name, pcm: tone(pitch(name), 160, rate) }));
/** Which clip each sounding stretch is, by its pitch. */
const heard = (pcm: Parameters<typeof segments>[0]) => segments(pcm).map((s) => NAMES.reduce((best, n) => (Math.abs(pitch(n) - s.freq) < Math.abs(pitch(best) - s.freq) ? n : best)));

const TEMPLATE = '请{number}号到{window}办理';
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('a phrase', () => {
  it('keeps the template\'s words and says a ticket number one character at a time', () => {
    const zh = phraseOf('zh', TEMPLATE, 'A012', 'W12', '12号综合窗口');
    expect(phraseText(zh)).toBe('请A012号到12号综合窗口办理');
    // The window's own number stays a number (十二号); the ticket's is read digit by digit.
    expect(synthesiserText(zh)).toBe('请A零一二号到12号综合窗口办理');
    expect(synthesiserText(phraseOf('en', 'Number {number}, please go to {window}', 'b105', 'W1', 'Window 1'))).toBe('Number B, one, zero, five, please go to Window 1');
  });
});

describe('WAV', () => {
  it('reads back what it writes, and refuses what is not 16-bit PCM', () => {
    const p = tone(440, 200, 16000);
    const back = decodeWav(encodeWav(p));
    expect(back.sampleRate).toBe(16000);
    expect([...back.samples]).toEqual([...p.samples]);
    const float = encodeWav(p);
    float.writeUInt16LE(3, 20); // IEEE float
    expect(() => decodeWav(float)).toThrow(/16-bit PCM/);
    expect(() => decodeWav(Buffer.from('not a wav at all'))).toThrow(/RIFF/);
  });

  it('trims a clip\'s silence, keeps its sound, and resamples it', () => {
    const p = tone(500, 300, 22050, 400);
    const t = trimSilence(p);
    expect(t.samples.length / 22050).toBeGreaterThan(0.3);
    expect(t.samples.length / 22050).toBeLessThan(0.36);
    expect(rms(t.samples)).toBeGreaterThan(rms(p.samples));
    const r = resample(p, 44100);
    expect(r.samples.length).toBe(p.samples.length * 2);
    expect(segments(r)[0].freq).toBeCloseTo(500, -1);
  });
});

describe('a voice pack', () => {
  it('says a call with its clips in the order of the words, with pauses between them', () => {
    const pack = new VoicePack(clipsOf(NAMES), 'test');
    const r = pack.render(phraseOf('zh', TEMPLATE, 'A012', 'W01', '1号综合窗口'));
    if (!('pcm' in r)) throw new Error(`missing ${r.missing.join(' ')}`);
    // 号到 has no clip of its own: 号, then 到. The window has its own clip, which wins over its words.
    expect(heard(r.pcm)).toEqual(['请', 'A', '0', '1', '2', '号', '到', 'window-W01', '办理']);
    const s = segments(r.pcm);
    const gaps = s.slice(1).map((x, i) => x.startMs - s[i].endMs);
    // Within the number the pauses are short, between the parts longer; none runs two clips together.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PAUSES.word);
    expect(gaps[2]).toBeLessThan(gaps[0]); // 0→1 (a digit) is closer than 请→A (a part)
    expect(s[0].startMs).toBeGreaterThanOrEqual(PAUSES.edge - 10);
    // Nine clips of 160 ms (trimmed of their 80 ms of silence) and the pauses: about 3 s; untrimmed, 4.
    expect(r.pcm.samples.length / r.pcm.sampleRate).toBeGreaterThan(2.5);
    expect(r.pcm.samples.length / r.pcm.sampleRate).toBeLessThan(3.5);
  });

  it('says a window from the words of its name when it has no clip of its own, longest words first', () => {
    const pack = new VoicePack(clipsOf(NAMES.filter((n) => n !== 'window-W01')), 'test');
    const r = pack.render(phraseOf('zh', TEMPLATE, 'B7', 'W01', '1号综合窗口'));
    if (!('pcm' in r)) throw new Error(`missing ${r.missing.join(' ')}`);
    expect(heard(r.pcm)).toEqual(['请', 'B', '7', '号', '到', '1', '号', '综合窗口', '办理']);
  });

  it('names the words it has no clip for, rather than say half a call', () => {
    const pack = new VoicePack(clipsOf(NAMES.filter((n) => n !== '办理' && n !== '7')), 'test');
    expect(pack.render(phraseOf('zh', TEMPLATE, 'A7', 'W01', '1号综合窗口'))).toEqual({ missing: ['7', '办', '理'] });
  });

  it('loads a folder of WAV files: names from the files, other rates resampled, unreadable clips reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-pack-'));
    dirs.push(dir);
    for (const c of clipsOf(NAMES)) writeFileSync(join(dir, `${c.name}.wav`), encodeWav(c.name === '到' ? resample(c.pcm, 44100) : c.pcm));
    writeFileSync(join(dir, 'README.txt'), 'ignored');
    writeFileSync(join(dir, '坏.wav'), 'not a wav');
    const { pack, problems } = loadVoicePack(dir);
    expect(problems).toEqual(['坏.wav: not a WAV file (no RIFF/WAVE header)']);
    expect(pack.sampleRate).toBe(22050);
    expect(pack.names()).toEqual([...NAMES].sort());
    const r = pack.render(phraseOf('zh', TEMPLATE, 'A9', 'W01', '1号综合窗口'));
    if (!('pcm' in r)) throw new Error(`missing ${r.missing.join(' ')}`);
    expect(heard(r.pcm)).toEqual(['请', 'A', '9', '号', '到', 'window-W01', '办理']);
    // Another recording of one clip is another pack: its cached audio is not reused.
    writeFileSync(join(dir, '请.wav'), encodeWav(tone(pitch('请'), 200)));
    expect(loadVoicePack(dir).pack.id).not.toBe(pack.id);
  });
});
