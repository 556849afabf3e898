import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, type DeviceView } from '@onewindow/protocol';
import { api } from '../api/http.ts';
import { pairFromAddress, tokenKey } from '../lib/pairing.ts';

type Screen = 'caller' | 'window';
const KIND: Record<Screen, DeviceView['kind']> = { caller: 'display', window: 'window-screen' };

/**
 * This screen as a paired device: `#pair=CODE` pairs it, the token stays in localStorage, and a
 * refused token (unpaired in the admin console) brings the pairing screen back.
 */
export const useDeviceStore = defineStore('device', () => {
  const token = ref<string | null>(null);
  const device = ref<DeviceView | null>(null);
  const busy = ref(false);
  const error = ref<{ code: string; message: string; kind?: string } | null>(null);
  const unpaired = ref(false);
  let screen: Screen = 'caller';
  let key = '';
  let stopListening: (() => void) | null = null;

  function read(): void {
    try {
      token.value = localStorage.getItem(key);
      const d = localStorage.getItem(`${key}.device`);
      device.value = d ? (JSON.parse(d) as DeviceView) : null;
    } catch {
      token.value = null;
    }
  }

  async function init(s: Screen, windowId?: string): Promise<void> {
    screen = s;
    key = tokenKey(s, windowId);
    read();
    // A code in the address pairs now; one opened later in the same tab pairs it then, no reload.
    let first: string | null = null;
    let starting = true;
    stopListening?.();
    stopListening = pairFromAddress(window, (code) => {
      if (starting) first = code;
      else void pair(code);
    });
    starting = false;
    if (first) await pair(first);
  }

  async function pair(code: string): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      const r = await api.call('POST /api/devices/pair', { body: { pairingCode: code.trim() } });
      if (r.device.kind !== KIND[screen]) {
        error.value = { code: 'WRONG_KIND', message: '', kind: r.device.kind };
        return false;
      }
      token.value = r.token;
      device.value = r.device;
      unpaired.value = false;
      try {
        localStorage.setItem(key, r.token);
        localStorage.setItem(`${key}.device`, JSON.stringify(r.device));
      } catch {
        // kept for this page only
      }
      return true;
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e));
      error.value = { code: err.code, message: err.message };
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** The server refused the token: forget it and ask for a new pairing. */
  function forget(): void {
    token.value = null;
    device.value = null;
    unpaired.value = true;
    try {
      localStorage.removeItem(key);
      localStorage.removeItem(`${key}.device`);
    } catch {
      // nothing stored
    }
  }

  return { token, device, busy, error, unpaired, init, pair, forget };
});
