import { defineStore } from 'pinia';
import { computed, reactive } from 'vue';
import { ApiError } from '@onewindow/protocol';
import { api } from '../api/http.ts';
import { useFeedStore } from './feed.ts';
import { useSessionStore } from './session.ts';

/** Open alerts (from the staff feed) and acknowledging them; the feed removes them when the server confirms. */
export const useAlertsStore = defineStore('alerts', () => {
  const feed = useFeedStore();
  const pending = reactive(new Set<string>());
  const errors = reactive(new Map<string, string>());
  const open = computed(() => feed.hall.alerts);

  async function acknowledge(id: string): Promise<void> {
    const token = useSessionStore().token;
    if (!token || pending.has(id)) return;
    pending.add(id);
    errors.delete(id);
    try {
      await api.call('POST /api/alerts/:id/acknowledge', { params: { id }, token, body: {} });
      // The `alert` event removes it; a screen that missed it still drops it now.
      feed.hall.alerts = feed.hall.alerts.filter((a) => a.id !== id);
    } catch (e) {
      errors.set(id, e instanceof ApiError ? e.code : 'NETWORK');
    } finally {
      pending.delete(id);
    }
  }

  return { open, pending, errors, acknowledge };
});
