import { createI18n } from 'vue-i18n';
import zh from './zh-CN.ts';
import en from './en.ts';

const KEY = 'ow.counter.locale';
export type Locale = 'zh-CN' | 'en';

function saved(): Locale {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** zh-CN first; the English switch is remembered on this terminal (or pad). */
export const i18n = createI18n({ legacy: false, locale: saved(), fallbackLocale: 'zh-CN', messages: { 'zh-CN': zh, en } });

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    // private mode: the switch lasts for this page only
  }
}

export function toggleLocale(): void {
  setLocale(i18n.global.locale.value === 'en' ? 'zh-CN' : 'en');
}
