import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { DistrictSnapshot, HallCard } from '@onewindow/protocol/centre';
import { connectDistrict, type DistrictSocket } from '../api.ts';
import { applyChange, byLevel, totals } from '../lib/wall.ts';

/** Every hall live: the snapshot, then each `hall:changed`; a reconnect asks for a fresh snapshot. */
export const useWall = defineStore('district-wall', () => {
  const halls = ref<HallCard[]>([]);
  const at = ref<string | null>(null);
  const catalogueVersion = ref<number | null>(null);
  const live = ref(false);
  const error = ref<string | null>(null);
  const socket = shallowRef<DistrictSocket | null>(null);
  let tick: ReturnType<typeof setInterval> | null = null;

  function connect(token: string): void {
    disconnect();
    const s = connectDistrict(token);
    s.on('snapshot', (snap: DistrictSnapshot) => {
      halls.value = snap.halls;
      at.value = snap.at;
      catalogueVersion.value = snap.catalogueVersion;
      live.value = true;
      error.value = null;
    });
    s.on('hall:changed', ({ hall }) => {
      halls.value = applyChange(halls.value, hall);
      at.value = new Date().toISOString();
    });
    s.on('disconnect', () => { live.value = false; });
    s.on('connect_error', (e) => { live.value = false; error.value = e.message; });
    // A fresh snapshot after a reconnect (what changed meanwhile), and each minute so that
    // "offline for N min" keeps counting even when nothing changes.
    s.io.on('reconnect', () => s.emit('snapshot:request'));
    tick = setInterval(() => s.connected && s.emit('snapshot:request'), 60_000);
    socket.value = s;
  }

  function disconnect(): void {
    if (tick) clearInterval(tick);
    tick = null;
    socket.value?.close();
    socket.value = null;
  }

  const levels = computed(() => byLevel(halls.value));
  const sums = computed(() => totals(halls.value));
  const inTrouble = computed(() => halls.value.filter((h) => h.troubles.length > 0));
  return { halls, at, catalogueVersion, live, error, levels, sums, inTrouble, connect, disconnect };
});
