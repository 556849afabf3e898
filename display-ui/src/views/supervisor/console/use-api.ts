import { ref } from 'vue';
import type { RequestOptions } from '@onewindow/protocol';
import { api } from '../../../api/http.ts';
import { useSessionStore } from '../../../stores/session.ts';
import { consoleError } from './i18n.ts';

/**
 * Calls the API as the signed-in person, with the progress and the error a view shows: nothing
 * happens silently. `run` returns null when the call failed (the error is then in `error`).
 */
export function useApi() {
  const session = useSessionStore();
  const busy = ref(false);
  const error = ref<string | null>(null);

  async function run<T>(path: string, opts: RequestOptions = {}): Promise<T | null> {
    busy.value = true;
    error.value = null;
    try {
      return await api<T>(path, { ...opts, token: session.token });
    } catch (e) {
      error.value = consoleError(e);
      return null;
    } finally {
      busy.value = false;
    }
  }

  /** The same, but the caller handles the failure (to read `details`, say). */
  function raw<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    return api<T>(path, { ...opts, token: session.token });
  }

  return { busy, error, run, raw, session };
}
