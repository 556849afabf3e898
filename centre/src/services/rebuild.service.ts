import type { EventRepository } from '../repositories/event.repository.ts';
import type { ProjectionRepository } from '../repositories/projection.repository.ts';
import { project } from '../projection/project.ts';
import { transaction, type Pool } from '../store/pool.ts';

const CHUNK = 5000;

/**
 * Every projection thrown away and made again from the stored events, hall by hall in seq order,
 * through the same projector ingest uses. One transaction: readers see the old figures or the new,
 * never half; ingest waits on the cursor locks taken first, so no batch slips between.
 */
export class RebuildService {
  constructor(private readonly pool: Pool, private readonly events: EventRepository, private readonly projections: ProjectionRepository) {}

  async rebuild(): Promise<{ halls: number; events: number }> {
    return transaction(this.pool, async (c) => {
      await c.query('SELECT hall_id FROM hall_cursors ORDER BY hall_id FOR UPDATE');
      await this.projections.clear(c);
      let total = 0;
      const halls = (await c.query<{ hall_id: string }>('SELECT hall_id FROM hall_cursors WHERE shipped_seq > 0 ORDER BY hall_id')).rows.map((r) => r.hall_id);
      for (const hallId of halls) {
        let after = 0;
        for (;;) {
          const batch = await this.events.after(hallId, after, CHUNK, c);
          if (batch.length === 0) break;
          const loaded = await this.projections.load(c, hallId, batch);
          await this.projections.save(c, project(hallId, batch, loaded));
          after = batch[batch.length - 1].seq;
          total += batch.length;
        }
      }
      return { halls: halls.length, events: total };
    });
  }
}
