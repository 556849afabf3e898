import type { SpeakResult, SpeechOutput } from './speech-queue.ts';
import type { Chime } from './chime.ts';

/** Mainland Mandarin voices: "zh-CN", "zh_CN", "cmn-Hans-CN", "cmn-CN". */
export function isMandarinCN(lang: string): boolean {
  return /^(zh|cmn)([-_](hans))?[-_]cn$/i.test(lang) || /^cmn[-_]hans$/i.test(lang);
}

export function pickVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  const cn = voices.filter((v) => isMandarinCN(v.lang));
  return cn.find((v) => v.localService) ?? cn[0] ?? null;
}

/**
 * The browser's half of the voice: Web Speech for the words, the chime for the ding-dong.
 * Chromium loads voices lazily (`voiceschanged`), sometimes never fires `end` on long texts, and
 * refuses to speak before a user gesture unless started with --autoplay-policy=no-user-gesture-required:
 * hence the wait for voices, the watchdog, and the 'not-allowed' result.
 */
export function browserSpeechOutput(chime: Chime, onVoices: (mode: 'voice' | 'fallback') => void, detectMs = 1500): SpeechOutput {
  const synth: SpeechSynthesis | null = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  let voice: SpeechSynthesisVoice | null = null;
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  const refresh = () => {
    voice = synth ? pickVoice(synth.getVoices()) : null;
    return voice ? 'voice' as const : 'fallback' as const;
  };
  synth?.addEventListener?.('voiceschanged', () => onVoices(refresh()));

  return {
    now: () => Date.now(),
    wait: sleep,
    chime: () => chime.play(),
    async detect() {
      if (!synth) return 'fallback';
      if (refresh() === 'voice') return 'voice';
      const deadline = Date.now() + detectMs;
      while (Date.now() < deadline) {
        await sleep(150);
        if (refresh() === 'voice') return 'voice';
      }
      return 'fallback';
    },
    speak(text: string): Promise<SpeakResult> {
      if (!synth || !voice) return Promise.resolve('error');
      return new Promise<SpeakResult>((resolve) => {
        const u = new SpeechSynthesisUtterance(text);
        u.voice = voice;
        u.lang = voice!.lang;
        u.rate = 0.9;
        let done = false;
        const finish = (r: SpeakResult) => {
          if (done) return;
          done = true;
          clearTimeout(watchdog);
          resolve(r);
        };
        const watchdog = setTimeout(() => { synth.cancel(); finish('ok'); }, Math.max(6000, text.length * 500));
        u.onend = () => finish('ok');
        u.onerror = (e) => finish(e.error === 'not-allowed' ? 'not-allowed' : 'error');
        synth.speak(u);
      });
    },
  };
}
