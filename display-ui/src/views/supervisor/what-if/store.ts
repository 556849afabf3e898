import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, type WhatIfDays, type WhatIfJob, type WhatIfRequest } from '@onewindow/protocol';
import { staffApi as api } from '../console/use-api.ts';
import { consoleError } from '../console/i18n.ts';
import { shiftsFrom, type Draft } from './plan.ts';

/** An error in words; a refused staffing also names where (the server's path, "staffing.windows[2]: …"). */
function whatIfError(e: unknown): string {
  const words = consoleError(e);
  return e instanceof ApiError && e.code === 'WHAT_IF_INVALID' ? `${words}（${e.message}）` : words;
}

/** How often a running replay is read (it takes seconds; the bar should move). */
const POLL_MS = 300;
/** A replay that has not ended after this long is given up on (the server bounds its thread too). */
const GIVE_UP_MS = 5 * 60_000;

/**
 * The what-if page's state: the days and windows to choose from, the draft being edited, the replay
 * running (progress) and its answer, errors in words. GET /api/what-if/days, POST /api/what-if,
 * GET /api/what-if/:id.
 */
export const useWhatIfStore = defineStore('console-what-if', () => {
  const options = ref<WhatIfDays | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const job = ref<WhatIfJob | null>(null);
  const running = ref(false);
  const draft = ref<Draft>({ day: '', policy: '', mode: 'open', open: [], shifts: [] });
  let stopped = false;

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      options.value = await api.call('GET /api/what-if/days');
      const d = draft.value;
      if (!d.day || !options.value.days.some((x) => x.day === d.day)) d.day = options.value.days[0]?.day ?? '';
      if (d.shifts.length === 0) d.shifts = shiftsFrom([], options.value.windows, ['09:00', '17:00']);
    } catch (e) {
      error.value = consoleError(e);
    } finally {
      loading.value = false;
    }
  }

  /** Starts a replay and follows it to its end; the answer (or the failure, in words) lands in `job`/`error`. */
  async function run(request: WhatIfRequest): Promise<void> {
    if (running.value) return;
    running.value = true;
    stopped = false;
    error.value = null;
    job.value = null;
    try {
      let j = await api.call('POST /api/what-if', { body: request });
      job.value = j;
      const until = Date.now() + GIVE_UP_MS;
      while (j.status === 'running' && !stopped) {
        if (Date.now() > until) throw new Error('timeout');
        await new Promise((r) => setTimeout(r, POLL_MS));
        j = await api.call('GET /api/what-if/:id', { params: { id: j.id } });
        job.value = j;
      }
      if (j.status === 'failed' && j.error) error.value = whatIfError(new ApiError(500, j.error.code, j.error.message));
      // The day's own staffing, once known, is the starting point of the whole-day editor.
      if (j.result && request.staffing === undefined && request.preset === undefined && options.value) {
        draft.value.shifts = shiftsFrom(j.result.windows, options.value.windows, ['09:00', '17:00']);
      }
    } catch (e) {
      error.value = e instanceof Error && e.message === 'timeout' ? consoleError(new ApiError(0, 'WHAT_IF_TIMEOUT', 'the replay did not end')) : whatIfError(e);
    } finally {
      running.value = false;
    }
  }

  /** Leaving the page stops following (the server finishes the replay on its own). */
  function stop(): void { stopped = true; }

  return { options, loading, error, job, running, draft, load, run, stop };
});
