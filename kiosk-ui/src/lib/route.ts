/** Which view this page shows, from its path: the kiosk, a visitor's tracking page, or booking. */
export type Route =
  | { view: 'kiosk' }
  | { view: 'track'; token: string }
  | { view: 'book'; rest: string };

export function routeOf(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] === 'track') return { view: 'track', token: safeDecode(parts[1] ?? '') };
  if (parts[0] === 'book') return { view: 'book', rest: parts.slice(1).map(safeDecode).join('/') };
  return { view: 'kiosk' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
