import { serialLineKey, type HallConfig, type SerialDeviceConfig } from '@onewindow/config';
import {
  SerialDevices, serialPortFactory, type DeviceRef, type KeypadAction, type SerialDevicesOptions,
} from '@onewindow/drivers/serial';
import type { AgentService } from '../agents/agent.service.ts';
import { EngineError } from '../../engine/index.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import { AppError } from '../app-error.ts';
import type { Principal } from '../auth/auth.service.ts';
import type { EvaluationService } from '../evaluations/evaluation.service.ts';
import type { HallService } from '../hall/hall.service.ts';
import type { Committed } from '../hall/log-events.ts';
import { EVALUATION_WINDOW_MS, type QueueService, type WindowAction } from '../queue/queue.service.ts';
import { agentLineOf, withAgentLines } from './remote-port.ts';
import { keypadError, keypadIdleText, screenLabel } from './serial-texts.ts';

export interface SerialDeviceDeps {
  config: HallConfig;
  hall: HallService;
  queue: QueueService;
  alerts: AlertService;
  evaluations: EvaluationService;
  /** The clerk signed in at a window, as a principal the queue service accepts; null if unknown. */
  principalOf: (userId: string) => Principal | null;
  /** Lines on a device agent's computer (`serial: {agent: ID}`) are reached through it. */
  agents?: AgentService;
  log: { warn(obj: object, msg: string): void };
}

/** The drivers' view of a device: a line on an agent is the path `agent:<id>` (remote-port.ts). */
const onLine = (d: SerialDeviceConfig) => ({ windowId: d.windowId, address: d.address, serial: 'agent' in d.serial ? { path: serialLineKey(d.serial) } : d.serial });

/** The serial-device part of a hall configuration, if it has any. */
export function hasSerialDevices(c: HallConfig): boolean {
  return (c.pads?.length ?? 0) + (c.windowScreens?.length ?? 0) + (c.keypads?.length ?? 0) > 0;
}

/** What decides which lines and devices are open: a reload that changes it reopens them. */
const serialPart = (c: HallConfig) => JSON.stringify([c.pads ?? [], c.windowScreens ?? [], c.keypads ?? []]);

const KIND_NAMES: Record<DeviceRef['kind'], string> = { pad: '评价器', windowScreen: '窗口屏', keypad: '呼叫器' };

/**
 * The glue between the hall and its wired devices (serial.md): committed calls go to the LED screens
 * and keypads, evaluation requests to the pads; pad ratings and keypad keys come back as the window's
 * pad and the window's signed-in clerk; silent devices raise alerts. Drivers decide nothing.
 */
export class SerialDeviceService {
  private devices: SerialDevices | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private options: SerialDevicesOptions = {};
  private opened = '';
  /** Reopening after a reload: one at a time, in order. */
  private reopening: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly deps: SerialDeviceDeps) {}

  /** Listens to the hall and opens the configured devices, if any; a configuration reload reopens them. */
  start(options: SerialDevicesOptions = {}): void {
    this.options = options;
    this.unsubscribe = this.deps.hall.onCommit((batch) => this.safely('commit', () => this.onCommit(batch)));
    this.open();
  }

  private open(): void {
    const { config } = this.deps;
    this.opened = serialPart(config);
    if (!hasSerialDevices(config)) return;
    const portFactory = withAgentLines(this.options.portFactory ?? serialPortFactory, this.deps.agents);
    const d = new SerialDevices({
      pads: config.pads?.map(onLine), windowScreens: config.windowScreens?.map(onLine), keypads: config.keypads?.map(onLine),
    }, { ...this.options, portFactory });
    this.devices = d;
    d.on('pad:rating', (e) => this.safely('pad rating', () => this.onRating(e.windowId, e.score, e.address)));
    d.on('keypad:key', (e) => this.safely('keypad key', () => this.onKey(e.windowId, e.action)));
    d.on('device:offline', (ref) => this.safely('device offline', () => this.deviceOffline(ref)));
    d.on('device:online', (ref) => this.safely('device online', () => this.resolve(subjectOf(ref))));
    d.on('bus:close', (e) => this.safely('line closed', () => this.lineDown(e.path, e.error)));
    d.on('bus:open', (e) => this.safely('line open', () => this.resolve(`serial:line:${e.path}`)));
    d.on('bus:error', (e) => this.deps.log.warn({ err: e.error, path: e.path }, 'serial line error'));
    d.on('send:error', (e) => this.deps.log.warn({ err: e.error, device: e }, 'serial send failed'));
    this.syncAll();
    d.start();
  }

  /** After a reload: if the devices changed, the old lines close and the new ones open (no restart). */
  private reconcile(): void {
    this.reopening = this.reopening.then(async () => {
      if (this.closed || serialPart(this.deps.config) === this.opened) return;
      await this.shut();
      if (this.closed) return;
      this.open();
      this.forgetRemoved();
    }).catch((err: unknown) => this.deps.log.warn({ err }, 'reopening the serial devices failed'));
  }

  private async shut(): Promise<void> {
    for (const t of this.idleTimers.values()) clearTimeout(t);
    this.idleTimers.clear();
    const d = this.devices;
    this.devices = null;
    await d?.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    await this.reopening;
    await this.shut();
  }

  status() {
    return this.devices?.status() ?? [];
  }

  /** What each device should show at start-up; the driver sends it again whenever a line (re)opens. */
  private syncAll(): void {
    for (const w of this.deps.hall.state.windows.values()) {
      const current = w.currentTicketId ? this.deps.hall.state.tickets.get(w.currentTicketId) : undefined;
      this.keypad(w.id, current ? current.number : keypadIdleText(w.status, w.autoCallSec !== null));
      if (current) this.screen(w.id, `${current.number} 请到${this.label(w.id)}`);
      const pending = this.deps.evaluations.pending(w.id);
      if (pending) this.ask(w.id, pending.number, Date.parse(pending.expiresAt) - this.deps.hall.now());
    }
  }

  private onCommit(batch: Committed[]): void {
    for (const { event: e } of batch) {
      switch (e.type) {
        case 'ticket.called': case 'ticket.recalled': {
          const t = this.deps.hall.state.tickets.get(e.ticketId);
          if (!t) break;
          this.screen(e.windowId, `${t.number} 请到${this.label(e.windowId)}`, 3);
          this.keypad(e.windowId, t.number);
          break;
        }
        case 'ticket.finished': case 'ticket.no-show': case 'ticket.transferred': case 'ticket.held':
          this.keypad(e.windowId, this.idleText(e.windowId));
          break;
        case 'window.auto-call':
          if (!this.deps.hall.state.windows.get(e.windowId)?.currentTicketId) this.keypad(e.windowId, this.idleText(e.windowId));
          break;
        case 'window.paused':
          this.keypad(e.windowId, keypadIdleText('paused'));
          this.screen(e.windowId, `${this.label(e.windowId)} 暂停服务`);
          break;
        case 'window.signed-out':
          this.keypad(e.windowId, keypadIdleText('closed'));
          this.screen(e.windowId, `${this.label(e.windowId)} 暂停服务`);
          break;
        case 'window.signed-in': case 'window.resumed':
          this.keypad(e.windowId, this.idleText(e.windowId));
          this.screen(e.windowId, `${this.label(e.windowId)} 欢迎您`);
          break;
        case 'evaluation.requested':
          this.ask(e.windowId, e.request.number, EVALUATION_WINDOW_MS);
          break;
        case 'evaluation.recorded':
          this.clearIdle(e.windowId);
          this.fire(this.devices?.thank(e.windowId));
          break;
        case 'config.reloaded':
          this.reconcile();
          break;
      }
    }
  }

  /** What a window's keypad shows with no current ticket. */
  private idleText(windowId: string): string {
    const w = this.deps.hall.state.windows.get(windowId);
    return w ? keypadIdleText(w.status, w.autoCallSec !== null) : keypadIdleText('closed');
  }

  /** A wired pad's rating counts for the ticket its window is asking about, if any. */
  private onRating(windowId: string, score: number, address: number): void {
    const pending = this.deps.evaluations.pending(windowId);
    if (!pending) {
      this.fire(this.devices?.idle(windowId));
      return;
    }
    try {
      this.deps.evaluations.record({ ticketId: pending.ticketId, score }, { windowId, source: 'pad-serial', deviceId: null, actor: `serial:pad:${windowId}@${address}` });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      this.fire(this.devices?.idle(windowId));
    }
  }

  /** A keypad key acts as the clerk signed in at its window, and is refused when nobody is. */
  private onKey(windowId: string, key: KeypadAction): void {
    const w = this.deps.hall.state.windows.get(windowId);
    const clerk = w?.clerkId ? this.deps.principalOf(w.clerkId) : null;
    if (!w || !clerk) {
      this.keypad(windowId, keypadIdleText('closed'));
      return;
    }
    const action: WindowAction = key === 'pause-toggle'
      ? (w.status === 'paused' ? { kind: 'resume' } : { kind: 'pause', reason: '暂停（呼叫器）' })
      : key === 'finish' ? { kind: 'finish', outcome: 'done' } : { kind: key };
    try {
      const r = this.deps.queue.window(clerk, windowId, action);
      if (action.kind === 'call-next' && r.body.ticket === null) this.keypad(windowId, 'NONE');
    } catch (err) {
      if (err instanceof EngineError || err instanceof AppError) this.keypad(windowId, keypadError(err.code));
      else throw err;
    }
  }

  private deviceOffline(ref: DeviceRef): void {
    const window = this.deps.hall.model.windows.find((w) => w.id === ref.windowId)?.name ?? ref.windowId;
    this.deps.alerts.raise('device-offline', 'warning', `${window}的${KIND_NAMES[ref.kind]}（地址 ${ref.address}）无响应，请检查连线和电源`, subjectOf(ref));
  }

  private lineDown(path: string, error?: Error): void {
    const agent = agentLineOf(path)?.deviceId;
    const line = agent === undefined ? `串口 ${path}` : `设备代理“${this.deps.agents?.nameOf(agent) ?? agent}”的串口`;
    this.deps.alerts.raise('device-offline', 'critical', `${line}已断开${error ? `（${error.message}）` : ''}，窗口屏、评价器和呼叫器暂不可用`, `serial:line:${path}`);
  }

  /** A device or line no longer configured is not offline: its open alert is closed by the system. */
  private forgetRemoved(): void {
    const { config } = this.deps;
    const kept = new Set<string>();
    for (const [kind, list] of [['pad', config.pads], ['windowScreen', config.windowScreens], ['keypad', config.keypads]] as const) {
      for (const d of list ?? []) kept.add(subjectOf({ kind, windowId: d.windowId, address: d.address })).add(`serial:line:${serialLineKey(d.serial)}`);
    }
    for (const a of this.deps.alerts.open()) {
      if (a.kind === 'device-offline' && a.subject?.startsWith('serial:') && !kept.has(a.subject)) this.deps.alerts.acknowledge(a.id, 'system');
    }
  }

  /** A device heard from again: its open alert is closed by the system. */
  private resolve(subject: string): void {
    for (const a of this.deps.alerts.open()) if (a.kind === 'device-offline' && a.subject === subject) this.deps.alerts.acknowledge(a.id, 'system');
  }

  private ask(windowId: string, number: string, forMs: number): void {
    this.fire(this.devices?.askRating(windowId, number));
    this.clearIdle(windowId);
    const timer = setTimeout(() => {
      this.idleTimers.delete(windowId);
      this.fire(this.devices?.idle(windowId));
    }, Math.max(0, forMs));
    timer.unref();
    this.idleTimers.set(windowId, timer);
  }

  private clearIdle(windowId: string): void {
    const t = this.idleTimers.get(windowId);
    if (t) clearTimeout(t);
    this.idleTimers.delete(windowId);
  }

  private screen(windowId: string, text: string, blink?: number): void {
    this.fire(this.devices?.showOnScreen(windowId, text, blink));
  }

  private keypad(windowId: string, text: string): void {
    this.fire(this.devices?.showOnKeypad(windowId, text));
  }

  /** Sends are best effort: a failed write is reported by the driver (`send:error`), bad input logged here. */
  private fire(p: Promise<boolean> | undefined): void {
    p?.catch((err) => this.deps.log.warn({ err }, 'serial device command refused'));
  }

  private label(windowId: string): string {
    return screenLabel(this.deps.hall.model.windows.find((w) => w.id === windowId)?.name ?? windowId);
  }

  /** Device events arrive from timers and port callbacks: nothing thrown there may escape. */
  private safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.deps.log.warn({ err }, `serial devices: ${what} failed`);
    }
  }
}

function subjectOf(ref: DeviceRef): string {
  return `serial:${ref.kind}:${ref.windowId}@${ref.address}`;
}
