/**
 * The few browser objects the UIs' Pinia stores touch, for store tests that run in Node against a
 * real server (real HTTP, real socket.io): an address (`location`, `history`), `localStorage`, and
 * `document.documentElement`. socket.io-client and the typed HTTP client find the server through
 * `location`, as in a browser. These are stand-ins for the browser only; nothing of the hall is faked.
 */
class MemoryStorage {
  private readonly m = new Map<string, string>();
  get length() { return this.m.size; }
  getItem(k: string) { return this.m.get(k) ?? null; }
  setItem(k: string, v: string) { this.m.set(k, String(v)); }
  removeItem(k: string) { this.m.delete(k); }
  clear() { this.m.clear(); }
  key(i: number) { return [...this.m.keys()][i] ?? null; }
}

const g = globalThis as Record<string, unknown>;

/** Puts the page at `href` (e.g. `${srv.url}/kiosk/#pair=12345678`), with empty storage. */
export function browserAt(href: string): void {
  let url = new URL(href);
  const location = {
    get href() { return url.href; }, get origin() { return url.origin; }, get protocol() { return url.protocol; },
    get host() { return url.host; }, get hostname() { return url.hostname; }, get port() { return url.port; },
    get pathname() { return url.pathname; }, get search() { return url.search; }, get hash() { return url.hash; },
    set hash(h: string) { url.hash = h; },
  };
  const move = (_s: unknown, _t: string, to?: string | URL | null) => { if (to) url = new URL(String(to), url); };
  const listeners = new EventTarget();
  g.location = location;
  g.history = { replaceState: move, pushState: move };
  g.localStorage = new MemoryStorage();
  g.window = globalThis;
  g.addEventListener = listeners.addEventListener.bind(listeners);
  g.removeEventListener = listeners.removeEventListener.bind(listeners);
  const classes = new Set<string>();
  g.document = {
    documentElement: {
      lang: 'zh-CN',
      classList: { toggle: (c: string, on?: boolean) => ((on ?? !classes.has(c)) ? classes.add(c) : classes.delete(c), classes.has(c)), contains: (c: string) => classes.has(c) },
    },
  };
}

/** Resolves when `check` holds (polled), or fails after `ms`. */
export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
