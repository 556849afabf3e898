import { describe, expect, it } from 'vitest';
import { browserVoice, Voice, type UtteranceLike } from './voice.ts';

class FakeSynth {
  spoken: UtteranceLike[] = [];
  cancels = 0;
  speak(u: UtteranceLike) { this.spoken.push(u); }
  cancel() { this.cancels++; }
  getVoices() { return [{ lang: 'en-US', name: 'E' }, { lang: 'zh_CN', name: 'Z' }]; }
}

describe('Voice', () => {
  it('reads each sentence slowly in its language, cutting off the previous one', () => {
    const synth = new FakeSynth();
    const v = new Voice(synth, (text) => ({ text, lang: '', rate: 1 }));
    v.say('请选择业务', 'zh-CN');
    v.say('Please choose', 'en', 1);
    expect(synth.spoken.map((u) => [u.text, u.lang, u.rate, (u.voice as { name: string }).name])).toEqual([
      ['请选择业务', 'zh-CN', 0.85, 'Z'], ['Please choose', 'en', 1, 'E'],
    ]);
    expect(synth.cancels).toBe(2);
    expect(v.log).toEqual(['请选择业务', 'Please choose']);
  });

  it('does nothing, without failing, where the browser has no speech', () => {
    const v = browserVoice({});
    expect(v.available).toBe(false);
    v.say('你好', 'zh-CN');
    v.stop();
    expect(v.log).toEqual(['你好']);
    const broken = new Voice({ speak() { throw new Error('no audio'); }, cancel() {} }, (text) => ({ text, lang: '', rate: 1 }));
    expect(() => broken.say('x', 'zh-CN')).not.toThrow();
  });

  it('knows which languages it can speak, waiting a moment for late voices', async () => {
    const synth = new FakeSynth();
    const v = new Voice(synth, (text) => ({ text, lang: '', rate: 1 }));
    const noWait = () => Promise.resolve();
    expect(await v.detect('zh-CN', 300, 100, noWait)).toBe('voice');
    expect(await v.detect('en', 300, 100, noWait)).toBe('voice');
    expect(await v.detect('ja', 300, 100, noWait)).toBe('none');
    expect(v.state).toBe('none');
    // A browser whose voices arrive after a while
    let calls = 0;
    const late = new Voice({ speak() {}, cancel() {}, getVoices: () => (++calls > 3 ? [{ lang: 'zh-CN', name: 'Z' }] : []) }, (text) => ({ text, lang: '', rate: 1 }));
    expect(await late.detect('zh-CN', 1500, 100, noWait)).toBe('voice');
    // No speech at all: no voice, at once
    expect(await browserVoice({}).detect('zh-CN', 1500, 100, () => new Promise(() => {}))).toBe('none');
  });
});
