import { Type, type Static } from 'typebox';
import { Nullable } from './schemas.ts';

/**
 * What if (extension, issue 18): a supervisor replays a finished day's real visitors through the
 * simulator with another staffing or routing policy and sees the waits beside what happened, hour by
 * hour. The replay runs off the request path (a worker thread): the console starts it, then reads
 * its progress and result.
 */
const Clock = Type.String({ pattern: '^([01]?\\d|2[0-3]):[0-5]\\d$', description: 'the hall\'s clock, "HH:MM"', examples: ['09:00'] });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });

/** One window of a replacement staffing: when it is open, what it does, its breaks. */
export const WhatIfWindow = Type.Object({
  id: Id,
  skills: Type.Optional(Type.Array(Id, { maxItems: 50, description: 'the window\'s configured skills when left out' })),
  opens: Clock,
  closes: Clock,
  breaks: Type.Optional(Type.Array(Type.Tuple([Clock, Clock]), { maxItems: 10 })),
}, { additionalProperties: false });

export const WhatIfStaffing = Type.Object({
  windows: Type.Optional(Type.Array(WhatIfWindow, { maxItems: 200, description: 'replace the day\'s staffing with these windows' })),
  open: Type.Optional(Type.Array(Type.Object({
    windowId: Id, at: Clock, skills: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  }, { additionalProperties: false }), { maxItems: 200, description: 'open these windows as well, from `at` to the day\'s last closing ("had W12 opened at 9:00 for 社保")' })),
}, { additionalProperties: false });

export const WhatIfRequest = Type.Object({
  day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a finished business day of this hall' }),
  staffing: Type.Optional(WhatIfStaffing),
  /** `advice`: the staffing advice for that day (GET /api/stats/staffing?date=), as windows by the hour: does it meet its targets? */
  preset: Type.Optional(Type.Literal('advice', { description: '"advice": replay the staffing advice for that day (its windows needed, hour by hour) instead of `staffing`' })),
  policy: Type.Optional(Type.String({ maxLength: 32, description: 'a routing policy: balanced, fair, fifo, dedicated; the hall\'s own when left out' })),
}, { additionalProperties: false });

const Waits = Type.Object({ meanSec: Type.Integer({ minimum: 0 }), maxSec: Type.Integer({ minimum: 0 }) });
const Totals = Type.Object({ visits: Type.Integer({ minimum: 0 }), meanSec: Type.Integer({ minimum: 0 }), p90Sec: Type.Integer({ minimum: 0 }), maxSec: Type.Integer({ minimum: 0 }) });

export const WhatIfHour = Type.Object({
  hour: Type.String({ description: 'local hour the visitors joined the queue, "09:00"' }),
  visits: Type.Integer({ minimum: 0 }),
  actual: Waits,
  replayed: Waits,
  whatIf: Waits,
});

export const WhatIfResult = Type.Object({
  day: Type.String(),
  policy: Type.String(),
  hours: Type.Array(WhatIfHour),
  actual: Totals,
  replayed: Type.Intersect([Totals, Type.Object({ unserved: Type.Integer({ minimum: 0 }) })], { description: 'the same day replayed with its own staffing and the hall\'s policy: how far the simulation is from what happened' }),
  whatIf: Type.Intersect([Totals, Type.Object({ unserved: Type.Integer({ minimum: 0 }) })]),
  left: Type.Object({ neverCalled: Type.Integer({ minimum: 0 }), unfinished: Type.Integer({ minimum: 0 }) }),
  windows: Type.Array(WhatIfWindow, { description: 'the staffing replayed as "what if"' }),
  targetSec: Type.Integer({ description: 'the mean wait the staffing advice keeps within (its targets, weighted by the day\'s visitors)' }),
});

export const WhatIfJob = Type.Object({
  id: Type.String(),
  day: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  /** 0…1 */
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  phase: Type.Union([Type.Literal('reading'), Type.Literal('replaying'), Type.Literal('what-if'), Type.Literal('done')]),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  request: WhatIfRequest,
  result: Nullable(WhatIfResult),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
});

export const WhatIfDays = Type.Object({
  days: Type.Array(Type.Object({ day: Type.String(), tickets: Type.Integer({ minimum: 0 }) }), { description: 'finished days with tickets, newest first' }),
  policies: Type.Array(Type.String()),
  windows: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), skills: Type.Array(Type.String()) })),
});

export type WhatIfWindow = Static<typeof WhatIfWindow>;
export type WhatIfStaffing = Static<typeof WhatIfStaffing>;
export type WhatIfRequest = Static<typeof WhatIfRequest>;
export type WhatIfHour = Static<typeof WhatIfHour>;
export type WhatIfResult = Static<typeof WhatIfResult>;
export type WhatIfJob = Static<typeof WhatIfJob>;
export type WhatIfDays = Static<typeof WhatIfDays>;
