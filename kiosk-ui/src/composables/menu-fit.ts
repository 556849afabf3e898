import { nextTick, onBeforeUnmount, onMounted, ref, watch, type Ref, type WatchSource } from 'vue';
import { firstFitting, outOfView } from '../lib/fit.ts';

/**
 * Keeps a scrolling list of buttons on its screen: picks the roomiest density level at which the
 * list does not overflow its scroller (re-picked whenever the content, the screen or `deps`
 * change), and counts the buttons still out of view, for the hint that says there is more.
 */
export function useMenuFit(scroller: Ref<HTMLElement | null>, items: string, max: number, deps: WatchSource[]) {
  const level = ref(0);
  const above = ref(0);
  const below = ref(0);
  let nextBelow: number | null = null;
  let fitting = false;
  let again = false;

  const overflows = (el: HTMLElement) => el.scrollHeight > el.clientHeight + 1;

  function count(): void {
    const el = scroller.value;
    if (!el) return;
    const view = el.getBoundingClientRect();
    const spans = [...el.querySelectorAll(items)].map((e) => e.getBoundingClientRect());
    const r = outOfView(spans, { top: view.top, bottom: view.top + el.clientHeight });
    above.value = r.above;
    below.value = r.below;
    nextBelow = r.nextBelow === null ? null : r.nextBelow - view.top;
  }

  // Each level is rendered and measured in turn within one task: nothing in between is painted.
  async function refit(): Promise<void> {
    if (fitting) { again = true; return; }
    fitting = true;
    try {
      do {
        again = false;
        const el = scroller.value;
        if (!el) return;
        const fit = await firstFitting(max, async (l) => {
          level.value = l;
          await nextTick();
          return overflows(el);
        });
        if (level.value !== fit) {
          level.value = fit;
          await nextTick();
        }
        count();
      } while (again);
    } finally {
      fitting = false;
    }
  }

  /** Brings the first button below the view to its top (the hint's touch). */
  function showMore(): void {
    const el = scroller.value;
    if (!el) return;
    count();
    const by = nextBelow === null ? el.clientHeight * 0.8 : Math.max(40, nextBelow - 12);
    el.scrollBy({ top: by, behavior: 'smooth' });
  }

  let observer: ResizeObserver | null = null;
  onMounted(() => {
    observer = new ResizeObserver(() => void refit());
    if (scroller.value) {
      observer.observe(scroller.value);
      // Its content: one element whose height changes with whatever it holds.
      if (scroller.value.firstElementChild) observer.observe(scroller.value.firstElementChild);
      scroller.value.addEventListener('scroll', count, { passive: true });
    }
    void document.fonts?.ready.then(() => refit());
    void refit();
  });
  onBeforeUnmount(() => {
    observer?.disconnect();
    scroller.value?.removeEventListener('scroll', count);
  });
  watch(deps, () => void refit(), { flush: 'post' });

  return { level, above, below, showMore, refit };
}
