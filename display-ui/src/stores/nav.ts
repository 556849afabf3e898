import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { parseRoute, supervisorPath, type SupervisorSection } from '../lib/route.ts';

/** The page's address as state: enough routing for one SPA without a router dependency. */
export const useNavStore = defineStore('nav', () => {
  const path = ref(location.pathname);
  const screen = computed(() => parseRoute(path.value));
  window.addEventListener('popstate', () => { path.value = location.pathname; });

  function go(section: SupervisorSection, rest: string[] = []): void {
    const p = supervisorPath(section, rest);
    if (p === location.pathname) return;
    history.pushState(null, '', p);
    path.value = p;
  }

  return { path, screen, go };
});
