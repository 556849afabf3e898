import { setLocale } from '../../i18n/index.ts';

/** A phone page starts in the language chosen before, else Chinese unless the phone is set otherwise. */
export function initPhoneLocale(): void {
  let saved: string | null = null;
  try { saved = localStorage.getItem('onewindow.phone.locale'); } catch { /* private mode */ }
  if (saved === 'en' || saved === 'zh-CN') setLocale(saved);
  else setLocale(navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
}
