// The contract suite's HTTP client: plain fetch, nothing hidden, every answer returned as it came.

export interface Answer { status: number; type: string; text: string; json: any }

export interface CallOptions { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }

/** One request; never throws on a 4xx or 5xx, so tests read the status and the body themselves. */
export async function call(base: string, method: string, path: string, o: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body: string | undefined = o.rawBody;
  if (o.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(o.body);
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json };
}

/** api.md's error shape: a stable machine code, a message for people, details optional. */
export function isErrorShape(a: Answer): boolean {
  const e = a.json?.error;
  return a.type.startsWith('application/json') && typeof e?.code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(e.code) && typeof e.message === 'string' && e.message.length > 0
    && Object.keys(a.json).length === 1 && Object.keys(e).every((k) => ['code', 'message', 'details'].includes(k));
}
