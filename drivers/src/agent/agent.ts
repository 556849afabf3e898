// The device agent (docs/agent.md): pairs once, then keeps one socket.io connection to the hall
// server and drives, for it, the printer and the serial lines of the computer it runs on. It
// decides nothing about the queue: it prints the bytes it is sent, exactly once, and relays the
// serial lines' bytes both ways (the devices' line and the ID-card reader's).
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { Manager, type Socket } from 'socket.io-client';
import {
  AGENT_NAMESPACE, isAgentCommand, apiRequest, ApiError, type AgentHello, type PrintJobMessage,
  type AgentAck, type AgentClientToServerEvents, type AgentLine, type AgentServerToClientEvents, type DeviceView, type PrintOutcome,
} from '@onewindow/protocol';
import { createTransport } from '../printer/factory.ts';
import { Printer, type JobResult, type PrinterOptions } from '../printer/printer.ts';
import type { PrinterStatus } from '../printer/status.ts';
import type { PortFactory } from '../serial/port.ts';
import { JobJournal } from './journal.ts';
import { SerialLine } from './serial-line.ts';
import { parseIdCardSpec, parsePrinterSpec, parseSerialSpec, type SerialLineSpec } from './specs.ts';
import { AgentState } from './state.ts';

export interface AgentOptions {
  /** the hall server, e.g. http://192.168.1.10:8080 */
  server: string;
  /** a pairing code of a device of kind agent: used when no token is stored, or the stored one is refused */
  pairCode?: string;
  stateDir: string;
  /** --printer: lp:…, usb:VID:PID, serial:…@baud, tcp:HOST:PORT, file:FOLDER */
  printer?: string;
  /** --serial: PATH@baud */
  serial?: string;
  /** --idcard: PATH@baud, an ID-card reader's line (GA 467) */
  idcard?: string;
  log?: (line: string) => void;
  /** tests: faster polling */
  printerOptions?: Partial<PrinterOptions>;
  /** tests: a serial port stand-in */
  portFactory?: PortFactory;
}

/** The exit code of a refusal no restart can fix (EX_CONFIG): the systemd unit does not restart on it. */
export const EXIT_REFUSED = 78;

export class AgentRefused extends Error {
  readonly exitCode = EXIT_REFUSED;
}

type AgentSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

const LINE_NAMES: Record<AgentLine, string> = { serial: 'serial line', idcard: 'ID-card reader line' };

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export class DeviceAgent extends EventEmitter<{ fatal: [AgentRefused]; job: [{ id: string; number: string; outcome: PrintOutcome }] }> {
  private state!: AgentState;
  private journal!: JobJournal;
  private printer: Printer | null = null;
  /** The local lines the server may open: --serial and --idcard. */
  private readonly lines = new Map<AgentLine, SerialLine>();
  private manager: Manager | null = null;
  private socket: AgentSocket | null = null;
  private hello: AgentHello | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private stopped = false;
  private repaired = false;
  private readonly warned = new Set<string>();

  constructor(private readonly o: AgentOptions) {
    super();
  }

  private log(line: string): void {
    (this.o.log ?? ((l: string) => console.log(`${new Date().toISOString()} onewindow-agent: ${l}`)))(line);
  }

  /** Opens the state folder, the printer and the serial line, pairs if need be, and connects. */
  async start(): Promise<void> {
    // Checked before anything is opened: a wrong command line says so at once.
    const printerConfig = this.o.printer ? parsePrinterSpec(this.o.printer) : null;
    const lineSpecs: Array<[AgentLine, SerialLineSpec]> = [];
    if (this.o.serial) lineSpecs.push(['serial', parseSerialSpec(this.o.serial)]);
    if (this.o.idcard) lineSpecs.push(['idcard', parseIdCardSpec(this.o.idcard)]);
    this.state = new AgentState(this.o.stateDir);
    this.state.lock();
    this.journal = new JobJournal(this.state.journalFile);
    if (printerConfig) {
      const transport = createTransport(printerConfig, { id: 'agent', dataDir: this.state.dir });
      this.printer = new Printer(transport, {
        id: 'agent', pollIntervalMs: 2000, statusTimeoutMs: 1000,
        // A job ends when the server's ttl says so, not after a number of tries.
        retry: { attempts: Number.MAX_SAFE_INTEGER, baseDelayMs: 500, maxDelayMs: 5000 },
        ...this.o.printerOptions,
      });
      this.printer.on('status', (s) => this.sendStatus(s));
      this.printer.start();
      this.log(`printer ${this.printer.description}`);
    }
    for (const [name, spec] of lineSpecs) {
      // The --serial line is named by leaving `line` out, as the contract's v1 has it.
      const ref = name === 'serial' ? {} : { line: name };
      const line: SerialLine = new SerialLine(spec, {
        data: (chunk) => { if (this.socket?.connected) this.socket.emit('serial:data', { data: chunk.toString('base64'), ...ref }); },
        closed: (err) => {
          this.log(`${LINE_NAMES[name]} ${line.description} closed${err ? `: ${err.message}` : ''}`);
          if (this.socket?.connected) this.socket.emit('serial:closed', { ...(err ? { error: err.message } : {}), ...ref });
        },
      }, this.o.portFactory);
      this.lines.set(name, line);
      this.log(`${LINE_NAMES[name]} ${line.description}`);
    }
    let identity = this.state.identity();
    if (!identity) identity = await this.pair();
    this.log(`paired as "${identity.name}" (${identity.deviceId}) with ${identity.server}`);
    this.connect(identity.token);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.socket?.disconnect();
    this.manager?.engine?.close();
    await this.printer?.close();
    for (const line of this.lines.values()) await line.close();
    this.journal?.close();
    this.state?.unlock();
  }

  private async pair() {
    const code = this.o.pairCode?.trim();
    if (!code) throw new AgentRefused('this agent is not paired yet: give --pair CODE (a pairing code of a device of kind "agent", from the admin console)');
    let r: { token: string; device: DeviceView };
    try {
      r = await apiRequest<{ token: string; device: DeviceView }>(this.o.server.replace(/\/+$/, ''), '/api/devices/pair', { body: { pairingCode: code } });
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
        throw new AgentRefused(`pairing refused by ${this.o.server}: ${err.code} ${err.message}`);
      }
      throw err;
    }
    if (r.device.kind !== 'agent') {
      throw new AgentRefused(`pairing code ${code} belongs to a device of kind "${r.device.kind}", not "agent": create an agent device in the admin console`);
    }
    const identity = { token: r.token, deviceId: r.device.id, name: r.device.name, server: this.o.server, pairedAt: new Date().toISOString() };
    this.state.saveIdentity(identity);
    return identity;
  }

  private connect(token: string): void {
    const url = new URL(this.o.server);
    const prefix = url.pathname.replace(/\/+$/, '');
    this.manager = new Manager(url.origin, {
      path: `${prefix}/socket.io`, transports: ['websocket'], reconnectionDelay: 1000, reconnectionDelayMax: 10_000,
    });
    const socket: AgentSocket = this.manager.socket(AGENT_NAMESPACE, { auth: { token } });
    this.socket = socket;
    socket.on('connect', () => this.log(`connected to ${this.o.server}`));
    socket.on('connect_error', (err) => void this.refused(err));
    socket.on('disconnect', (reason) => {
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
      this.hello = null;
      this.log(`disconnected (${reason})`);
      // The server reopens the lines when we are back: a port left open would be stale.
      for (const line of this.lines.values()) void line.close();
      // Sent away by the server (unpaired, or replaced by another connection): try once more, so
      // that a refusal is heard as connect_error and ends this process.
      if (reason === 'io server disconnect' && !this.stopped) setTimeout(() => { if (!this.stopped) socket.connect(); }, 1000);
    });
    socket.on('agent:hello', (m) => this.onHello(m));
    socket.on('print:job', (m) => this.onJob(m));
    socket.on('serial:open', (m, ack) => this.lineOp('serial:open', m, ack, (line) => line.open()));
    socket.on('serial:write', (m, ack) => this.lineOp('serial:write', m, ack, (line) => line.write(Buffer.from(m.data, 'base64'))));
    socket.on('serial:close', (m, ack) => this.lineOp('serial:close', m, ack, (line) => line.close()));
  }

  /** The token was refused: pair again if a code was given, else stop for good. */
  private async refused(err: Error): Promise<void> {
    if (err.message !== 'UNAUTHORIZED') {
      this.log(`cannot reach ${this.o.server}: ${err.message}; trying again`);
      return;
    }
    this.manager?.reconnection(false);
    this.socket?.disconnect();
    if (this.o.pairCode && !this.repaired) {
      this.repaired = true;
      this.log('the hall refused the stored token; pairing again with the code given');
      try {
        const identity = await this.pair();
        this.connect(identity.token);
        return;
      } catch (e) {
        return void this.emit('fatal', e instanceof AgentRefused ? e : new AgentRefused((e as Error).message));
      }
    }
    this.emit('fatal', new AgentRefused(`the hall refused this agent's token (unpaired in the admin console?): pair it again with --pair CODE`));
  }

  private onHello(raw: unknown): void {
    if (!isAgentCommand('agent:hello', raw)) return this.log('ignored a malformed agent:hello');
    const m = raw as AgentHello;
    this.hello = m;
    if (m.printer && !this.printer) this.warnOnce('no-printer', `the hall prints kiosk ${m.printer.kioskId}'s tickets through this agent, but it was started without --printer`);
    if (!m.printer && this.printer) this.warnOnce('unused-printer', 'this agent has a --printer, but no kiosk of the hall file prints through it (printer: {type: agent} and the agent bound to that kiosk)');
    if (m.serial && !this.lines.has('serial')) this.warnOnce('no-serial', 'the hall file drives serial devices through this agent, but it was started without --serial');
    if (m.idcard && !this.lines.has('idcard')) this.warnOnce('no-idcard', 'the hall file has an ID-card reader on this agent, but it was started without --idcard');
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => { if (this.socket?.connected) this.socket.volatile.emit('agent:heartbeat', {}); }, m.heartbeatMs);
    this.socket?.timeout(10_000).emit('agent:ready', {
      version: VERSION, platform: process.platform, printer: this.printer?.description ?? null,
      serial: this.lines.get('serial')?.description ?? null, idcard: this.lines.get('idcard')?.description ?? null,
    }, () => {
      if (this.printer?.status) this.sendStatus(this.printer.status);
    });
  }

  private onJob(raw: unknown): void {
    if (!isAgentCommand('print:job', raw)) return this.log('ignored a malformed print:job');
    const m = raw as PrintJobMessage;
    const record = this.journal.get(m.id);
    if (record?.step === 'done') return this.reportDone(m.id, record.outcome);
    if (record?.step === 'written') {
      // Its bytes went out before a crash or a lost connection: it is not printed again.
      this.journal.done(m.id, 'unconfirmed');
      this.log(`${m.number} unconfirmed (sent to the printer before a break; not printed again)`);
      return this.reportDone(m.id, 'unconfirmed');
    }
    if (!this.printer) return this.warnOnce('no-printer-job', `a print job came (${m.number}) but this agent has no --printer`);
    if (this.printer.has(m.id)) return; // sent again after a reconnection while still queued here
    const job = this.printer.enqueueRaw({ id: m.id, number: m.number, bytes: Buffer.from(m.bytes, 'base64'), maxWaitMs: m.ttlMs, journal: this.journal });
    void job.done.then((r) => this.finished(r));
  }

  private finished(r: JobResult): void {
    let outcome: PrintOutcome;
    if (r.status === 'printed') outcome = r.confirmed ? 'printed' : 'unconfirmed';
    else if (r.status === 'failed' && r.cause === 'not-ready') outcome = 'expired';
    else return; // closed: the server sends it again to the next agent process
    try {
      this.journal.done(r.jobId, outcome);
    } catch (err) {
      return this.log(`cannot record job ${r.jobId} as done: ${(err as Error).message}`);
    }
    this.log(`${r.number} ${outcome}${r.error ? ` (${r.error})` : ''}`);
    this.emit('job', { id: r.jobId, number: r.number, outcome });
    this.reportDone(r.jobId, outcome);
  }

  /** Told only once the record is on disk; lost with the connection, it is told again when the server re-sends the job. */
  private reportDone(id: string, outcome: PrintOutcome): void {
    if (this.socket?.connected) this.socket.timeout(10_000).emit('print:done', { id, outcome }, () => {});
  }

  private sendStatus(s: PrinterStatus): void {
    if (!this.socket?.connected || !this.hello) return;
    this.socket.emit('printer:status', { state: s.state, detail: this.printer?.description ?? '', raw: s.raw });
  }

  private lineOp(event: 'serial:open' | 'serial:write' | 'serial:close', m: unknown, ack: unknown, op: (line: SerialLine) => Promise<void>): void {
    const reply = typeof ack === 'function' ? (ack as (r: AgentAck) => void) : () => {};
    if (!isAgentCommand(event, m)) return reply({ ok: false, error: 'BAD_MESSAGE' });
    const name = (m as { line?: AgentLine }).line ?? 'serial';
    const line = this.lines.get(name);
    if (!line) return reply({ ok: false, error: `this agent was started without --${name}` });
    op(line).then(() => reply({ ok: true }), (err: Error) => reply({ ok: false, error: err.message }));
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.log(`warning: ${message}`);
  }
}
