import { defineStore } from 'pinia';
import { reactive } from 'vue';
import type { CallView } from '@onewindow/protocol';
import { createChime, type Chime } from '../lib/chime.ts';
import { callKey } from '../lib/feed-state.ts';
import { browserSpeechOutput } from '../lib/speech-output.ts';
import { createSpeechState, speakable, SpeechQueue } from '../lib/speech-queue.ts';

declare global {
  interface Window { __speech?: ReturnType<typeof createSpeechState> }
}

/** The caller screen's voice; its state is exposed as `window.__speech` for technicians and tests. */
export const useSpeechStore = defineStore('speech', () => {
  const state = reactive(createSpeechState());
  let queue: SpeechQueue | null = null;
  let chime: Chime | null = null;

  function start(): void {
    if (queue) return;
    chime = createChime();
    queue = new SpeechQueue(browserSpeechOutput(chime, (m) => queue?.setMode(m)), state);
    window.__speech = state;
    void queue.start();
    // Browsers hold audio until a click unless the kiosk browser allows autoplay: say so.
    setTimeout(() => { if (chime?.available && !chime.ready()) state.notice = 'needs-gesture'; }, 1500);
  }

  function announce(call: CallView, repeat: number): boolean {
    if (!queue) return false;
    return queue.enqueue({ key: callKey(call), text: speakable(call.text, call.number), number: call.number, windowName: call.windowName, recall: call.recall }, repeat);
  }

  /** From a click or key press: lets the audio context and speech play from now on. */
  async function unlock(): Promise<void> {
    await chime?.unlock();
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.resume();
    if (!chime?.available || chime.ready()) queue?.clearNotice();
  }

  return { state, start, announce, unlock };
});
