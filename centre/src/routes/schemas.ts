import { Type } from 'typebox';
import { ErrorBody, Nullable } from '@onewindow/protocol';
import { HallLevel } from '@onewindow/protocol/centre';

/** Shapes only the centre's own routes use (the hall-facing ones live in protocol/src/centre.ts). */
export const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const HallId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
export const CentreRoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('district'), Type.Literal('hall-viewer')]);

export const HallRecord = Type.Object({
  id: Type.String(), name: Type.String(), level: HallLevel, parentId: Nullable(Type.String()), regionCode: Nullable(Type.String()), createdAt: Type.Unknown(),
});
export const HallInput = Type.Object({
  id: HallId,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  level: HallLevel,
  parentId: Type.Optional(Nullable(HallId)),
  regionCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{6,12}$', description: '行政区划代码 (6 digits, or 9–12 for streets and communities)' }))),
}, { additionalProperties: false });
export const HallPatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  level: Type.Optional(HallLevel),
  parentId: Type.Optional(Nullable(HallId)),
  regionCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{6,12}$' }))),
}, { additionalProperties: false });

export const UserView = Type.Object({
  id: Type.String(), username: Type.String(), name: Type.String(), role: CentreRoleSchema, hallId: Nullable(Type.String()), disabled: Type.Boolean(),
});

export const CsvFormat = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')]));

export const ExportedRating = Type.Object({
  hallId: Type.String(), hallName: Type.String(), regionCode: Nullable(Type.String({ description: '行政区划代码' })),
  windowId: Type.String(), windowName: Type.String(), clerkId: Nullable(Type.String()), clerkName: Nullable(Type.String()),
  serviceId: Type.String(), serviceName: Type.String(), catalogueCode: Nullable(Type.String({ description: '事项编码 from the district catalogue' })),
  ticketNumber: Type.String(), level: Type.Integer({ minimum: 1, maximum: 5 }), levelName: Type.String(), reasons: Type.Array(Type.String()),
  ratedAt: Type.String(), channel: Type.String({ description: 'the platform\'s channel code (1: window device)' }), channelName: Type.String(),
});

export const FollowUp = Type.Object({
  id: Type.String({ description: 'hallId/ticketId' }), hallId: Type.String(), hallName: Type.String(), ticketId: Type.String(), number: Type.String(), serviceId: Type.String(), windowId: Type.String(),
  clerkId: Nullable(Type.String()), clerkName: Nullable(Type.String()), score: Type.Integer(), reasons: Type.Array(Type.String()), channel: Type.String(), ratedAt: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('called-back'), Type.Literal('resolved')]),
  callBackDue: Nullable(Type.String()), resolveDue: Nullable(Type.String()), calledBackAt: Nullable(Type.String()), resolvedAt: Nullable(Type.String()),
  overdue: Type.Array(Type.Union([Type.Literal('call-back'), Type.Literal('resolution')])),
  actions: Type.Array(Type.Object({
    status: Type.String(), note: Type.String(), by: Type.String(), at: Type.String(),
    source: Type.Union([Type.Literal('district'), Type.Literal('hall')], { description: 'extension: done by the district (by: a centre user) or at the hall by its supervisor (by: their name; follow-up.recorded in the hall\'s log)' }),
  })),
});

export const Indicators = Type.Object({
  hallId: Type.String(), hallName: Type.String(), level: Type.String(), regionCode: Nullable(Type.String()),
  served: Type.Integer({ description: '办件量' }), rated: Type.Integer(), ratings: Type.Array(Type.Integer()),
  ratedShare: Nullable(Type.Number({ description: '评价率: rated / served' })), goodShare: Nullable(Type.Number({ description: '好评率 (4–5)' })),
  badShare: Nullable(Type.Number({ description: '差评率 (1–2)' })), bad: Type.Integer(),
  callBackOnTimeShare: Nullable(Type.Number({ description: '按期回访率' })), resolvedShare: Nullable(Type.Number({ description: '整改率' })),
  resolvedOnTimeShare: Nullable(Type.Number({ description: '按期整改率' })),
});
