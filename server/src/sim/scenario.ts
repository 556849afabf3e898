import { Type, type Static } from 'typebox';

/**
 * A hall day as data (`onewindow-scenario/1`, see docs/scenario.md). Times are seconds from
 * the hall's opening, durations are seconds. The schema refuses unknown fields; what a schema cannot
 * say (references, uniqueness, order of times) is checked in checks.ts.
 */
const strict = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Sec = Type.Number({ minimum: 0 });

export const StepSchema = Type.Object({ service: Id, serviceSec: Sec }, strict);

export const ScenarioSchema = Type.Object({
  format: Type.Literal('onewindow-scenario/1'),
  name: Type.String({ minLength: 1 }),
  noShowTimeoutSec: Type.Optional(Sec),
  /** Extension (README): clerks who ask a while after each visitor; omitted, they ask at once. */
  clerks: Type.Optional(Type.Object({
    askDelaySec: Type.Tuple([Sec, Sec]),
    seed: Type.Optional(Type.Integer({ minimum: 0 })),
  }, strict)),
  services: Type.Array(Type.Object({
    id: Id,
    name: Type.String({ minLength: 1 }),
    prefix: Type.String({ pattern: '^[A-Z]{1,2}$' }),
    targetWaitSec: Sec,
  }, strict), { minItems: 1 }),
  windows: Type.Array(Type.Object({
    id: Id,
    skills: Type.Array(Id, { minItems: 1 }),
    opensAt: Sec,
    closesAt: Sec,
    breaks: Type.Optional(Type.Array(Type.Tuple([Sec, Sec]))),
  }, strict), { minItems: 1 }),
  tickets: Type.Array(Type.Object({
    id: Id,
    arrival: Sec,
    service: Id,
    priority: Type.Union([Type.Literal('normal'), Type.Literal('green')]),
    serviceSec: Sec,
    noShow: Type.Optional(Type.Boolean()),
    appointmentAt: Type.Optional(Sec),
    next: Type.Optional(Type.Array(StepSchema)),
  }, strict)),
}, strict);

export type Scenario = Static<typeof ScenarioSchema>;
export type ScenarioService = Scenario['services'][number];
export type ScenarioWindow = Scenario['windows'][number];
export type ScenarioTicket = Scenario['tickets'][number];

export const SCENARIO_FORMAT = 'onewindow-scenario/1';
export const DEFAULT_NO_SHOW_TIMEOUT_SEC = 60;
