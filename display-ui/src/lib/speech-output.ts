import type { SpeakResult, SpeechOutput } from './speech-queue.ts';
import type { Chime } from './chime.ts';

/** Mainland Mandarin voices: "zh-CN", "zh_CN", "cmn-Hans-CN", "cmn-CN". */
export function isMandarinCN(lang: string): boolean {
  return /^(zh|cmn)([-_](hans))?[-_]cn$/i.test(lang) || /^cmn[-_]hans$/i.test(lang);
}

/** A voice for the screen's language: mainland Mandarin for zh-CN, any English for en. */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], lang = 'zh-CN'): SpeechSynthesisVoice | null {
  const fit = voices.filter((v) => (lang.startsWith('zh') ? isMandarinCN(v.lang) : v.lang.toLowerCase().startsWith(lang.toLowerCase().slice(0, 2))));
  return fit.find((v) => v.localService) ?? fit[0] ?? null;
}

/** How long server audio may take to play before it is given up (a stuck element never ends). */
const AUDIO_WATCHDOG_MS = 20_000;

/**
 * The browser's half of the voice: an audio element for the server's rendering of each call, Web
 * Speech for the browser's own voice, the chime for the ding-dong.
 * Chromium loads voices lazily (`voiceschanged`), sometimes never fires `end` on long texts, and
 * refuses to play sound before a user gesture unless started with --autoplay-policy=no-user-gesture-required:
 * hence the wait for voices, the watchdogs, and the 'not-allowed' result.
 */
export function browserSpeechOutput(chime: Chime, onVoices: () => void, detectMs = 1500): SpeechOutput {
  const synth: SpeechSynthesis | null = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  const voice = (lang: string) => (synth ? pickVoice(synth.getVoices(), lang) : null);
  synth?.addEventListener?.('voiceschanged', () => onVoices());
  const preloaded = new Map<string, HTMLAudioElement>();

  function element(url: string): HTMLAudioElement {
    let a = preloaded.get(url);
    if (!a) {
      a = new Audio();
      a.preload = 'auto';
      a.src = url;
      preloaded.set(url, a);
      // A few calls' audio at most: the oldest go.
      for (const k of preloaded.keys()) {
        if (preloaded.size <= 8) break;
        preloaded.delete(k);
      }
    }
    return a;
  }

  return {
    now: () => Date.now(),
    wait: sleep,
    chime: () => chime.play(),
    hasVoice: (lang) => voice(lang) !== null,
    async detect(lang) {
      if (!synth) return false;
      const deadline = Date.now() + detectMs;
      while (!voice(lang) && Date.now() < deadline) await sleep(150);
      return voice(lang) !== null;
    },
    preload(url) {
      element(url).load();
    },
    play(url: string): Promise<SpeakResult> {
      const a = element(url);
      return new Promise<SpeakResult>((resolve) => {
        let done = false;
        const finish = (r: SpeakResult) => {
          if (done) return;
          done = true;
          clearTimeout(watchdog);
          a.onended = null;
          a.onerror = null;
          resolve(r);
        };
        const watchdog = setTimeout(() => { a.pause(); finish('error'); }, AUDIO_WATCHDOG_MS);
        a.onended = () => finish('ok');
        a.onerror = () => {
          // The next call with this audio tries afresh rather than reuse a failed element.
          preloaded.delete(url);
          finish('error');
        };
        a.currentTime = 0;
        a.play().catch((e: DOMException) => finish(e?.name === 'NotAllowedError' ? 'not-allowed' : 'error'));
      });
    },
    speak(text: string, lang: string): Promise<SpeakResult> {
      const v = voice(lang);
      if (!synth || !v) return Promise.resolve('error');
      return new Promise<SpeakResult>((resolve) => {
        const u = new SpeechSynthesisUtterance(text);
        u.voice = v;
        u.lang = v.lang;
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
