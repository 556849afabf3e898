/** GET /api/reports/day and /range, as the console reads them: the shapes live in @onewindow/protocol. */
export type { Report, ReportRow } from '@onewindow/protocol';

export type Dimension = 'service' | 'window' | 'clerk' | 'hour' | 'day';
