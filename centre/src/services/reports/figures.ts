/** The district report's arithmetic, kept apart from SQL so it is tested alone. Pure. */

/** Raw sums of one hall, day and service, as the report query returns them. */
export interface Cell {
  hallId: string; day: string; serviceId: string;
  issued: number; called: number; waitMs: number; served: number; targetBase: number; withinTarget: number;
  ratings: number[];
}

export interface DistrictRow {
  key: string; name: string;
  issued: number; called: number; served: number;
  waitMeanSec: number | null;
  targetBase: number; withinTarget: number; withinTargetShare: number | null;
  ratings: number[]; rated: number; satisfaction: number | null; badReviews: number;
}

const sec = (x: number) => Math.round(x * 10) / 10;
const share = (x: number) => Math.round(x * 10_000) / 10_000;

export class RowSum {
  issued = 0; called = 0; waitMs = 0; served = 0; targetBase = 0; withinTarget = 0;
  ratings = [0, 0, 0, 0, 0];
  constructor(readonly key: string, readonly name: string) {}

  add(c: Cell): void {
    this.issued += c.issued; this.called += c.called; this.waitMs += c.waitMs; this.served += c.served;
    this.targetBase += c.targetBase; this.withinTarget += c.withinTarget;
    for (let i = 0; i < 5; i++) this.ratings[i] += c.ratings[i];
  }

  row(): DistrictRow {
    const rated = this.ratings.reduce((a, b) => a + b, 0);
    return {
      key: this.key, name: this.name, issued: this.issued, called: this.called, served: this.served,
      waitMeanSec: this.called ? sec(this.waitMs / this.called / 1000) : null,
      targetBase: this.targetBase, withinTarget: this.withinTarget,
      withinTargetShare: this.targetBase ? share(this.withinTarget / this.targetBase) : null,
      ratings: [...this.ratings], rated, satisfaction: rated ? share((this.ratings[3] + this.ratings[4]) / rated) : null,
      badReviews: this.ratings[0] + this.ratings[1],
    };
  }
}

/** Sums cells into rows keyed by `keyOf`, named by `nameOf`, in `order`. */
export function group(cells: readonly Cell[], keyOf: (c: Cell) => string, nameOf: (key: string) => string): RowSum[] {
  const m = new Map<string, RowSum>();
  for (const c of cells) {
    const k = keyOf(c);
    let r = m.get(k);
    if (!r) m.set(k, (r = new RowSum(k, nameOf(k))));
    r.add(c);
  }
  return [...m.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
