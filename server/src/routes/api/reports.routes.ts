import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { Report as ReportSchema } from '@onewindow/protocol';
import { AppError } from '../../services/app-error.ts';
import type { Principal } from '../../services/auth/auth.service.ts';
import type { ReportScope, ReportService } from '../../services/reports/report.service.ts';
import type { Report } from '../../services/reports/build-report.ts';
import { DateString, Errors, Id, resource, secured, strict, who } from './common.ts';

const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv: UTF-8 with BOM, for spreadsheets' }));
const ClerkFilter = Type.Optional(Id);

/** Supervisors see the hall (or one clerk); a clerk sees their own figures and nobody else's. */
function scopeOf(p: Principal, clerkId: string | undefined): ReportScope {
  if (p.kind !== 'user') throw new AppError(403, 'FORBIDDEN', 'reports are for people');
  if (p.role === 'clerk') {
    if (clerkId && clerkId !== p.id) throw new AppError(403, 'REPORT_NOT_YOURS', 'a clerk sees only their own figures');
    return { clerkId: p.id };
  }
  return { clerkId: clerkId ?? null };
}

function send(reports: ReportService, reply: FastifyReply, report: Report, format: 'json' | 'csv' | undefined, name: string) {
  if (format !== 'csv') return report;
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send(Buffer.from(reports.csv(report), 'utf8'));
}

/** 办件量, waits, service level, clerk time and 满意率: a day, or a range of days. */
export default resource('reports', async (app) => {
  const { reports } = app.services;

  app.get('/api/reports/day', {
    preHandler: app.allow('supervisor', 'clerk'),
    schema: {
      tags: ['reports'], security: secured,
      summary: 'A business day by service, window, clerk and hour (today by default); a finished day comes from the archive',
      querystring: Type.Object({ date: Type.Optional(DateString), format: Format, clerkId: ClerkFilter }, strict),
      response: { 200: ReportSchema, ...Errors },
    },
  }, async (req, reply) => {
    const scope = scopeOf(who(req), req.query.clerkId);
    const report = reports.day(req.query.date, scope);
    return send(reports, reply, report, req.query.format, `onewindow-report-${report.from}${scope.clerkId ? '-own' : ''}`);
  });

  app.get('/api/reports/range', {
    preHandler: app.allow('supervisor', 'clerk'),
    schema: {
      tags: ['reports'], security: secured,
      summary: 'Several business days together, with a row per day (at most 93 days)',
      querystring: Type.Object({ from: DateString, to: DateString, format: Format, clerkId: ClerkFilter }, strict),
      response: { 200: ReportSchema, ...Errors },
    },
  }, async (req, reply) => {
    const scope = scopeOf(who(req), req.query.clerkId);
    const report = reports.range(req.query.from, req.query.to, scope);
    return send(reports, reply, report, req.query.format, `onewindow-report-${req.query.from}_${req.query.to}${scope.clerkId ? '-own' : ''}`);
  });
});
