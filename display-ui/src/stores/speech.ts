import { defineStore } from 'pinia';
import { reactive } from 'vue';
import type { CallView } from '@onewindow/protocol';
import { createChime, type Chime } from '../lib/chime.ts';
import { callKey } from '../lib/feed-state.ts';
import { browserSpeechOutput } from '../lib/speech-output.ts';
import { createSpeechState, speakable, SpeechQueue, type Announcement } from '../lib/speech-queue.ts';

declare global {
  interface Window { __speech?: ReturnType<typeof createSpeechState> }
}

/**
 * A call as this screen says it: in Mandarin, or in English on a screen shown in English (the
 * server's English rendering, else the browser's English voice), with the server's audio if any.
 */
export function announcementOf(call: CallView, lang: string): Announcement {
  const en = lang === 'en' ? call.announcement?.en : undefined;
  const text = en?.text ?? call.announcement?.text ?? call.text;
  return {
    key: callKey(call), lang: en ? 'en' : 'zh-CN', text: speakable(text, call.number, en ? 'en' : 'zh-CN'),
    audioUrl: (en ? en.audioUrl : call.announcement?.audioUrl) ?? null,
    number: call.number, windowName: call.windowName, recall: call.recall,
  };
}

/** The caller screen's voice; its state is exposed as `window.__speech` for technicians and tests. */
export const useSpeechStore = defineStore('speech', () => {
  const state = reactive(createSpeechState());
  let queue: SpeechQueue | null = null;
  let chime: Chime | null = null;
  let lang = 'zh-CN';

  function start(screenLang: string): void {
    lang = screenLang;
    if (queue) return;
    chime = createChime();
    queue = new SpeechQueue(browserSpeechOutput(chime, () => queue?.refresh()), state);
    window.__speech = state;
    void queue.start(lang === 'en' ? 'en' : 'zh-CN');
    // Browsers hold audio until a click unless the kiosk browser allows autoplay: say so.
    setTimeout(() => { if (chime?.available && !chime.ready()) state.notice = 'needs-gesture'; }, 1500);
  }

  /** The screen was switched to another language: later calls are said in it. */
  function setLanguage(screenLang: string): void {
    lang = screenLang;
    queue?.refresh(lang === 'en' ? 'en' : 'zh-CN');
  }

  /** Whether the hall renders its calls as audio (the hall's `announcement.audio`). */
  function setServerAudio(on: boolean): void {
    queue?.setServerAudio(on);
  }

  function announce(call: CallView, repeat: number): boolean {
    return queue ? queue.enqueue(announcementOf(call, lang), repeat) : false;
  }

  /** From a click or key press: lets the audio context and speech play from now on. */
  async function unlock(): Promise<void> {
    await chime?.unlock();
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.resume();
    if (!chime?.available || chime.ready()) queue?.clearNotice();
  }

  return { state, start, setLanguage, setServerAudio, announce, unlock };
});
