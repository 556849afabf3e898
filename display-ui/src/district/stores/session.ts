import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '@onewindow/protocol';
import { api, storedToken, storeToken } from '../api.ts';

export interface CentreUser { id: string; username: string; name: string; role: 'admin' | 'district' | 'hall-viewer'; hallId: string | null }

/** Who is signed in at the centre (the token kept in the browser). */
export const useSession = defineStore('district-session', () => {
  const token = ref<string | null>(storedToken());
  const user = ref<CentreUser | null>(null);
  const checking = ref(false);

  async function restore(): Promise<void> {
    if (!token.value) return;
    checking.value = true;
    try {
      user.value = (await api<{ user: CentreUser }>('/api/auth/me')).user;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) signOut();
    } finally {
      checking.value = false;
    }
  }

  async function signIn(username: string, password: string): Promise<void> {
    const r = await api<{ token: string; user: CentreUser }>('/api/auth/login', { body: { username, password }, token: null });
    storeToken(r.token);
    token.value = r.token;
    user.value = r.user;
  }

  function signOut(): void {
    if (token.value) void api('/api/auth/logout', { body: {} }).catch(() => {});
    storeToken(null);
    token.value = null;
    user.value = null;
  }

  return { token, user, checking, restore, signIn, signOut };
});
