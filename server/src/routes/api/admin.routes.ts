import { Type } from 'typebox';
import { AppError } from '../../services/app-error.ts';
import { Errors, resource, secured, strict, who } from './common.ts';

const Backup = Type.Object({ file: Type.String(), bytes: Type.Integer(), at: Type.Number() });

/** `/api/admin`: the hall configuration as the console reads and writes it, and the database backups. */
export default resource('admin', async (app) => {
  const { admin, audit, backups } = app.services;

  app.get('/api/admin/config', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['admin'], security: secured, summary: 'The hall configuration in force, and its version for a safe write-back',
      response: {
        200: Type.Object({
          config: Type.Unknown({ description: 'hall.yaml as JSON (config.md)' }),
          version: Type.String({ description: 'send it back with PUT: a change made meanwhile by someone else is refused' }),
          file: Type.Union([Type.String(), Type.Null()]), writable: Type.Boolean(),
        }),
        ...Errors,
      },
    },
  }, async () => admin.read());

  app.put('/api/admin/config', {
    preHandler: app.allow('admin'),
    bodyLimit: 1024 * 1024,
    schema: {
      tags: ['admin'], security: secured,
      summary: 'Replace the hall configuration: validated (422 CONFIG_INVALID with every problem by path), refused when it removes a service or window today\'s queue still uses (409 CONFIG_IN_USE), written (comments kept; the previous version kept in the data folder; never the repository\'s default file) and applied live; audited',
      body: Type.Object({ config: Type.Unknown(), version: Type.Optional(Type.String({ maxLength: 64 })) }, strict),
      response: {
        200: Type.Object({
          version: Type.String(), changes: Type.Array(Type.String(), { description: 'what changed, by path' }),
          restartRequired: Type.Array(Type.String(), { description: 'changed fields that apply at the next start' }),
        }),
        ...Errors,
      },
    },
  }, async (req) => {
    try {
      const r = admin.write(req.body.config, req.body.version);
      if (r.changes.length > 0) audit.record(who(req), 'config-changed', 'config', { changes: r.changes.slice(0, 200), version: r.version, restartRequired: r.restartRequired }, req.ip);
      return r;
    } catch (e) {
      if (e instanceof AppError) audit.record(who(req), 'config-change-refused', 'config', { code: e.code, details: e.details }, req.ip);
      throw e;
    }
  });

  app.get('/api/admin/backups', {
    preHandler: app.allow('admin'),
    schema: { tags: ['admin'], security: secured, summary: 'Daily database backups, newest first', response: { 200: Type.Object({ backups: Type.Array(Backup) }), ...Errors } },
  }, async () => ({ backups: backups.list() }));

  app.post('/api/admin/backups', {
    preHandler: app.allow('admin'),
    schema: { tags: ['admin'], security: secured, summary: 'Back the database up now (SQLite online backup)', response: { 201: Backup, ...Errors } },
  }, async (req, reply) => {
    const b = await backups.backupToday();
    audit.record(who(req), 'backup', b.file, { bytes: b.bytes }, req.ip);
    return reply.status(201).send(b);
  });
});
