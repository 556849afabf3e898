import { describe, expect, it } from 'vitest';
import { SpeechQueue, speakable, type Announcement, type SpeakResult, type SpeechOutput } from './speech-queue.ts';

/**
 * A speech output on a virtual clock that records what it was asked to do, and any overlap.
 * `voice`: whether the browser has a voice; `results`: what speaking and playing answer, in turn.
 */
function fakeOutput(mode: 'voice' | 'fallback', results: SpeakResult[] = []) {
  let t = 0;
  let speaking = 0;
  const log: string[] = [];
  const say = async (what: string, ms: number) => {
    if (speaking++ > 0) out.overlaps++;
    log.push(what);
    await new Promise((r) => setTimeout(r, 0));
    t += ms;
    speaking--;
    return results.shift() ?? 'ok';
  };
  const out: SpeechOutput & { log: string[]; overlaps: number } = {
    log, overlaps: 0,
    now: () => t,
    detect: async () => mode === 'voice',
    hasVoice: () => mode === 'voice',
    wait: async (ms) => { await Promise.resolve(); t += ms; },
    chime: async () => { log.push('chime'); await new Promise((r) => setTimeout(r, 0)); t += 1400; },
    speak: (text, lang) => say(lang === 'zh-CN' ? `say ${text}` : `say(${lang}) ${text}`, 3000),
    play: (url) => say(`play ${url}`, 3500),
    preload: (url) => { log.push(`preload ${url}`); },
  };
  return out;
}

const call = (n: string, key = n, recall = false): Announcement => ({ key, text: `请${n}号到1号窗口办理`, number: n, windowName: '1号窗口', recall });
const idle = async (q: SpeechQueue) => {
  for (let i = 0; i < 200 && (q.state.queue.length > 0 || q.state.current); i++) await new Promise((r) => setTimeout(r, 0));
};

describe('SpeechQueue', () => {
  it('says each call after a chime, repeated as configured, one call at a time', async () => {
    // Given a screen with a zh-CN voice
    const out = fakeOutput('voice');
    const q = new SpeechQueue(out);
    await q.start();
    // When two calls arrive at once, with the hall's repeat of 2
    q.enqueue(call('A001'), 2);
    q.enqueue(call('B002'), 2);
    expect(q.state.current?.number).toBe('A001');
    expect(q.state.queue.map((u) => u.number)).toEqual(['B002']);
    await idle(q);
    // Then the second waits for the first, and nothing talks over anything
    expect(out.log).toEqual(['chime', 'say 请A001号到1号窗口办理', 'say 请A001号到1号窗口办理', 'chime', 'say 请B002号到1号窗口办理', 'say 请B002号到1号窗口办理']);
    expect(out.overlaps).toBe(0);
    expect(q.state.spoken.map((s) => [s.number, s.mode, s.times])).toEqual([['A001', 'voice', 2], ['B002', 'voice', 2]]);
    expect(q.state.spoken[1].startedAt).toBeGreaterThanOrEqual(q.state.spoken[0].endedAt);
  });

  it('never queues the same call twice, but queues a recall (a new call time)', async () => {
    const q = new SpeechQueue(fakeOutput('voice'));
    expect(q.enqueue(call('A001', 'x@10:00'), 1)).toBe(true);
    expect(q.enqueue(call('A001', 'x@10:00'), 1)).toBe(false);
    expect(q.enqueue(call('A001', 'x@10:01', true), 1)).toBe(true);
    expect(q.state.queue).toHaveLength(2);
  });

  it('waits for voice detection before playing anything', async () => {
    const out = fakeOutput('voice');
    const q = new SpeechQueue(out);
    q.enqueue(call('A001'), 1);
    await new Promise((r) => setTimeout(r, 5));
    expect(out.log).toEqual([]);
    expect(q.state.mode).toBe('detecting');
    await q.start();
    await idle(q);
    expect(out.log).toEqual(['chime', 'say 请A001号到1号窗口办理']);
  });

  it('without a zh-CN voice, chimes and flashes once per repetition instead', async () => {
    const out = fakeOutput('fallback');
    const q = new SpeechQueue(out, undefined, { flashMs: 2500 });
    await q.start();
    q.enqueue(call('A001'), 2);
    await idle(q);
    expect(out.log).toEqual(['chime', 'chime']);
    expect(q.state.spoken[0]).toMatchObject({ mode: 'fallback', times: 2 });
    expect(q.state.mode).toBe('fallback');
  });

  it('falls back and raises a notice when the browser refuses to speak before a click', async () => {
    const out = fakeOutput('voice', ['not-allowed']);
    const q = new SpeechQueue(out);
    await q.start();
    q.enqueue(call('A001'), 2);
    await idle(q);
    expect(q.state.notice).toBe('needs-gesture');
    expect(q.state.spoken[0]).toMatchObject({ mode: 'fallback', times: 2 });
    q.clearNotice();
    expect(q.state.notice).toBeNull();
  });

  it('drops announcements that waited too long rather than saying them late', async () => {
    const out = fakeOutput('voice');
    const q = new SpeechQueue(out, undefined, { maxAgeMs: 5000 });
    await q.start();
    q.enqueue(call('A001'), 3);
    q.enqueue(call('A002'), 1);
    await idle(q);
    expect(q.state.spoken.map((s) => s.number)).toEqual(['A001']);
    expect(q.state.dropped).toBe(1);
  });

  it('plays the server\'s audio of a call when it has one, fetching it while the chime sounds', async () => {
    const out = fakeOutput('fallback');
    const q = new SpeechQueue(out);
    q.setServerAudio(true);
    await q.start();
    expect(q.state.mode).toBe('audio');
    q.enqueue({ ...call('A001'), audioUrl: '/a1.wav' }, 2);
    await idle(q);
    expect(out.log).toEqual(['preload /a1.wav', 'chime', 'play /a1.wav', 'play /a1.wav']);
    expect(q.state.spoken[0]).toMatchObject({ mode: 'audio', times: 2 });
  });

  it('when the server\'s audio fails, says the call with the browser\'s voice, else chimes and flashes', async () => {
    // Given audio that cannot be played, on a screen with a voice
    const withVoice = fakeOutput('voice', ['error']);
    const q = new SpeechQueue(withVoice);
    q.setServerAudio(true);
    await q.start();
    q.enqueue({ ...call('A001'), audioUrl: '/a1.wav' }, 2);
    await idle(q);
    // Then the voice says it, as many times as configured
    expect(withVoice.log).toEqual(['preload /a1.wav', 'chime', 'play /a1.wav', 'say 请A001号到1号窗口办理', 'say 请A001号到1号窗口办理']);
    expect(q.state.spoken[0]).toMatchObject({ mode: 'voice', times: 2 });
    expect(q.state.audioFailures).toBe(1);

    // And on a screen without a voice: the chime and a flash per repetition
    const mute = fakeOutput('fallback', ['error']);
    const q2 = new SpeechQueue(mute, undefined, { flashMs: 2500 });
    q2.setServerAudio(true);
    await q2.start();
    q2.enqueue({ ...call('A002'), audioUrl: '/a2.wav' }, 2);
    await idle(q2);
    expect(mute.log).toEqual(['preload /a2.wav', 'chime', 'play /a2.wav', 'chime', 'chime']);
    expect(q2.state.spoken[0]).toMatchObject({ mode: 'fallback', times: 2 });
    expect(q2.state.mode).toBe('fallback');
  });

  it('speaks an English call in English', async () => {
    const out = fakeOutput('voice');
    const q = new SpeechQueue(out);
    await q.start('en');
    q.enqueue({ ...call('A001'), text: 'Number A 0 0 1, please go to Window 1', lang: 'en' }, 1);
    await idle(q);
    expect(out.log).toEqual(['chime', 'say(en) Number A 0 0 1, please go to Window 1']);
  });

  it('keeps the repeat between 1 and 5', () => {
    const q = new SpeechQueue(fakeOutput('voice'));
    q.enqueue(call('A001'), 0);
    q.enqueue(call('A002'), 99);
    expect(q.state.queue.map((u) => u.repeat)).toEqual([1, 5]);
  });
});

describe('speakable', () => {
  it('reads the ticket number digit by digit and keeps the rest', () => {
    expect(speakable('请A012号到1号综合窗口办理', 'A012')).toBe('请A零一二号到1号综合窗口办理');
    expect(speakable('Ticket A012 to window 1', 'A012')).toBe('Ticket A零一二 to window 1');
    expect(speakable('请到窗口', 'A012')).toBe('请到窗口');
    expect(speakable('Number A012, please go to Window 1', 'A012', 'en')).toBe('Number A 0 1 2, please go to Window 1');
  });
});
