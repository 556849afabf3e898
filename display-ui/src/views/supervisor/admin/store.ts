import { defineStore } from 'pinia';
import { computed, ref, toRaw } from 'vue';
import { ApiError } from '@onewindow/protocol';
import { staffApi as api } from '../console/use-api.ts';
import { i18n } from '../../../i18n/index.ts';
import { consoleError } from '../console/i18n.ts';
import { checkDraft, countChanges } from './config-edit.ts';
import type { ApplyAnswer, ConfigAnswer, HallConf, Problem } from './types.ts';

/** A plain deep copy (reactive proxies cannot be structured-cloned). */
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/**
 * The hall configuration being edited: what the server has (with its version), the draft, the
 * problems found (by the console or the server, by path), and the last change applied.
 */
export const useAdminConfigStore = defineStore('console-admin-config', () => {
  const saved = ref<ConfigAnswer | null>(null);
  const draft = ref<HallConf | null>(null);
  const problems = ref<Problem[]>([]);
  const problemKind = ref<'invalid' | 'in-use' | null>(null);
  const result = ref<ApplyAnswer | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);
  const applying = ref(false);
  const changes = computed(() => (saved.value && draft.value ? countChanges(saved.value.config, draft.value) : 0));

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const answer = await api.call('GET /api/admin/config');
      // The console edits what it knows of the hall file (config.md) and sends the rest back as it came.
      saved.value = { ...answer, config: answer.config as HallConf };
      draft.value = copy(saved.value.config);
      problems.value = [];
      problemKind.value = null;
    } catch (e) {
      error.value = consoleError(e);
    } finally {
      loading.value = false;
    }
  }

  function discard(): void {
    if (saved.value) draft.value = copy(toRaw(saved.value).config);
    problems.value = [];
    problemKind.value = null;
    error.value = null;
  }

  async function apply(): Promise<boolean> {
    if (!draft.value || !saved.value) return false;
    const t = (k: string) => String(i18n.global.t(`admin.${k}`));
    result.value = null;
    error.value = null;
    problems.value = checkDraft(draft.value, { required: t('required'), badId: t('badId'), badPrefix: t('badPrefix'), badTime: t('badTime'), duplicate: t('duplicate') });
    problemKind.value = problems.value.length ? 'invalid' : null;
    if (problems.value.length) return false;
    applying.value = true;
    try {
      result.value = await api.call('PUT /api/admin/config', { body: { config: draft.value, version: saved.value.version } });
      await load();
      return true;
    } catch (e) {
      const details = e instanceof ApiError ? (e.details as { problems?: Problem[] } | undefined) : undefined;
      if (e instanceof ApiError && details?.problems) {
        problems.value = details.problems;
        problemKind.value = e.code === 'CONFIG_IN_USE' ? 'in-use' : 'invalid';
      } else error.value = consoleError(e);
      return false;
    } finally {
      applying.value = false;
    }
  }

  return { saved, draft, problems, problemKind, result, error, loading, applying, changes, load, discard, apply };
});
