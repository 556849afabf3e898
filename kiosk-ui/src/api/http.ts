import { apiRequest, type RequestOptions } from '@onewindow/protocol';

/** The hall server's HTTP API, on this page's origin (Vite's dev server proxies it). */
export function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  return apiRequest<T>('', path, opts);
}
