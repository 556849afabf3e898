// Loaded into the server process by `npm run bench:load` (node --import), never by the hall itself:
// how late the server's event loop ran during the measured phase, its longest garbage-collection
// pause and its largest heap, so that a round trip's tail can be put down to the server or to the
// load client. SIGUSR2 starts the measured phase; the figures are written to LOOP_PROBE_OUT as the
// process exits.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const out = process.env.LOOP_PROBE_OUT;
if (out) {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  let gcMax = 0;
  let heapMax = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMax = Math.max(gcMax, e.duration);
  }).observe({ entryTypes: ['gc'] });
  const heap = setInterval(() => { heapMax = Math.max(heapMax, process.memoryUsage().heapUsed); }, 100);
  heap.unref();
  process.on('SIGUSR2', () => {
    h.reset();
    gcMax = 0;
    heapMax = 0;
  });
  process.on('exit', () => {
    writeFileSync(out, JSON.stringify({ p99: h.percentile(99) / 1e6, max: h.max / 1e6, gcMax, heapMaxMiB: heapMax / 2 ** 20 }));
  });
}
