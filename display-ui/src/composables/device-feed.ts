import { onBeforeUnmount, ref, watch } from 'vue';
import { useDeviceStore } from '../stores/device.ts';
import { useFeedStore } from '../stores/feed.ts';

/**
 * A paired screen's life: pair from `#pair=CODE` or the stored token, keep the feed connected,
 * and go back to the pairing screen when the server no longer knows the token.
 */
export function useDeviceFeed(screen: 'caller' | 'window', windowId?: string) {
  const device = useDeviceStore();
  const feed = useFeedStore();
  const ready = ref(false);
  void device.init(screen, windowId).finally(() => { ready.value = true; });

  watch([() => device.token, ready], ([token, ok]) => {
    if (!ok) return;
    if (token) feed.connect(token);
    else feed.disconnect();
  }, { immediate: true });
  watch(() => feed.status, (s) => { if (s === 'unauthorized') device.forget(); });
  onBeforeUnmount(() => feed.disconnect());
  return { device, feed, ready };
}
