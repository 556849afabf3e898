import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CentreContext } from '../context.ts';
import { bearer } from '../plugins/auth.ts';
import { CentreRoleSchema, Errors, HallId, UserView } from './schemas.ts';

const Password = Type.String({ minLength: 8, maxLength: 200 });

/** Sign-in, the signed-in user, and the admin's users and audit log. */
export default async function authRoutes(root: FastifyInstance, { ctx }: { ctx: CentreContext }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/api/auth/login', {
    config: { rateLimit: { max: 20, timeWindow: 60_000 } },
    schema: { tags: ['auth'], body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }),
      response: { 200: Type.Object({ token: Type.String(), user: UserView }), ...Errors } },
  }, async (req) => ctx.auth.login(req.body.username, req.body.password, req.ip));

  app.post('/api/auth/logout', { preHandler: app.allow(), schema: { tags: ['auth'], response: { 204: Type.Null(), ...Errors } } }, async (req, reply) => {
    await ctx.auth.logout(bearer(req)!);
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', { preHandler: app.allow(), schema: { tags: ['auth'], response: { 200: Type.Object({ user: Type.Object({ id: Type.String(), username: Type.String(), name: Type.String(), role: CentreRoleSchema, hallId: Type.Union([Type.String(), Type.Null()]) }) }), ...Errors } } },
    async (req) => { const p = req.principal!; return { user: { id: p.userId, username: p.username, name: p.name, role: p.role, hallId: p.hallId } }; });

  app.get('/api/users', { preHandler: app.allow('admin'), schema: { tags: ['admin'], response: { 200: Type.Object({ users: Type.Array(UserView) }), ...Errors } } },
    async () => ({ users: await ctx.auth.list() }));

  app.post('/api/users', {
    preHandler: app.allow('admin'),
    schema: { tags: ['admin'], body: Type.Object({ username: Type.String({ pattern: '^[A-Za-z0-9_.-]{2,50}$' }), password: Password, name: Type.String({ minLength: 1, maxLength: 100 }),
      role: CentreRoleSchema, hallId: Type.Optional(HallId) }, { additionalProperties: false }), response: { 201: UserView, ...Errors } },
  }, async (req, reply) => reply.status(201).send(await ctx.auth.create(req.body, req.principal!.username)));

  app.patch('/api/users/:id', {
    preHandler: app.allow('admin'),
    schema: { tags: ['admin'], params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), password: Type.Optional(Password), disabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: UserView, ...Errors } },
  }, async (req) => ctx.auth.update(req.params.id, req.body, req.principal!.username));

  app.get('/api/audit', {
    preHandler: app.allow('admin'),
    schema: { tags: ['admin'], querystring: Type.Object({ limit: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,2}$|^1000$' })) }),
      response: { 200: Type.Object({ entries: Type.Array(Type.Object({ id: Type.Number(), at: Type.String(), actor: Type.Union([Type.String(), Type.Null()]), action: Type.String(),
        target: Type.Union([Type.String(), Type.Null()]), detail: Type.Unknown(), ip: Type.Union([Type.String(), Type.Null()]) })) }), ...Errors } },
  }, async (req) => ({ entries: await ctx.audit.recent(Number(req.query.limit ?? 200)) }));
}
