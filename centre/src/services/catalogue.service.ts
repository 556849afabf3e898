import type { Catalogue, CatalogueService as CatalogueEntry } from '@onewindow/protocol/centre';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { CatalogueRepository } from '../repositories/catalogue.repository.ts';
import { AppError } from './app-error.ts';

/** The district's service catalogue: the admin publishes a version; halls that follow it fetch and apply it. */
export class CatalogueService {
  private cached: Catalogue | null | undefined;

  constructor(private readonly repo: CatalogueRepository, private readonly audit: AuditRepository) {}

  async publish(services: CatalogueEntry[], by: string): Promise<Catalogue> {
    const problems: string[] = [];
    const seen = (key: (s: CatalogueEntry) => string, what: string) => {
      const m = new Set<string>();
      for (const s of services) {
        if (m.has(key(s))) problems.push(`${what} ${key(s)} appears twice`);
        m.add(key(s));
      }
    };
    seen((s) => s.id, 'service id');
    seen((s) => s.code, 'catalogue code');
    seen((s) => s.prefix, 'ticket prefix');
    if (problems.length) throw new AppError(422, 'CATALOGUE_INVALID', problems.join('; '), { problems });
    const c = await this.repo.publish(services, by);
    this.cached = c;
    await this.audit.add({ actor: by, action: 'catalogue.publish', target: String(c.version), detail: { services: services.length } });
    return c;
  }

  async current(): Promise<Catalogue | null> {
    if (this.cached === undefined) this.cached = await this.repo.latest();
    return this.cached;
  }

  async version(): Promise<number | null> {
    return (await this.current())?.version ?? null;
  }
}
