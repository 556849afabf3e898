/** The address a phone opens from the QR: `<hall.publicUrl or this page's origin>/track/<token>`. */
export function trackUrl(publicUrl: string | undefined | null, origin: string, token: string): string {
  const base = (publicUrl && /^https?:\/\//i.test(publicUrl) ? publicUrl : origin).replace(/\/+$/, '');
  return `${base}/track/${encodeURIComponent(token)}`;
}
