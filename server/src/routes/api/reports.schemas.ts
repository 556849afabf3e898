import { Type } from 'typebox';

export { Report as ReportSchema } from '@onewindow/protocol';

export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-11-23'] });
