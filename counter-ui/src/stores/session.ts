import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { UserView } from '@onewindow/protocol';
import { api, ApiError } from '../api/http.ts';

const TOKEN_KEY = 'ow.counter.token';

function stored(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}
function store(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // private mode: the session lasts for this page only
  }
}

/**
 * Who sits at this terminal: the token survives a reload, and the server says which window the
 * clerk is signed in at, so a reload lands back on the same window and its current ticket.
 */
export const useSessionStore = defineStore('session', () => {
  const token = ref<string | null>(stored());
  const user = ref<UserView | null>(null);
  const windowId = ref<string | null>(null);
  const allowed = ref<string[] | null>(null);
  const stage = ref<'loading' | 'login' | 'picker' | 'terminal' | 'guide'>('loading');
  const error = ref<ApiError | null>(null);
  /** Which page signs in here: the clerk's terminal, or the guide desk (导服台). */
  const page = ref<'terminal' | 'guide'>('terminal');

  const isStaff = computed(() => user.value !== null && ['clerk', 'supervisor', 'admin'].includes(user.value.role));
  const isGuide = computed(() => user.value !== null && ['guide', 'supervisor', 'admin'].includes(user.value.role));

  async function refresh(): Promise<void> {
    if (!token.value) {
      stage.value = 'login';
      return;
    }
    try {
      const me = await api.call('GET /api/auth/me', { token: token.value });
      if (me.kind !== 'user' || !me.user) throw new ApiError(403, 'NOT_A_CLERK', 'not a person');
      user.value = me.user;
      allowed.value = me.windows;
      windowId.value = me.windowId;
      if (page.value === 'guide') {
        if (!isGuide.value) throw new ApiError(403, 'NOT_A_GUIDE', 'not a guide');
        stage.value = 'guide';
        error.value = null;
        return;
      }
      // A guide has a page of their own: the terminal sends them there.
      if (me.user.role === 'guide') {
        location.replace('/counter/guide/');
        return;
      }
      if (!isStaff.value) throw new ApiError(403, 'NOT_A_CLERK', 'not a clerk');
      stage.value = me.windowId ? 'terminal' : 'picker';
      error.value = null;
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 401 || err.status === 403) {
        forget();
        error.value = err;
      } else {
        // The server is unreachable: keep the token and try again shortly.
        error.value = err;
        setTimeout(() => void refresh(), 3000);
      }
    }
  }

  async function login(username: string, password: string): Promise<void> {
    error.value = null;
    try {
      const r = await api.call('POST /api/auth/login', { token: null, body: { username, password } });
      token.value = r.token;
      store(r.token);
      await refresh();
    } catch (e) {
      error.value = e as ApiError;
    }
  }

  /** Signed in at a window (or taken back after a reload). */
  function atWindow(id: string | null): void {
    windowId.value = id;
    stage.value = id ? 'terminal' : 'picker';
  }

  function forget(): void {
    token.value = null;
    store(null);
    user.value = null;
    windowId.value = null;
    stage.value = 'login';
  }

  async function logout(): Promise<void> {
    const t = token.value;
    forget();
    if (t) await api.call('POST /api/auth/logout', { token: t, body: {} }).catch(() => undefined);
  }

  function forPage(p: 'terminal' | 'guide'): void {
    page.value = p;
  }

  return { token, user, windowId, allowed, stage, error, page, isStaff, isGuide, refresh, login, atWindow, forget, logout, forPage };
});
