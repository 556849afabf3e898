import type { HallLevelName } from '@onewindow/protocol/centre';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { HallRecord, HallRepository } from '../repositories/hall.repository.ts';
import { AppError } from './app-error.ts';
import { newSecret, sha256 } from './passwords.ts';

export interface HallInput { id: string; name: string; level: HallLevelName; parentId?: string | null; regionCode?: string | null }

/**
 * The district's halls: the admin registers one and gets its key once (only its hash is kept);
 * a hall proves itself with that key, and may write only its own log.
 */
export class HallDirectory {
  constructor(private readonly repo: HallRepository, private readonly audit: AuditRepository, private readonly renamed: (id: string, name: string) => void) {}

  async register(input: HallInput, by: string): Promise<{ hall: HallRecord; key: string }> {
    if (await this.repo.get(input.id)) throw new AppError(409, 'HALL_EXISTS', `hall ${input.id} is registered already`);
    await this.checkParent(input.id, input.parentId ?? null);
    const key = `${input.id}.${newSecret(24)}`;
    await this.repo.create({ id: input.id, name: input.name, level: input.level, parentId: input.parentId ?? null, regionCode: input.regionCode ?? null }, sha256(key));
    await this.audit.add({ actor: by, action: 'hall.register', target: input.id, detail: { name: input.name, level: input.level } });
    return { hall: (await this.repo.get(input.id))!, key };
  }

  async update(id: string, input: Partial<Omit<HallInput, 'id'>>, by: string): Promise<HallRecord> {
    await this.find(id);
    if (input.parentId !== undefined) await this.checkParent(id, input.parentId);
    await this.repo.update(id, input);
    await this.audit.add({ actor: by, action: 'hall.update', target: id, detail: input });
    const h = (await this.repo.get(id))!;
    this.renamed(id, h.name);
    return h;
  }

  /** A new key for a hall (a lost or leaked one): the old key stops working at once. */
  async rotateKey(id: string, by: string): Promise<{ hall: HallRecord; key: string }> {
    const hall = await this.find(id);
    const key = `${id}.${newSecret(24)}`;
    await this.repo.setKey(id, sha256(key));
    await this.audit.add({ actor: by, action: 'hall.rotate-key', target: id });
    return { hall, key };
  }

  /** The hall a key belongs to: 401 when it is nobody's, 403 when it is another hall's. */
  async authenticate(key: string | undefined, hallId: string): Promise<void> {
    const owner = key ? await this.repo.byKeyHash(sha256(key)) : null;
    if (!owner) throw new AppError(401, 'BAD_HALL_KEY', 'the hall key is missing or wrong');
    if (owner !== hallId) throw new AppError(403, 'OTHER_HALL', `this key belongs to hall ${owner}, not ${hallId}`);
  }

  list(): Promise<HallRecord[]> {
    return this.repo.list();
  }

  async find(id: string): Promise<HallRecord> {
    const h = await this.repo.get(id);
    if (!h) throw new AppError(404, 'UNKNOWN_HALL', `no hall ${id}`);
    return h;
  }

  private async checkParent(id: string, parentId: string | null): Promise<void> {
    if (parentId === null) return;
    if (parentId === id) throw new AppError(422, 'PARENT_INVALID', 'a hall cannot be its own parent');
    if (!(await this.repo.get(parentId))) throw new AppError(422, 'UNKNOWN_PARENT', `no hall ${parentId}`);
  }
}
