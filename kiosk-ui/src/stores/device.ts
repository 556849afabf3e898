import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, type DeviceView } from '@onewindow/protocol';
import { api } from '../api/http.ts';
import { pairFromAddress } from '../lib/pairing.ts';

const TOKEN = 'onewindow.kiosk.token';
const DEVICE = 'onewindow.kiosk.device';

function readDevice(): DeviceView | null {
  try {
    return JSON.parse(localStorage.getItem(DEVICE) ?? 'null') as DeviceView | null;
  } catch {
    return null;
  }
}

/** This kiosk's identity: paired once with a code (`#pair=CODE` or typed), then kept in localStorage. */
export const useDeviceStore = defineStore('device', () => {
  const token = ref<string | null>(localStorage.getItem(TOKEN));
  const device = ref<DeviceView | null>(readDevice());
  const busy = ref(false);
  const error = ref<string | null>(null);
  const started = ref(false);

  const paired = computed(() => token.value !== null && device.value !== null);
  const kioskId = computed(() => device.value?.kioskId ?? null);

  function keep(t: string, d: DeviceView): void {
    token.value = t;
    device.value = d;
    localStorage.setItem(TOKEN, t);
    localStorage.setItem(DEVICE, JSON.stringify(d));
  }

  function forget(): void {
    token.value = null;
    device.value = null;
    localStorage.removeItem(TOKEN);
    localStorage.removeItem(DEVICE);
  }

  async function pair(code: string): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      const r = await api.call('POST /api/devices/pair', { body: { pairingCode: code.trim() } });
      if (r.device.kind !== 'kiosk' || !r.device.kioskId) {
        error.value = 'NOT_A_KIOSK';
        return false;
      }
      keep(r.token, r.device);
      return true;
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 'GENERIC';
      error.value = ['PAIRING_CODE_INVALID', 'NETWORK', 'VALIDATION_FAILED'].includes(code) ? (code === 'VALIDATION_FAILED' ? 'PAIRING_CODE_INVALID' : code) : 'GENERIC';
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** A kept token is checked once; a server that cannot be reached is not a reason to forget it. */
  async function verify(): Promise<void> {
    if (!token.value) return;
    try {
      const me = await api.call('GET /api/auth/me', { token: token.value });
      if (me.device?.kind === 'kiosk') keep(token.value, me.device);
      else forget();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) forget();
    }
  }

  /**
   * At start: a code in the address pairs (replacing any old token); otherwise the kept token is
   * checked. A code opened later in the same tab (`#pair=CODE`) pairs it too, without a reload.
   */
  async function start(): Promise<void> {
    let first: string | null = null;
    pairFromAddress(window, (code) => {
      if (started.value) void pair(code);
      else first = code;
    });
    if (first) await pair(first);
    else await verify();
    started.value = true;
  }

  return { token, device, busy, error, started, paired, kioskId, pair, forget, start };
});
