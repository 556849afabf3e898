import { computed, onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { ApiError } from '@onewindow/protocol';
import { api } from '../../api/http.ts';
import { CallAlert } from '../../lib/track-alert.ts';
import { openTrackFeed, type FeedConnection } from '../../api/socket.ts';
import { applyTrack, fromAnswer, fromSnapshot, phaseOf, type TrackModel } from '../../lib/track.ts';

/** The tracking page's state: a first answer over HTTP, then the ticket's live feed. */
export function useTrack(token: string) {
  const model = shallowRef<TrackModel | null>(null);
  const notFound = ref(false);
  const online = ref(false);
  const connected = ref(false);
  const rings = ref(0);
  const alertOn = ref(false);
  const alertSupported = ref(true);
  const alert = new CallAlert();
  let conn: FeedConnection | null = null;
  const phase = computed(() => phaseOf(model.value, notFound.value));

  function ring(): void {
    rings.value++;
    alert.ring();
  }

  async function enableAlert(): Promise<void> {
    alertSupported.value = await alert.enable();
    alertOn.value = true;
  }

  async function refreshNotice(): Promise<void> {
    try {
      const a = await api.call('GET /api/tickets/track/:token', { params: { token } });
      if (model.value) model.value = { ...model.value, notice: a.notice ?? null };
    } catch {
      // kept as it was: the list is also on paper and by SMS
    }
  }

  onMounted(async () => {
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(token)) {
      notFound.value = true;
      return;
    }
    try {
      model.value = fromAnswer(await api.call('GET /api/tickets/track/:token', { params: { token } }));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) {
        notFound.value = true;
        return;
      }
      // Offline for now: the feed below brings the ticket when the network is back.
    }
    conn = openTrackFeed(token, {
      state: (s) => {
        const before = model.value?.ticket?.status;
        model.value = fromSnapshot(s, model.value);
        connected.value = true;
        // Called while this phone was offline: ring now.
        if (before && before !== 'called' && model.value.ticket?.status === 'called') ring();
      },
      message: (m) => {
        if (!model.value) return;
        const before = model.value.ticket?.status;
        const step = applyTrack(model.value, m);
        model.value = step.model;
        if (step.alert) ring();
        // A matter finished: a 一次性告知 may come with it, which only the HTTP answer carries.
        if (before !== step.model.ticket?.status && step.model.ticket?.status === 'done') void refreshNotice();
      },
      online: (c) => { online.value = c; },
      refused: () => { notFound.value = true; },
    });
  });
  onBeforeUnmount(() => conn?.close());

  return { model, phase, online, connected, rings, alertOn, alertSupported, enableAlert, canAlert: alert.canBeep || alert.canVibrate };
}
