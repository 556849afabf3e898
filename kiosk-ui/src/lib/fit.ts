/**
 * Fitting the kiosk's menu to its screen. The menu has a few levels of density (0 roomy … max
 * tight); the first level at which nothing overflows is taken. When even the tightest overflows,
 * the page says how many services are out of sight and where (the "more below" hint).
 */

/**
 * The first level, from 0 up to `max`, at which `overflows(level)` is false; `max` when none.
 * Levels are tried in order, each once (the page renders a level before it can be measured).
 */
export async function firstFitting(max: number, overflows: (level: number) => boolean | Promise<boolean>): Promise<number> {
  for (let level = 0; level < max; level++) if (!(await overflows(level))) return level;
  return max;
}

export interface Span { top: number; bottom: number }

/**
 * How many items are not wholly in view above and below a scrolled view, and where the next one
 * below starts (to scroll it to the top of the view), all in the same coordinates.
 */
export function outOfView(items: readonly Span[], view: Span, slack = 1): { above: number; below: number; nextBelow: number | null } {
  let above = 0;
  let below = 0;
  let nextBelow: number | null = null;
  for (const it of items) {
    if (it.bottom > view.bottom + slack) {
      below++;
      nextBelow = nextBelow === null ? it.top : Math.min(nextBelow, it.top);
    } else if (it.top < view.top - slack) above++;
  }
  return { above, below, nextBelow };
}
