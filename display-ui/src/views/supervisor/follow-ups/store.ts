import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { staffApi as api } from '../console/use-api.ts';
import { consoleError } from '../console/i18n.ts';
import type { FollowUp } from './types.ts';

/** Bad reviews to follow up: the list (open or all), the one being worked on, and what was recorded. */
export const useFollowUpStore = defineStore('console-follow-ups', () => {
  const list = ref<FollowUp[]>([]);
  const filter = ref<'open' | 'all'>('open');
  const selectedId = ref<string | null>(null);
  /** The selected one with the contact in full, once asked for (the server audits it). */
  const revealed = ref<FollowUp | null>(null);
  const loading = ref(false);
  const saving = ref(false);
  const error = ref<string | null>(null);
  const selected = computed(() => list.value.find((f) => f.id === selectedId.value) ?? null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      list.value = (await api.call('GET /api/follow-ups', { query: filter.value === 'all' ? { status: 'all' } : {} })).followUps;
      if (selectedId.value && !list.value.some((f) => f.id === selectedId.value)) select(null);
      else if (!selectedId.value && list.value.length > 0) select(list.value[0].id);
    } catch (e) {
      error.value = consoleError(e);
    } finally {
      loading.value = false;
    }
  }

  function select(id: string | null): void {
    selectedId.value = id;
    revealed.value = null;
  }

  async function reveal(): Promise<void> {
    if (!selectedId.value) return;
    try {
      revealed.value = (await api.call('GET /api/follow-ups/:id', { params: { id: selectedId.value } })).followUp;
    } catch (e) {
      error.value = consoleError(e);
    }
  }

  async function record(status: 'called-back' | 'resolved', note: string): Promise<boolean> {
    if (!selectedId.value) return false;
    saving.value = true;
    error.value = null;
    try {
      const { followUp } = await api.call('POST /api/follow-ups/:id', { params: { id: selectedId.value }, body: { status, note } });
      const i = list.value.findIndex((f) => f.id === followUp.id);
      if (i >= 0) list.value[i] = { ...followUp, contact: list.value[i].contact };
      if (revealed.value) revealed.value = followUp;
      return true;
    } catch (e) {
      error.value = consoleError(e);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { list, filter, selectedId, selected, revealed, loading, saving, error, load, select, reveal, record };
});
