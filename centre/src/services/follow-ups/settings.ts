import { Type, type Static } from 'typebox';

/** The province's rules for bad reviews (好差评 整改): deadlines in working days and its calendar. */
export const FollowUpSettings = Type.Object({
  callBackWorkingDays: Type.Integer({ minimum: 1, maximum: 30, description: 'a bad review is called back within this many working days' }),
  resolveWorkingDays: Type.Integer({ minimum: 1, maximum: 60, description: 'and its cause fixed (整改) within this many' }),
  timezone: Type.String({ minLength: 1 }),
  workingDays: Type.Array(Type.Enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), { minItems: 1, maxItems: 7 }),
  holidays: Type.Array(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), { maxItems: 400 }),
  workdays: Type.Array(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), { maxItems: 100, description: 'make-up working days on weekends (调休)' }),
});
export type FollowUpSettings = Static<typeof FollowUpSettings>;

/** The national rule of thumb until a province sets its own: call back in 1 working day, fix in 15. */
export const DEFAULT_FOLLOW_UP: FollowUpSettings = {
  callBackWorkingDays: 1, resolveWorkingDays: 15, timezone: 'Asia/Shanghai',
  workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: [], workdays: [],
};
