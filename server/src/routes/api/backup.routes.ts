import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { Errors, secured, who } from './common.ts';

const Backup = Type.Object({ file: Type.String(), bytes: Type.Integer(), at: Type.Number() });

const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/admin/backups', {
    preHandler: app.allow('admin'),
    schema: { tags: ['admin'], security: secured, summary: 'Daily database backups, newest first', response: { 200: Type.Object({ backups: Type.Array(Backup) }), ...Errors } },
  }, async () => ({ backups: ctx.backups.list() }));

  app.post('/api/admin/backups', {
    preHandler: app.allow('admin'),
    schema: { tags: ['admin'], security: secured, summary: 'Back the database up now (SQLite online backup)', response: { 201: Backup, ...Errors } },
  }, async (req, reply) => {
    const b = await ctx.backups.backup(ctx.hall.state.day);
    ctx.auth.audit(who(req), 'backup', b.file, { bytes: b.bytes }, req.ip);
    return reply.status(201).send(b);
  });
};
export default routes;
