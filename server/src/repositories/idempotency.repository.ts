import type { Db } from './db.ts';

export interface StoredResponse { status: number; body: unknown }

/** First results of commands sent with an Idempotency-Key, kept for the business day. */
export class IdempotencyRepository {
  private readonly get;
  private readonly put;
  private readonly purge;
  constructor(db: Db) {
    this.get = db.prepare('SELECT status, response FROM idempotency WHERE scope = ? AND key = ? AND day = ?');
    this.put = db.prepare('INSERT OR IGNORE INTO idempotency (scope, key, day, status, response) VALUES (?, ?, ?, ?, ?)');
    this.purge = db.prepare('DELETE FROM idempotency WHERE day < ?');
  }
  find(scope: string, key: string, day: string): StoredResponse | null {
    const r = this.get.get(scope, key, day) as { status: number; response: string } | undefined;
    return r ? { status: r.status, body: JSON.parse(r.response) } : null;
  }
  save(scope: string, key: string, day: string, res: StoredResponse): void {
    this.put.run(scope, key, day, res.status, JSON.stringify(res.body));
  }
  purgeBefore(day: string): void {
    this.purge.run(day);
  }
}
