import { Type } from 'typebox';
import { RoleSchema, UserView, type Role } from '@onewindow/protocol';
import { Errors, Id, IdParams, resource, secured, strict, who } from './common.ts';
import { NewPassword, Username } from './auth.routes.ts';

const Name = Type.String({ minLength: 1, maxLength: 64 });

/** `/api/users`: the admin's list of people, their roles and windows. */
export default resource('users', async (app) => {
  const { auth, audit } = app.services;

  app.get('/api/users', {
    preHandler: app.allow('admin'), schema: { tags: ['users'], security: secured, response: { 200: Type.Object({ users: Type.Array(UserView) }), ...Errors } },
  }, async () => ({ users: auth.users() }));

  app.post('/api/users', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['users'], security: secured, summary: 'Create a user (422 WEAK_PASSWORD below the password policy)',
      body: Type.Object({ username: Username, password: NewPassword, name: Name, role: RoleSchema, windows: Type.Optional(Type.Array(Id, { maxItems: 100 })) }, strict),
      response: { 201: UserView, ...Errors },
    },
  }, async (req, reply) => {
    const u = await auth.createUser(req.body as typeof req.body & { role: Role });
    audit.record(who(req), 'user-created', `user:${u.username}`, { role: u.role }, req.ip);
    return reply.status(201).send(u);
  });

  app.patch('/api/users/:id', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['users'], security: secured, summary: 'Change a user: name, role, password, windows, or disable (signs them out everywhere). 409 LAST_ADMIN: the last enabled admin cannot be disabled or given another role; 422 WEAK_PASSWORD',
      params: IdParams,
      body: Type.Object({
        name: Type.Optional(Name), role: Type.Optional(RoleSchema), password: Type.Optional(NewPassword),
        disabled: Type.Optional(Type.Boolean()), windows: Type.Optional(Type.Union([Type.Array(Id, { maxItems: 100 }), Type.Null()])),
      }, strict),
      response: { 200: UserView, ...Errors },
    },
  }, async (req) => {
    const u = await auth.updateUser(req.params.id, req.body as typeof req.body & { role?: Role });
    audit.record(who(req), 'user-changed', `user:${u.username}`, { ...req.body, password: req.body.password ? '***' : undefined }, req.ip);
    return u;
  });

  app.post('/api/users/:id/sign-out-everywhere', {
    preHandler: app.allow('admin'),
    schema: { tags: ['users'], security: secured, params: IdParams, response: { 200: Type.Object({ revoked: Type.Integer() }), ...Errors } },
  }, async (req) => {
    const revoked = auth.revokeAll(req.params.id);
    audit.record(who(req), 'sessions-revoked', `user:${req.params.id}`, { revoked }, req.ip);
    return { revoked };
  });
});
