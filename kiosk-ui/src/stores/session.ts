import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { i18n, setLocale, type Locale } from '../i18n/index.ts';
import { browserVoice, type VoiceState } from '../lib/voice.ts';

/** `?timeoutScale=0.1` shortens every timeout (demos and tests); 1 otherwise. */
function timeoutScale(): number {
  const v = Number(new URLSearchParams(location.search).get('timeoutScale'));
  return Number.isFinite(v) && v > 0 ? Math.min(10, Math.max(0.01, v)) : 1;
}

/**
 * One visitor's choices: language, elderly mode (larger type, voice guidance, more time) and the
 * green channel. All of it goes back to the defaults when the kiosk returns to its menu by itself.
 */
export const useSessionStore = defineStore('session', () => {
  const locale = ref<Locale>('zh-CN');
  const elderly = ref(false);
  const green = ref(false);
  const voice = browserVoice();
  // Headless browsers have no voices: tests read what would have been said.
  (window as unknown as { __kioskVoice?: typeof voice }).__kioskVoice = voice;

  const english = computed(() => locale.value === 'en');
  const isDefault = computed(() => locale.value === 'zh-CN' && !elderly.value && !green.value);
  /** Milliseconds before each screen gives up on a quiet visitor. */
  const timeouts = computed(() => {
    const f = (elderly.value ? 2 : 1) * timeoutScale();
    return { menu: 60_000 * f, checkin: 60_000 * f, result: 20_000 * f, resultLarge: 60_000 * f, error: 20_000 * f };
  });

  watch(elderly, (on) => document.documentElement.classList.toggle('elderly', on), { immediate: true });

  /** Whether the guidance can be heard in the visitor's language; without a voice the screen says so. */
  const voiceState = ref<VoiceState>('detecting');
  let detecting = 0;
  watch([elderly, locale], async ([on, l]) => {
    const mine = ++detecting;
    voiceState.value = 'detecting';
    if (!on) return;
    const state = await voice.detect(l === 'en' ? 'en' : 'zh-CN');
    if (mine === detecting) voiceState.value = state;
  });

  /** Voice guidance: only in elderly mode, in the visitor's language. */
  function say(key: string, params: Record<string, unknown> = {}): void {
    if (!elderly.value) return;
    voice.say(i18n.global.t(key, params), locale.value === 'en' ? 'en-US' : 'zh-CN');
  }

  function setLanguage(l: Locale): void {
    locale.value = l;
    setLocale(l);
  }

  function toggleLanguage(): void {
    setLanguage(english.value ? 'zh-CN' : 'en');
    say('kiosk.voice.menu');
  }

  function toggleElderly(): void {
    elderly.value = !elderly.value;
    if (elderly.value) say('kiosk.voice.elderlyOn');
    else voice.stop();
  }

  function toggleGreen(): void {
    green.value = !green.value;
    if (green.value) say('kiosk.voice.green');
  }

  function reset(): void {
    green.value = false;
    elderly.value = false;
    setLanguage('zh-CN');
    voice.stop();
  }

  return { locale, elderly, green, english, isDefault, timeouts, voice, voiceState, say, setLanguage, toggleLanguage, toggleElderly, toggleGreen, reset };
});
