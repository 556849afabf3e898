import { EventEmitter } from 'node:events';
import type { HallConfig } from '@onewindow/config';
import { serialLineKey } from '@onewindow/config';
import type { AgentAck, AgentHello, AgentLine, AgentPrinterStatus, AgentReady, PrintDone, PrintJobMessage } from '@onewindow/protocol';
import { AGENT_LINES, isoLocal } from '@onewindow/protocol';
import type { AuthRepository } from '../../repositories/auth.repository.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import type { Principal } from '../auth/auth.service.ts';
import type { HallService } from '../hall/hall.service.ts';

/** One agent connection as the service sees it: the realtime gateway implements it over a socket. */
export interface AgentLink {
  hello(m: AgentHello): void;
  sendJob(m: PrintJobMessage): void;
  /** serial:open / serial:close of one of its lines, answered by the agent (or a timeout). */
  request(event: 'serial:open' | 'serial:close', line: AgentLine, timeoutMs: number): Promise<AgentAck>;
  write(line: AgentLine, data: Buffer, timeoutMs: number): Promise<AgentAck>;
  /** Ends the connection (another one of the same agent took its place). */
  close(): void;
}

export interface AgentDevice { id: string; name: string; kioskId: string | null }

export interface AgentInfo extends AgentDevice {
  connected: boolean;
  /** what the agent said it runs and drives, once connected */
  version: string | null;
  platform: string | null;
  printer: string | null;
  serial: string | null;
  idcard: string | null;
  lastHeardAt: string | null;
  silent: boolean;
}

export interface AgentServiceEvents {
  /** connected and ready for jobs */
  ready: [AgentDevice];
  /** silent past the limit: its kiosk cannot print (an alert was raised) */
  silent: [AgentDevice];
  status: [AgentDevice, AgentPrinterStatus];
  disconnected: [AgentDevice];
}

interface Connection { id: number; link: AgentLink; device: AgentDevice; ready: AgentReady | null }
interface SerialListener { data(chunk: Buffer): void; closed(reason: string): void }

/** A silent agent is reported within this (agent.md: within 30 s). */
export const DEFAULT_SILENCE_MS = 15_000;
const SERIAL_TIMEOUT_MS = 3000;

/**
 * The hall's device agents (docs/agent.md): who is connected, who has gone silent, and the messages
 * between them and the services that use them (printing, the serial devices). An agent is
 * expected once paired: silent for `silenceMs` (no heartbeat, no connection) it raises an alert
 * for supervisors, closed by the system when it is heard again.
 */
export class AgentService extends EventEmitter<AgentServiceEvents> {
  private readonly connections = new Map<string, Connection>();
  private readonly lastHeard = new Map<string, number>();
  private readonly alerted = new Set<string>();
  private readonly serialListeners = new Map<string, Set<SerialListener>>();
  private jobHandler: ((agent: AgentDevice, m: PrintDone) => boolean) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private startedAt = performanceNow();
  private nextConnection = 0;
  private unsubscribe: (() => void) | null = null;
  silenceMs = DEFAULT_SILENCE_MS;

  constructor(private readonly deps: {
    repo: AuthRepository; alerts: Pick<AlertService, 'raise' | 'acknowledge' | 'open'>; hall: HallService; config: HallConfig;
    log?: (message: string) => void;
  }) {
    super();
  }

  /** Starts watching for silence (real time: the hall clock may be a test's) and for configuration reloads. */
  start(): void {
    if (this.timer) return;
    this.startedAt = performanceNow();
    // Alerts still open from before a restart are closed, like any other, when their agent is heard.
    for (const a of this.deps.alerts.open()) if (a.kind === 'device-offline' && a.subject?.startsWith('agent:')) this.alerted.add(a.subject.slice(6));
    this.timer = setInterval(() => this.watch(), Math.max(50, Math.min(1000, this.silenceMs / 4)));
    this.timer.unref();
    this.unsubscribe = this.deps.hall.onCommit((batch) => {
      if (batch.some((c) => c.event.type === 'config.reloaded')) for (const c of this.connections.values()) c.link.hello(this.helloFor(c.device));
    });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** The one handler of finished jobs (printing): true when the job was known and is now finished. */
  handleJobs(fn: (agent: AgentDevice, m: PrintDone) => boolean): void {
    this.jobHandler = fn;
  }

  // ---- the gateway's side: one call per message of a connection -------------------------------

  connected(p: Extract<Principal, { kind: 'device' }>, link: AgentLink): number {
    const device: AgentDevice = { id: p.id, name: p.name, kioskId: p.kioskId };
    const previous = this.connections.get(device.id);
    const conn: Connection = { id: ++this.nextConnection, link, device, ready: null };
    this.connections.set(device.id, conn);
    if (previous) {
      this.deps.log?.(`agent ${device.name}: a new connection replaces the previous one`);
      this.closeSerial(device.id, 'replaced by a new connection');
      previous.link.close();
    }
    this.heard(conn.id, device.id);
    link.hello(this.helloFor(device));
    return conn.id;
  }

  ready(connection: number, deviceId: string, info: AgentReady): void {
    const c = this.current(connection, deviceId);
    if (!c) return;
    c.ready = info;
    this.heard(connection, deviceId);
    this.emit('ready', c.device);
  }

  heartbeat(connection: number, deviceId: string): void {
    this.heard(connection, deviceId);
  }

  printerStatus(connection: number, deviceId: string, status: AgentPrinterStatus): void {
    const c = this.current(connection, deviceId);
    if (!c) return;
    this.heard(connection, deviceId);
    this.emit('status', c.device, status);
  }

  jobDone(connection: number, deviceId: string, m: PrintDone): boolean {
    const c = this.current(connection, deviceId);
    if (!c) return false;
    this.heard(connection, deviceId);
    return this.jobHandler?.(c.device, m) ?? false;
  }

  serialData(connection: number, deviceId: string, line: AgentLine, data: Buffer): void {
    if (!this.current(connection, deviceId)) return;
    this.heard(connection, deviceId);
    for (const l of this.serialListeners.get(lineKey(deviceId, line)) ?? []) l.data(data);
  }

  serialClosed(connection: number, deviceId: string, line: AgentLine, error?: string): void {
    if (!this.current(connection, deviceId)) return;
    this.heard(connection, deviceId);
    this.closeSerial(deviceId, error ?? `the agent's ${line === 'idcard' ? 'ID-card reader\'s' : 'serial'} line closed`, line);
  }

  disconnected(connection: number, deviceId: string): void {
    const c = this.current(connection, deviceId);
    if (!c) return;
    this.connections.delete(deviceId);
    this.closeSerial(deviceId, 'the agent disconnected');
    this.emit('disconnected', c.device);
  }

  // ---- the services' side -----------------------------------------------------------------------

  /** The agent printing a kiosk's tickets, when it is connected and ready. */
  readyFor(kioskId: string): { device: AgentDevice; link: AgentLink; connection: number } | null {
    for (const c of this.connections.values()) {
      if (c.device.kioskId === kioskId && c.ready) return { device: c.device, link: c.link, connection: c.id };
    }
    return null;
  }

  /** The paired agent bound to a kiosk, connected or not. */
  agentOf(kioskId: string): AgentDevice | null {
    return this.expected().find((d) => d.kioskId === kioskId) ?? null;
  }

  nameOf(deviceId: string): string | null {
    return this.connections.get(deviceId)?.device.name ?? this.deps.repo.deviceById(deviceId)?.name ?? null;
  }

  /** What a connected agent drives (its --printer), for the printers' list. */
  readyInfo(deviceId: string): AgentReady | null {
    return this.connections.get(deviceId)?.ready ?? null;
  }

  list(): AgentInfo[] {
    const tz = this.deps.config.hall.timezone;
    const wall = Date.now() - performanceNow();
    return this.expected().map((d) => {
      const c = this.connections.get(d.id);
      const heard = this.lastHeard.get(d.id);
      return {
        ...d, connected: c !== undefined, version: c?.ready?.version ?? null, platform: c?.ready?.platform ?? null,
        printer: c?.ready?.printer ?? null, serial: c?.ready?.serial ?? null, idcard: c?.ready?.idcard ?? null,
        lastHeardAt: heard === undefined ? null : isoLocal(Math.round(wall + heard), tz), silent: this.alerted.has(d.id),
      };
    });
  }

  /** Listens to one of an agent's lines; the listener hears `closed` when the line or the agent goes. */
  onSerial(deviceId: string, line: AgentLine, listener: SerialListener): () => void {
    const key = lineKey(deviceId, line);
    const set = this.serialListeners.get(key) ?? new Set<SerialListener>();
    set.add(listener);
    this.serialListeners.set(key, set);
    return () => { set.delete(listener); };
  }

  async serialRequest(deviceId: string, line: AgentLine, event: 'serial:open' | 'serial:close'): Promise<void> {
    const c = this.connections.get(deviceId);
    if (!c) throw new Error(`agent ${this.nameOf(deviceId) ?? deviceId} is not connected`);
    const r = await c.link.request(event, line, SERIAL_TIMEOUT_MS);
    if (!r.ok) throw new Error(r.error ?? `agent refused ${event}`);
  }

  async serialWrite(deviceId: string, line: AgentLine, data: Buffer): Promise<void> {
    const c = this.connections.get(deviceId);
    if (!c) throw new Error(`agent ${this.nameOf(deviceId) ?? deviceId} is not connected`);
    const r = await c.link.write(line, data, SERIAL_TIMEOUT_MS);
    if (!r.ok) throw new Error(r.error ?? 'agent refused serial:write');
  }

  // ---- inside ------------------------------------------------------------------------------------

  private current(connection: number, deviceId: string): Connection | null {
    const c = this.connections.get(deviceId);
    return c && c.id === connection ? c : null;
  }

  private heard(connection: number, deviceId: string): void {
    if (!this.current(connection, deviceId)) return;
    this.lastHeard.set(deviceId, performanceNow());
    if (!this.alerted.has(deviceId)) return;
    this.alerted.delete(deviceId);
    this.resolveAlert(deviceId);
  }

  /** Paired agents that are not revoked: each is expected to be heard from. */
  private expected(): AgentDevice[] {
    return this.deps.repo.devices()
      .filter((d) => d.kind === 'agent' && d.pairedAt !== null && d.revokedAt === null)
      .map((d) => ({ id: d.id, name: d.name, kioskId: d.kioskId }));
  }

  private watch(): void {
    try {
      const now = performanceNow();
      const expected = this.expected();
      for (const d of expected) {
        if (this.alerted.has(d.id)) continue;
        const since = this.lastHeard.get(d.id) ?? this.startedAt;
        if (now - since <= this.silenceMs) continue;
        this.alerted.add(d.id);
        const seconds = Math.round((now - since) / 1000);
        const what = d.kioskId ? `取号机 ${d.kioskId} 的号票打印` : '所连串口设备';
        this.deps.alerts.raise('device-offline', 'critical',
          `设备代理“${d.name}”已 ${seconds} 秒无响应：${what}暂不可用（号票照常发放），请检查该电脑、网络和代理程序`, subjectOf(d.id));
        this.emit('silent', d);
      }
      // An agent unpaired while silent is not missing any more.
      for (const id of [...this.alerted]) {
        if (expected.some((d) => d.id === id)) continue;
        this.alerted.delete(id);
        this.resolveAlert(id);
      }
    } catch (err) {
      this.deps.log?.(`agent watch failed: ${(err as Error).message}`);
    }
  }

  private resolveAlert(deviceId: string): void {
    const subject = subjectOf(deviceId);
    for (const a of this.deps.alerts.open()) if (a.kind === 'device-offline' && a.subject === subject) this.deps.alerts.acknowledge(a.id, 'system');
  }

  /** Tells the listeners of one line of an agent, or of all its lines, that it closed. */
  private closeSerial(deviceId: string, reason: string, line?: AgentLine): void {
    for (const each of line ? [line] : AGENT_LINES) {
      for (const l of [...(this.serialListeners.get(lineKey(deviceId, each)) ?? [])]) l.closed(reason);
    }
  }

  private helloFor(d: AgentDevice): AgentHello {
    const { config } = this.deps;
    const kiosk = d.kioskId ? (config.kiosks ?? []).find((k) => k.id === d.kioskId) : undefined;
    const lines = [...(config.pads ?? []), ...(config.windowScreens ?? []), ...(config.keypads ?? [])].map((x) => serialLineKey(x.serial));
    return {
      deviceId: d.id, name: d.name, kioskId: d.kioskId, heartbeatMs: Math.max(100, Math.round(this.silenceMs / 3)),
      printer: kiosk?.printer?.type === 'agent' ? { kioskId: kiosk.id, kioskName: kiosk.name } : null,
      serial: lines.includes(`agent:${d.id}`),
      idcard: (config.idCard?.readers ?? []).some((r) => 'agent' in r.serial && r.serial.agent === d.id),
    };
  }
}

export const subjectOf = (deviceId: string) => `agent:${deviceId}`;

const lineKey = (deviceId: string, line: AgentLine) => `${deviceId}#${line}`;

/** Monotonic milliseconds: silence is measured on a clock nobody sets. */
function performanceNow(): number {
  return performance.now();
}
