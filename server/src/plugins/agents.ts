import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { attachAgentGateway } from '../realtime/agent-gateway.ts';

/**
 * The device agents' socket (`/agent` on the same socket.io server, docs/agent.md).
 * `ONEWINDOW_AGENT_SILENCE_MS` shortens the silence after which an agent is reported (default 15 s).
 * Its sockets close in preClose, with the other sockets.
 */
export default fp(async function agents(app: FastifyInstance) {
  const s = app.services;
  const silence = Number(process.env.ONEWINDOW_AGENT_SILENCE_MS);
  if (silence > 0) s.agents.silenceMs = silence;
  const gateway = attachAgentGateway(app.io, {
    auth: s.auth, revocations: s.revocations, agents: s.agents, log: (m) => app.log.warn(m),
  });
  app.addHook('preClose', async () => { gateway.close(); });
}, { name: 'agents', dependencies: ['services', 'realtime'], fastify: '5.x' });
