import type { Answer, BodyOf, EndpointKey, Endpoints, QueryOf } from '../endpoints.ts';
import { apiRequest, ApiError } from '../http.ts';

export { ApiError };

/** ":id" and ":code" of a route's path, as the names of the values a call must give. */
type ParamNames<P extends string> = P extends `${string}:${infer N}/${infer R}` ? N | ParamNames<`/${R}`> : P extends `${string}:${infer N}` ? N : never;
type PathOf<K extends EndpointKey> = K extends `${string} ${infer P}` ? P : never;

/** What a call takes besides its route: path values, query, body (typed by the route's schemas). */
export type CallOptions<K extends EndpointKey> =
  { token?: string | null; idempotencyKey?: string; signal?: AbortSignal }
  & ([ParamNames<PathOf<K>>] extends [never] ? { params?: undefined } : { params: Record<ParamNames<PathOf<K>>, string> })
  & (Endpoints[K] extends { body: unknown } ? { body: BodyOf<K> } : { body?: undefined })
  & (Endpoints[K] extends { query: unknown } ? { query?: QueryOf<K> } : { query?: undefined });

/** Calls whose options may all be left out. */
type Bare = { [K in EndpointKey]: object extends CallOptions<K> ? K : never }[EndpointKey];

export interface ApiClient {
  /**
   * One call of the hall's API: the answer typed by the route's response schema; a refusal throws
   * ApiError with the stable error code (api.md), a failed network ApiError 'NETWORK'.
   */
  call<K extends Bare>(route: K, opts?: CallOptions<K>): Promise<Answer<K>>;
  call<K extends EndpointKey>(route: K, opts: CallOptions<K>): Promise<Answer<K>>;
}

/** "/api/windows/:id/summary" with { id: "W01" } → "/api/windows/W01/summary", plus the query. */
export function pathFor(template: string, params: Record<string, string> = {}, query: object = {}): string {
  const path = template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new ApiError(0, 'CLIENT_ERROR', `${template}: no value for :${name}`);
    return encodeURIComponent(v);
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query) as [string, unknown][]) if (v !== undefined && v !== null) q.set(k, String(v));
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * The typed HTTP client of the UIs. `token` gives the bearer token of the moment (a store's ref);
 * a call may pass its own. `base` is the server's address (the UIs leave it empty: same origin).
 */
export function createApi(opts: { base?: string; token?: () => string | null | undefined } = {}): ApiClient {
  function call<K extends Bare>(route: K, o?: CallOptions<K>): Promise<Answer<K>>;
  function call<K extends EndpointKey>(route: K, o: CallOptions<K>): Promise<Answer<K>>;
  function call(route: EndpointKey, options?: unknown): Promise<unknown> {
    // The overloads above type every call; here the options are read as plain data.
    const o = (options ?? {}) as LooseOptions;
    const [method, template] = route.split(' ');
    const token = o.token !== undefined ? o.token : opts.token?.() ?? null;
    // A POST without a body still sends `{}`: the routes whose body is all optional read it as "nothing given".
    const body = o.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
    return apiRequest<unknown>(opts.base ?? origin(), pathFor(template, o.params, o.query), { method, body, token, idempotencyKey: o.idempotencyKey, signal: o.signal });
  }
  return { call };
}

/** The page's own server (a browser resolves '' the same way; Node, in store tests, needs it spelt out). */
const origin = () => (globalThis as { location?: { origin?: string } }).location?.origin ?? '';

interface LooseOptions {
  token?: string | null; idempotencyKey?: string; signal?: AbortSignal;
  params?: Record<string, string>; body?: unknown; query?: object;
}
