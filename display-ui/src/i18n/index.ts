import { createI18n } from 'vue-i18n';
import zh from './zh-CN.ts';
import en from './en.ts';

export type Locale = 'zh-CN' | 'en';
const KEY = 'onewindow.display.locale';

/** zh-CN first; `?lang=en` or the switch (remembered) for English. */
export function initialLocale(search = location.search, stored = safeGet(KEY)): Locale {
  const q = new URLSearchParams(search).get('lang');
  if (q === 'en' || q === 'zh-CN') return q;
  return stored === 'en' ? 'en' : 'zh-CN';
}

function safeGet(k: string): string | null {
  try {
    return localStorage.getItem(k);
  } catch {
    return null;
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
});

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    // a kiosk browser without storage keeps the choice for this page only
  }
}

/** A stable error code from the API, in words. */
export function errorText(code: string, message?: string): string {
  const t = i18n.global.t;
  const key = `errors.${code}`;
  return i18n.global.te(key) ? t(key) : message ? `${t('errors.unknown', { code })} ${message}` : t('errors.unknown', { code });
}
