import { createI18n } from 'vue-i18n';
import { mergeMessages, type Messages } from '../lib/messages.ts';

// Every `<feature>.<locale>.ts` file in this folder is merged: a feature (kiosk, track, book)
// adds its own files, e.g. track.zh-CN.ts exporting `{ track: { … } }`, and edits no other.
const files = import.meta.glob<Messages>('./*.*.ts', { eager: true, import: 'default' });
const { messages, conflicts } = mergeMessages(files);
if (conflicts.length) console.warn(`i18n: keys defined twice, first kept: ${conflicts.join('; ')}`);

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages,
  missingWarn: false,
  fallbackWarn: false,
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
}
