import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { AGENT_COMMANDS, AGENT_MESSAGES, AgentAck } from '@onewindow/protocol';

/** The device agents' socket messages, as named schemas (`AgentIn_print:done`, `AgentOut_print:job` …). */
const agentSchemas = Object.fromEntries([
  ...Object.entries(AGENT_MESSAGES).map(([name, schema]) => [`AgentIn_${name.replace(':', '_')}`, schema]),
  ...Object.entries(AGENT_COMMANDS).map(([name, schema]) => [`AgentOut_${name.replace(':', '_')}`, schema]),
  ['AgentAck', AgentAck],
]);

/** The OpenAPI description, generated from the same TypeBox schemas the routes validate with. */
export default fp(async function docs(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OneWindow hall server',
        version: '1.0.0',
        description: 'The public contract of a OneWindow hall (api.md), with its extensions. Errors are `{"error": {"code", "message", "details"}}`. Realtime: socket.io at `/socket.io` (see the protocol package\'s event map); a handshake `auth` with `batch: true` receives each turn\'s messages as one `batch` event `{seq, prev, messages: [{event, payload}]}` (under load one `batch` may carry several turns\' messages, each with its own seq and prev). Device agents (extension, docs/agent.md): socket.io namespace `/agent`, handshake `auth: {token}` of a device of kind `agent`; the server sends `agent:hello`, `print:job` and, with an ack, `serial:open`/`serial:write`/`serial:close`; the agent sends `agent:ready` (ack), `agent:heartbeat`, `printer:status`, `print:done` (ack, after its record of the job is on disk), `serial:data`, `serial:closed`. Their payloads are the `AgentIn_*` (agent to server, each checked) and `AgentOut_*` schemas below.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: agentSchemas },
      tags: [
        { name: 'auth' }, { name: 'hall' }, { name: 'tickets' }, { name: 'windows' }, { name: 'devices' }, { name: 'users' },
        { name: 'appointments' }, { name: 'evaluations' }, { name: 'stats' }, { name: 'reports' }, { name: 'follow-ups' }, { name: 'alerts' }, { name: 'admin' }, { name: 'what-if' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}, { name: 'docs', fastify: '5.x' });
