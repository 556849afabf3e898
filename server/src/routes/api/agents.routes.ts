import { Type } from 'typebox';
import { AgentView } from '@onewindow/protocol';
import { Errors, resource, secured } from './common.ts';

/** `/api/agents` (extension, docs/agent.md): the device agents, for supervisors watching the hall's devices. */
export default resource('agents', async (app) => {
  const { agents } = app.services;

  app.get('/api/agents', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['devices'], security: secured, summary: 'Each paired device agent: connected or silent, what it drives',
      response: { 200: Type.Object({ agents: Type.Array(AgentView) }), ...Errors },
    },
  }, async () => ({ agents: agents.list() }));
});
