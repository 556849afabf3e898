import { ref } from 'vue';
import { createApi } from '@onewindow/protocol/client';
import { useSessionStore } from '../../../stores/session.ts';
import { consoleError } from './i18n.ts';

/** The API as the signed-in person: every call carries the session's token. */
export const staffApi = createApi({ token: () => useSessionStore().token });

/**
 * Runs a call of the API with the progress and the error a view shows: nothing happens silently.
 * `run` returns null when the call failed (the error is then in `error`).
 */
export function useApi() {
  const session = useSessionStore();
  const busy = ref(false);
  const error = ref<string | null>(null);

  async function run<T>(call: () => Promise<T>): Promise<T | null> {
    busy.value = true;
    error.value = null;
    try {
      return await call();
    } catch (e) {
      error.value = consoleError(e);
      return null;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run, api: staffApi, session };
}
