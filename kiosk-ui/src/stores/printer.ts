import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PrinterStatus } from '@onewindow/protocol';

// `unknown`: a one-way printer (it cannot report its paper); its tickets are printed as usual.
const PRINTS = new Set<PrinterStatus['state']>(['ok', 'paper-near-end', 'unknown']);

/** This kiosk's ticket printer, as the server reports it (`printer:status`, snapshots). */
export const usePrinterStore = defineStore('printer', () => {
  const status = ref<PrinterStatus | null>(null);
  /** Unknown counts as working: the server reports a printer that is not. */
  const canPrint = computed(() => status.value === null || PRINTS.has(status.value.state));

  function take(list: readonly PrinterStatus[], kioskId: string | null): void {
    status.value = list.find((p) => p.kioskId === kioskId) ?? null;
  }

  return { status, canPrint, take };
});
