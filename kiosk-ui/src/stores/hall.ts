import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { api } from '../api/http.ts';
import { openKioskFeed, type FeedConnection } from '../api/socket.ts';
import { clockOffset } from '../lib/clock.ts';
import { applyMessage, emptyHall, fromSnapshot, type LiveHall } from '../lib/live.ts';
import { menuGroups } from '../lib/menu.ts';
import { usePrinterStore } from './printer.ts';

/** The hall as this kiosk sees it: a snapshot, kept current by its feed, and whether it is online. */
export const useHallStore = defineStore('hall', () => {
  const live = shallowRef<LiveHall>(emptyHall());
  const online = ref(false);
  /** offline for more than a moment: a blip while connecting or reconnecting does not flash a banner */
  const offlineShown = ref(false);
  let offlineTimer: ReturnType<typeof setTimeout> | null = null;
  /** the services this kiosk offers (configuration), null = all */
  const offered = ref<string[] | null>(null);
  /** this kiosk has an ID-card reader of its own (实名取号); null until asked: an optional real-name matter skips the card only when false */
  const hasReader = ref<boolean | null>(null);
  /** hall server clock minus this kiosk's clock */
  const offset = ref(0);
  const printer = usePrinterStore();
  let conn: FeedConnection | null = null;
  let refresh: ReturnType<typeof setInterval> | null = null;

  const menu = computed(() => menuGroups(live.value.services, offered.value));
  const loaded = computed(() => live.value.hall !== null);

  async function loadMenu(token: string, kioskId: string): Promise<void> {
    try {
      const [r, readers] = await Promise.all([
        api.call('GET /api/hall', { token }),
        api.call('GET /api/id-cards/readers', { token }).catch(() => null),
      ]);
      offered.value = r.kiosks.find((k) => k.id === kioskId)?.services ?? null;
      if (readers) hasReader.value = readers.readers.length > 0;
    } catch {
      // Keep the last menu; the feed's own reconnect will try again.
    }
  }

  function connect(token: string, kioskId: string, onUnauthorized: () => void): void {
    disconnect();
    setOnline(false);
    conn = openKioskFeed(token, {
      state(s) {
        live.value = fromSnapshot(s);
        offset.value = clockOffset(s.hall.now, Date.now());
        printer.take(s.printers, kioskId);
        void loadMenu(token, kioskId);
      },
      message(m) {
        live.value = applyMessage(live.value, m);
        if (m.event === 'printer:status') printer.take(live.value.printers, kioskId);
      },
      online(on) {
        setOnline(on);
      },
      refused() {
        disconnect();
        onUnauthorized();
      },
    });
    // A fresh snapshot now and then keeps "open now" and the clock right without any event.
    refresh = setInterval(() => conn?.requestState(), 60_000);
  }

  function setOnline(on: boolean): void {
    online.value = on;
    if (on) {
      if (offlineTimer) clearTimeout(offlineTimer);
      offlineTimer = null;
      offlineShown.value = false;
    } else if (!offlineTimer && !offlineShown.value) {
      offlineTimer = setTimeout(() => { offlineTimer = null; offlineShown.value = !online.value; }, 1500);
    }
  }

  function disconnect(): void {
    conn?.close();
    conn = null;
    if (refresh) clearInterval(refresh);
    refresh = null;
    online.value = false;
    if (offlineTimer) clearTimeout(offlineTimer);
    offlineTimer = null;
    offlineShown.value = false;
  }

  const service = (id: string) => live.value.services.find((s) => s.id === id);

  return { live, online, offlineShown, offered, hasReader, offset, menu, loaded, connect, disconnect, service };
});
