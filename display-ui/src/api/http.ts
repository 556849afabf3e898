import { apiRequest, type RequestOptions } from '@onewindow/protocol';

/** The hall server serves this app, so the API is on the same origin. */
export function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  return apiRequest<T>('', path, opts);
}
