import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHallConfig } from '@onewindow/config';
import type { CallView } from '@onewindow/protocol';
import { segments, tone } from '../src/services/voice/testing.ts';
import { decodeWav, durationSec, encodeWav, rms } from '../src/services/voice/wav.ts';
import { DEFAULT_CONFIG, nextEvent, startTestServer, type TestServer } from './helper.ts';

/**
 * The caller screens' voice through the real server: a call carries its announcement, and its
 * audioUrl answers WAV that is Mandarin speech (the built-in synthesiser, eSpeak NG in WebAssembly,
 * really run) or the hall's voice pack (clips here are tones of their own pitch, so the order can
 * be read back). The audio is decoded and measured: a valid WAV, a length that fits the words, and
 * sound, not silence.
 */
async function fetchAudio(url: string, headers: Record<string, string> = {}) {
  const r = await fetch(url, { headers });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

async function calledOnScreen(srv: TestServer): Promise<{ call: CallView; clerk: string }> {
  const screen = srv.socket({ token: await srv.device('display') });
  await nextEvent(screen, 'state');
  const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
  await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } });
  const clerk = (await srv.user('clerk')).token;
  await srv.api('/api/windows/W01/sign-in', { token: clerk, body: {} });
  const called = nextEvent<{ call: CallView }>(screen, 'ticket:called', 5000);
  await srv.api('/api/windows/W01/call-next', { token: clerk, body: {} });
  return { call: (await called).call, clerk };
}

describe('the built-in synthesiser', () => {
  let srv: TestServer;
  beforeAll(async () => { srv = await startTestServer(); });
  afterAll(async () => { await srv?.close(); });

  it('gives every call an announcement whose audio is Mandarin speech of a plausible length, cached', async () => {
    const { call, clerk } = await calledOnScreen(srv);
    expect(call.announcement).toMatchObject({
      text: '请A001号到1号综合窗口办理', audioUrl: expect.stringMatching(/^\/api\/announcements\/[0-9a-f]{24}\.wav$/),
      en: { text: 'Number A001, please go to Window 1', audioUrl: expect.stringMatching(/^\/api\/announcements\/[0-9a-f]{24}\.wav$/) },
    });

    const zh = await fetchAudio(srv.url + call.announcement!.audioUrl!);
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-type')).toBe('audio/wav');
    expect(zh.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const pcm = decodeWav(zh.body);
    // "请 A 零一二 号 到 一号综合窗口 办理": fourteen syllables and a letter, at 150 words a minute.
    expect(durationSec(pcm)).toBeGreaterThan(2.5);
    expect(durationSec(pcm)).toBeLessThan(8);
    expect(rms(pcm.samples)).toBeGreaterThan(0.03);
    // Speech: several sounding stretches, not one tone and not noise throughout.
    expect(segments(pcm, 0.02).length).toBeGreaterThan(3);

    // The same phrase again: the same bytes from the cache, and 304 for a screen that has them.
    const again = await fetchAudio(srv.url + call.announcement!.audioUrl!);
    expect(again.body.equals(zh.body)).toBe(true);
    const etag = zh.headers.get('etag')!;
    expect((await fetchAudio(srv.url + call.announcement!.audioUrl!, { 'if-none-match': etag })).status).toBe(304);
    expect(readdirSync(join(srv.dataDir, 'voice-cache'))).toContain(`${etag.slice(1, -1)}.wav`);

    // A recall says the same words: the same audio.
    const screen = srv.socket({ token: await srv.device('display') });
    await nextEvent(screen, 'state');
    const recalled = nextEvent<{ call: CallView }>(screen, 'ticket:recalled');
    await srv.api('/api/windows/W01/recall', { token: clerk, body: {} });
    expect((await recalled).call.announcement!.audioUrl).toBe(call.announcement!.audioUrl);

    const en = decodeWav((await fetchAudio(srv.url + call.announcement!.en!.audioUrl!)).body);
    expect(durationSec(en)).toBeGreaterThan(2);
    expect(rms(en.samples)).toBeGreaterThan(0.02);
    expect(en.samples.length).not.toBe(pcm.samples.length);
  }, 60_000);

  it('answers 404 for a key it never gave out and 400 for what is not a key', async () => {
    expect((await fetchAudio(`${srv.url}/api/announcements/${'0'.repeat(24)}.wav`)).status).toBe(404);
    const bad = await fetchAudio(`${srv.url}/api/announcements/..%2Fhall.wav`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error.code).toBe('VALIDATION_FAILED');
  });

  it('serves audio rendered before a restart from the data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-voice-'));
    try {
      let s = await startTestServer({ dataDir });
      const { call } = await calledOnScreen(s);
      const first = await fetchAudio(s.url + call.announcement!.audioUrl!);
      await s.close();
      s = await startTestServer({ dataDir });
      const after = await fetchAudio(s.url + call.announcement!.audioUrl!);
      await s.close();
      expect(after.status).toBe(200);
      expect(after.body.equals(first.body)).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a voice pack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ow-voice-pack-'));
  const names = ['请', '号', '到', '办理', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'window-W01'];
  const pitch = (n: string) => 300 + names.indexOf(n) * 70;
  let srv: TestServer;
  beforeAll(async () => {
    for (const n of names) writeFileSync(join(dir, `${n}.wav`), encodeWav(tone(pitch(n), 150)));
    const config = { ...loadHallConfig(DEFAULT_CONFIG), voice: { pack: dir } };
    srv = await startTestServer({ config });
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says the call with the hall\'s clips, in order', async () => {
    const { call } = await calledOnScreen(srv);
    const r = await fetchAudio(srv.url + call.announcement!.audioUrl!);
    expect(r.status).toBe(200);
    const heard = segments(decodeWav(r.body)).map((s) => names.reduce((a, b) => (Math.abs(pitch(b) - s.freq) < Math.abs(pitch(a) - s.freq) ? b : a)));
    expect(heard).toEqual(['请', 'A', '0', '0', '1', '号', '到', 'window-W01', '办理']);
    expect(existsSync(join(srv.dataDir, 'voice-cache'))).toBe(true);
  }, 30_000);

  it('lets the synthesiser say what the pack has no clips for (a window without its clip)', async () => {
    const clerk = (await srv.user('clerk')).token;
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'tax' } });
    await srv.api('/api/windows/W03/sign-in', { token: clerk, body: {} });
    const { ticket } = await srv.api('/api/windows/W03/call-next', { token: clerk, body: {} });
    const screen = srv.socket({ token: await srv.device('display') });
    const state = await nextEvent<{ recentCalls: CallView[] }>(screen, 'state');
    const call = state.recentCalls.find((c) => c.number === ticket.number)!;
    const pcm = decodeWav((await fetchAudio(srv.url + call.announcement!.audioUrl!)).body);
    // Speech, not the pack's tones: 综合窗口 has no clip, so the whole call is the synthesiser's.
    expect(pcm.sampleRate).toBe(22050);
    expect(durationSec(pcm)).toBeGreaterThan(2.5);
    expect(rms(pcm.samples)).toBeGreaterThan(0.03);
  }, 60_000);
});

describe('a hall without server voice (voice.source: browser)', () => {
  it('sends the words and no audio, so the screens use their own voice', async () => {
    const config = { ...loadHallConfig(DEFAULT_CONFIG), voice: { source: 'browser' as const } };
    const srv = await startTestServer({ config });
    try {
      const { call } = await calledOnScreen(srv);
      expect(call.announcement).toEqual({ text: '请A001号到1号综合窗口办理', en: { text: 'Number A001, please go to Window 1' } });
    } finally {
      await srv.close();
    }
  });
});
