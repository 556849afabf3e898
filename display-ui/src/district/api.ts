import { apiRequest, ApiError, type RequestOptions } from '@onewindow/protocol';
import { io, type Socket } from 'socket.io-client';
import type { CentreClientToServer, CentreServerToClient } from '@onewindow/protocol/centre';

const TOKEN = 'onewindow.district.token';

export function storedToken(): string | null {
  try { return localStorage.getItem(TOKEN); } catch { return null; }
}
export function storeToken(t: string | null): void {
  try { if (t) localStorage.setItem(TOKEN, t); else localStorage.removeItem(TOKEN); } catch { /* this page only */ }
}

/** The centre's API on the same origin, with the signed-in user's token. */
export function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  return apiRequest<T>('', path, { token: storedToken(), ...opts });
}

export function csvUrl(path: string): string {
  return path + (path.includes('?') ? '&' : '?') + 'format=csv';
}

/** Downloads a CSV with the token (a plain link could not send it). */
export async function downloadCsv(path: string, name: string): Promise<void> {
  const res = await fetch(csvUrl(path), { headers: { authorization: `Bearer ${storedToken()}` } });
  if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, res.statusText);
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type DistrictSocket = Socket<CentreServerToClient, CentreClientToServer>;
export function connectDistrict(token: string): DistrictSocket {
  return io({ path: '/socket.io', auth: { token }, transports: ['websocket'] });
}
