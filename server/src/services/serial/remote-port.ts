import { EventEmitter } from 'node:events';
import type { SerialPortLike } from '@onewindow/drivers/serial';
import type { AgentService } from '../agents/agent.service.ts';

/** How a line on an agent's computer is named among the hall's serial lines (serialLineKey). */
export const AGENT_LINE = /^agent:(.+)$/;

/**
 * A serial line on a device agent's computer, as the server's bus sees a port: opening asks the
 * agent to open its --serial line, writes go to it and what it reads comes back. The bus, its
 * frame parser, the devices' heartbeats and the offline rules of serial.md all stay here, on the
 * server, exactly as for a line on the server's own port. The agent going away closes the port
 * like an unplugged cable, and the bus reopens it (with its backoff) once the agent is back.
 */
export class RemotePort extends EventEmitter implements SerialPortLike {
  private open_ = false;
  private unlisten: (() => void) | null = null;

  constructor(private readonly agents: AgentService, private readonly deviceId: string) {
    super();
  }

  get isOpen(): boolean {
    return this.open_;
  }

  open(callback: (error: Error | null) => void): void {
    this.unlisten = this.agents.onSerial(this.deviceId, {
      data: (chunk) => { if (this.open_) this.emit('data', chunk); },
      closed: (reason) => this.lost(reason),
    });
    this.agents.serialRequest(this.deviceId, 'serial:open').then(() => {
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
    this.agents.serialWrite(this.deviceId, data).then(() => callback?.(null), (err: Error) => callback?.(err));
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
    this.agents.serialRequest(this.deviceId, 'serial:close').catch(() => undefined).then(() => {
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
