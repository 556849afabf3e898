import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, type UserView } from '@onewindow/protocol';
import { api } from '../api/http.ts';
import { tokenKey } from '../lib/pairing.ts';

const KEY = tokenKey('supervisor');
const ALLOWED = new Set(['supervisor', 'admin']);

/** The person signed in to the supervisors' app: supervisors and admins only. */
export const useSessionStore = defineStore('session', () => {
  const token = ref<string | null>(null);
  const user = ref<Pick<UserView, 'id' | 'username' | 'name' | 'role' | 'mustChangePassword'> | null>(null);
  const busy = ref(false);
  const error = ref<{ code: string; message: string } | null>(null);
  const restored = ref(false);
  const signedIn = computed(() => token.value !== null && user.value !== null);
  const isAdmin = computed(() => user.value?.role === 'admin');
  /** A generated first password: nothing else answers until the user has chosen their own. */
  const mustChangePassword = computed(() => user.value?.mustChangePassword === true);

  const save = (t: string | null) => {
    try {
      if (t) localStorage.setItem(KEY, t);
      else localStorage.removeItem(KEY);
    } catch {
      // kept for this page only
    }
  };
  const fail = (e: unknown) => {
    const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e));
    error.value = { code: err.code, message: err.message };
  };

  async function restore(): Promise<void> {
    let t: string | null = null;
    try {
      t = localStorage.getItem(KEY);
    } catch {
      t = null;
    }
    if (!t) {
      restored.value = true;
      return;
    }
    try {
      const me = await api.call('GET /api/auth/me', { token: t });
      if (me.user && ALLOWED.has(me.user.role)) {
        token.value = t;
        user.value = me.user;
      } else save(null);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) save(null);
      else fail(e);
    } finally {
      restored.value = true;
    }
  }

  async function login(username: string, password: string): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      const r = await api.call('POST /api/auth/login', { body: { username, password } });
      if (!ALLOWED.has(r.user.role)) {
        error.value = { code: 'ROLE_REQUIRED', message: '' };
        void api.call('POST /api/auth/logout', { token: r.token, body: {} }).catch(() => undefined);
        return false;
      }
      token.value = r.token;
      user.value = r.user;
      save(r.token);
      return true;
    } catch (e) {
      fail(e);
      return false;
    } finally {
      busy.value = false;
    }
  }

  /**
   * Sets the user's own password (the current one proved); their other sessions end, this one goes
   * on. The refusal's code and the policy's problems are in `error` for the form to show.
   */
  async function changePassword(currentPassword: string, newPassword: string): Promise<{ ok: boolean; problems?: string[] }> {
    busy.value = true;
    error.value = null;
    try {
      const r = await api.call('POST /api/auth/password', { token: token.value, body: { currentPassword, newPassword } });
      user.value = r.user;
      return { ok: true };
    } catch (e) {
      fail(e);
      const problems = e instanceof ApiError ? (e.details as { problems?: string[] } | undefined)?.problems : undefined;
      return { ok: false, problems };
    } finally {
      busy.value = false;
    }
  }

  /** Ends the session here; `remote` also revokes the token on the server. */
  function logout(remote = true): void {
    const t = token.value;
    token.value = null;
    user.value = null;
    save(null);
    if (remote && t) void api.call('POST /api/auth/logout', { token: t, body: {} }).catch(() => undefined);
  }

  return { token, user, busy, error, restored, signedIn, isAdmin, mustChangePassword, restore, login, logout, changePassword };
});
