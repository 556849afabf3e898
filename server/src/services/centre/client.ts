import http from 'node:http';
import https from 'node:https';

export class CentreHttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'CentreHttpError';
  }
}

/**
 * JSON over HTTP(S) to the centre with the hall's key, a timeout on every call (a blackholed link
 * must fail, not hang), keep-alive, and an optional private CA for https.
 */
export class CentreClient {
  private readonly agent: http.Agent;

  constructor(private readonly base: string, private readonly key: string, ca: string | null, private readonly timeoutMs = 10_000) {
    this.agent = base.startsWith('https:') ? new https.Agent({ keepAlive: true, maxSockets: 2, ...(ca ? { ca } : {}) }) : new http.Agent({ keepAlive: true, maxSockets: 2 });
  }

  request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const url = new URL(this.base + path);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise<T>((resolve, reject) => {
      const req = lib.request(url, {
        method, agent: this.agent, timeout: this.timeoutMs,
        headers: { accept: 'application/json', authorization: `Bearer ${this.key}`, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          let data: unknown = null;
          try { data = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'); } catch { data = null; }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(data as T);
          const e = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
          reject(new CentreHttpError(status, e?.code ?? `HTTP_${status}`, e?.message ?? `the centre answered ${status}`, e?.details));
        });
      });
      // A silent network (a cut cable, a blackholing firewall) ends here instead of hanging.
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`no answer from the centre in ${this.timeoutMs / 1000} s`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
