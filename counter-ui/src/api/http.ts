import { apiRequest, ApiError, type RequestOptions } from '@onewindow/protocol';

/** Same-origin API calls: the UIs are served by the hall server itself. */
export function api<T>(path: string, token: string | null, opts: Omit<RequestOptions, 'token'> = {}): Promise<T> {
  return apiRequest<T>('', path, { ...opts, token });
}

export { ApiError };
