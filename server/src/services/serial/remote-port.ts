import { EventEmitter } from 'node:events';
import type { PortFactory, SerialPortLike } from '@onewindow/drivers/serial';
import type { AgentLine } from '@onewindow/protocol';
import type { AgentService } from '../agents/agent.service.ts';

/**
 * How a line on an agent's computer is named among the hall's serial lines (the config's
 * serialLineKey and idCardLineKey): `agent:<id>` for its --serial line, `agent:<id>#idcard` for
 * its --idcard line.
 */
const AGENT_PATH = /^agent:([^#]+)(?:#(idcard))?$/;

/** The agent and its line a path names, or null for a port of the server's own. */
export function agentLineOf(path: string): { deviceId: string; line: AgentLine } | null {
  const m = AGENT_PATH.exec(path);
  return m ? { deviceId: m[1], line: m[2] === 'idcard' ? 'idcard' : 'serial' } : null;
}

/** Opens the server's own ports with `local`, and an agent's lines through the agent. */
export function withAgentLines(local: PortFactory, agents: AgentService | undefined): PortFactory {
  return (o) => {
    const remote = agentLineOf(o.path);
    if (!remote) return local(o);
    if (!agents) throw new Error(`${o.path}: this server has no device agents`);
    return new RemotePort(agents, remote.deviceId, remote.line);
  };
}

/**
 * A serial line on a device agent's computer, as the server's bus (or an ID-card reader) sees a
 * port: opening asks the agent to open its --serial (or --idcard) line, writes go to it and what
 * it reads comes back. The bus, its frame parser, the devices' heartbeats and the offline rules of
 * serial.md (the reader's protocol, likewise) all stay here, on the server, exactly as for a line
 * on the server's own port. The agent going away closes the port
 * like an unplugged cable, and the bus reopens it (with its backoff) once the agent is back.
 */
export class RemotePort extends EventEmitter implements SerialPortLike {
  private open_ = false;
  private unlisten: (() => void) | null = null;

  constructor(private readonly agents: AgentService, private readonly deviceId: string, private readonly line: AgentLine = 'serial') {
    super();
  }

  get isOpen(): boolean {
    return this.open_;
  }

  open(callback: (error: Error | null) => void): void {
    this.unlisten = this.agents.onSerial(this.deviceId, this.line, {
      data: (chunk) => { if (this.open_) this.emit('data', chunk); },
      closed: (reason) => this.lost(reason),
    });
    this.agents.serialRequest(this.deviceId, this.line, 'serial:open').then(() => {
      this.open_ = true;
      callback(null);
    }, (err: Error) => {
      this.unlisten?.();
      this.unlisten = null;
      callback(err);
    });
  }

  write(data: Buffer, callback?: (error: Error | null | undefined) => void): boolean {
    if (!this.open_) {
      callback?.(new Error('agent line is not open'));
      return false;
    }
    this.agents.serialWrite(this.deviceId, this.line, data).then(() => callback?.(null), (err: Error) => callback?.(err));
    return true;
  }

  /** A write's callback comes once the agent drained it: nothing more to wait for. */
  drain(callback: (error: Error | null) => void): void {
    callback(null);
  }

  close(callback?: (error: Error | null) => void): void {
    const wasOpen = this.open_;
    this.open_ = false;
    this.unlisten?.();
    this.unlisten = null;
    if (!wasOpen) return void callback?.(null);
    this.agents.serialRequest(this.deviceId, this.line, 'serial:close').catch(() => undefined).then(() => {
      this.emit('close', null);
      callback?.(null);
    });
  }

  private lost(reason: string): void {
    if (!this.open_) return;
    this.open_ = false;
    this.unlisten?.();
    this.unlisten = null;
    this.emit('close', Object.assign(new Error(reason), { disconnected: true }));
  }
}
