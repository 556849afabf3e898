import type { Namespace, Socket } from 'socket.io';
import {
  AGENT_NAMESPACE, isAgentMessage, type AgentAck, type AgentClientToServerEvents, type AgentLine, type AgentMessageName, type AgentServerToClientEvents, type SerialLineRef,
} from '@onewindow/protocol';
import type { AgentLink, AgentService } from '../services/agents/agent.service.ts';
import type { AuthService, Principal } from '../services/auth/auth.service.ts';
import type { Revocations } from '../services/auth/revocations.ts';
import type { RealtimeServer } from './gateway.ts';
import type { Admission } from './admission.ts';

type DevicePrincipal = Extract<Principal, { kind: 'device' }>;
interface AgentSocketData { principal: DevicePrincipal; connection: number }
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type NoServerSideEvents = {};
type AgentNamespace = Namespace<AgentClientToServerEvents, AgentServerToClientEvents, NoServerSideEvents, AgentSocketData>;
type AgentSocket = Socket<AgentClientToServerEvents, AgentServerToClientEvents, NoServerSideEvents, AgentSocketData>;

export interface AgentGatewayDeps {
  auth: AuthService;
  revocations: Revocations;
  agents: AgentService;
  /** The connection limits' count (admission.ts): an agent signed in leaves the handshakes' caps. */
  admission?: Pick<Admission, 'identified'>;
  log?: (message: string) => void;
}

/**
 * The device agents' namespace (`/agent`, docs/agent.md) on the hall's socket.io server: only a
 * device of kind `agent` gets in; every message it sends is checked against its schema before the
 * agent service hears it; an unpaired agent is disconnected at once (and refused after, by the
 * token check at the door).
 */
export function attachAgentGateway(io: RealtimeServer, deps: AgentGatewayDeps): { close: () => void } {
  // Its own event map: the namespace is typed apart from the hall's feeds.
  const nsp = io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;
  let refused = 0;

  nsp.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const p = deps.auth.authenticate(typeof token === 'string' ? token : undefined);
    if (!p || p.kind !== 'device' || p.deviceKind !== 'agent') return next(new Error('UNAUTHORIZED'));
    // Else it would stay counted as a handshake that never said who it is: capped per address and
    // the first to be cut when a flood fills the handshakes.
    // The engine.io session's id, which the admission counts by (gateway.ts takes it from engine.io's
    // 'connection' event); typed private on the socket's side, it is the same session.
    deps.admission?.identified((socket.conn as unknown as { id: string }).id, true);
    socket.data = { principal: p, connection: 0 };
    next();
  });

  nsp.on('connection', (socket: AgentSocket) => {
    const { principal } = socket.data;
    const id = principal.id;
    const conn = () => socket.data.connection;
    /** A message that fails its schema is answered (if it can be) and dropped; it never reaches the service. */
    const checked = (event: AgentMessageName, handle: (m: any, ack: (r: AgentAck) => void) => void) => {
      socket.on(event as never, ((m: unknown, ack?: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (r: AgentAck) => void) : () => {};
        if (!isAgentMessage(event, m)) {
          refused++;
          deps.log?.(`agent ${principal.name}: malformed ${event} dropped`);
          return reply({ ok: false, error: 'BAD_MESSAGE' });
        }
        try {
          handle(m, reply);
        } catch (err) {
          deps.log?.(`agent ${principal.name}: ${event} failed: ${(err as Error).message}`);
          reply({ ok: false, error: 'FAILED' });
        }
      }) as never);
    };
    checked('agent:ready', (m, reply) => { deps.agents.ready(conn(), id, m); reply({ ok: true }); });
    checked('agent:heartbeat', () => deps.agents.heartbeat(conn(), id));
    checked('printer:status', (m) => deps.agents.printerStatus(conn(), id, m));
    checked('print:done', (m, reply) => reply(deps.agents.jobDone(conn(), id, m) ? { ok: true } : { ok: false, error: 'UNKNOWN_JOB' }));
    checked('serial:data', (m) => deps.agents.serialData(conn(), id, m.line ?? 'serial', Buffer.from(m.data, 'base64')));
    checked('serial:closed', (m) => deps.agents.serialClosed(conn(), id, m.line ?? 'serial', m.error));
    socket.on('disconnect', () => deps.agents.disconnected(conn(), id));
    socket.data.connection = deps.agents.connected(principal, linkOf(socket));
  });

  const unlisten = deps.revocations.listen((r) => {
    for (const s of nsp.sockets.values()) {
      const p = s.data?.principal;
      if (!p) continue;
      const hit = 'deviceId' in r ? p.id === r.deviceId : 'tokenHash' in r ? p.tokenHash === r.tokenHash : false;
      if (hit) s.disconnect(true);
    }
  });

  return {
    close: () => {
      unlisten();
      nsp.disconnectSockets(true);
      if (refused) deps.log?.(`${refused} malformed agent message(s) were dropped`);
    },
  };
}

function linkOf(socket: AgentSocket): AgentLink {
  const ask = (emit: (ack: (err: Error | null, r: AgentAck) => void) => void): Promise<AgentAck> => new Promise((resolve) => {
    emit((err, r) => resolve(err ? { ok: false, error: `the agent did not answer: ${err.message}` } : r));
  });
  return {
    hello: (m) => { socket.emit('agent:hello', m); },
    sendJob: (m) => { socket.emit('print:job', m); },
    // The --serial line is named by leaving `line` out, as an agent of the contract's v1 expects.
    request: (event, line, timeoutMs) => ask((cb) => socket.timeout(timeoutMs).emit(event, lineRef(line), cb)),
    write: (line, data, timeoutMs) => ask((cb) => socket.timeout(timeoutMs).emit('serial:write', { data: data.toString('base64'), ...lineRef(line) }, cb)),
    close: () => { socket.disconnect(true); },
  };
}

const lineRef = (line: AgentLine): SerialLineRef => (line === 'serial' ? {} : { line });
