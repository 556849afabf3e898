import { createI18n } from 'vue-i18n';
import zh from './zh-CN.ts';
import en from './en.ts';

export type Locale = 'zh-CN' | 'en';
const KEY = 'onewindow.district.locale';

/** Chinese first; `?lang=en` or the switch (remembered) for English. */
export function initialLocale(search = location.search): Locale {
  const q = new URLSearchParams(search).get('lang');
  if (q === 'en' || q === 'zh-CN') return q;
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const i18n = createI18n({ legacy: false, locale: initialLocale(), fallbackLocale: 'zh-CN', messages: { 'zh-CN': zh, en } });

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l;
  document.documentElement.lang = l;
  try { localStorage.setItem(KEY, l); } catch { /* kept for this page */ }
}
