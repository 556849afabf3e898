import { useI18n } from 'vue-i18n';
import { useLiveStore } from './stores/live.ts';

/** Service and window names in the current language, from the live hall. */
export function useNames() {
  const live = useLiveStore();
  const { locale } = useI18n();
  const en = () => locale.value === 'en';
  return {
    service(id: string | null | undefined): string {
      if (!id) return '—';
      const s = live.state.services[id];
      return s ? (en() && s.nameEn ? s.nameEn : s.name) : id;
    },
    window(id: string | null | undefined): string {
      if (!id) return '—';
      const w = live.state.windows[id];
      return w ? (en() && w.nameEn ? w.nameEn : w.name) : id;
    },
  };
}
