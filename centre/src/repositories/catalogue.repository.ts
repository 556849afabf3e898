import type { Catalogue, CatalogueService } from '@onewindow/protocol/centre';
import type { Pool } from '../store/pool.ts';

/** The district's service catalogue, one row per published version; settings as key → JSON. */
export class CatalogueRepository {
  constructor(private readonly pool: Pool) {}

  async publish(services: CatalogueService[], by: string): Promise<Catalogue> {
    const r = await this.pool.query(`INSERT INTO catalogue_versions (version, services, published_by)
      SELECT COALESCE(max(version), 0) + 1, $1, $2 FROM catalogue_versions RETURNING version, published_at`, [JSON.stringify(services), by]);
    return { version: r.rows[0].version, publishedAt: (r.rows[0].published_at as Date).toISOString(), services };
  }

  async latest(): Promise<Catalogue | null> {
    const r = await this.pool.query('SELECT version, services, published_at FROM catalogue_versions ORDER BY version DESC LIMIT 1');
    const x = r.rows[0];
    return x ? { version: x.version, services: x.services, publishedAt: (x.published_at as Date).toISOString() } : null;
  }

  async setting<T>(key: string): Promise<T | null> {
    return ((await this.pool.query('SELECT value FROM settings WHERE key = $1', [key])).rows[0]?.value as T) ?? null;
  }

  async saveSetting(key: string, value: unknown): Promise<void> {
    await this.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, JSON.stringify(value)]);
  }
}
