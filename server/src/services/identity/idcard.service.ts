import { randomBytes } from 'node:crypto';
import { idCardLineKey, type HallConfig } from '@onewindow/config';
import { IdCardReader, IdCardReaderError, isValidIdNumber, maskIdNumber, maskName, type IdCardText } from '@onewindow/drivers/idcard';
import { serialPortFactory, type PortFactory } from '@onewindow/drivers/serial';
import { isoLocal, type CardRead, type IdReaderView } from '@onewindow/protocol';
import { currentStep, FINAL_STATUSES } from '../../engine/index.ts';
import { AppError } from '../app-error.ts';
import type { Principal } from '../auth/auth.service.ts';
import type { AgentService } from '../agents/agent.service.ts';
import type { HallService } from '../hall/hall.service.ts';
import { agentLineOf, withAgentLines } from '../serial/remote-port.ts';
import type { Identity, VisitorService } from '../visitors/visitor.service.ts';
import { hashIdNumber } from './id-key.ts';

type ReaderConfig = NonNullable<HallConfig['idCard']>['readers'][number];

interface Entry {
  def: ReaderConfig;
  key: string;
  reader: IdCardReader;
  state: IdReaderView['state'];
  detail: string | null;
  lastReadAt: number | null;
  busy: boolean;
}

interface Held { identity: Identity; readerId: string; kioskId: string | null; expiresAt: number }

export interface IdCardDeps {
  config: HallConfig;
  /** The hall's key for the keyed hash (id-key.ts). */
  key: Buffer;
  hall: HallService;
  visitors: VisitorService;
  /** Today's booking made with this ID number's hash, if any (appointments). */
  bookingOf: (idHash: string) => { serviceId: string; serviceName: string; slotStart: string; status: string } | null;
  portFactory?: PortFactory;
  /** A reader on a device agent's computer (`serial: {agent: ID}`) is reached through it (its --idcard line). */
  agents?: AgentService;
  /** How often a waiting read asks the reader again. */
  pollMs?: number;
  reader?: { commandTimeoutMs?: number; readTimeoutMs?: number };
  log?: (msg: string, err?: unknown) => void;
}

/** How long a card read may be used for a ticket. */
export const READ_TTL_MS = 3 * 60_000;

/**
 * Real-name tickets (实名取号): the hall's second-generation ID-card readers (GA 467) on the
 * server's serial ports, one on a kiosk or at the guide desk. A read waits for a card (polling the
 * reader), checks the ID number, and hands back a masked view with a one-time token; the ticket is
 * issued with the token, so the ID number never leaves the server. It is kept only as a keyed hash
 * (HMAC-SHA256 with the hall's key): enough for one ticket per person per matter per day and for a
 * booking made with the number to check in with the card.
 */
export class IdCardService {
  private readonly entries = new Map<string, Entry>();
  private readonly held = new Map<string, Held>();
  /** The server's own ports, and an agent's --idcard line through the agent. */
  private readonly portFactory: PortFactory;

  constructor(private readonly d: IdCardDeps) {
    this.portFactory = withAgentLines(d.portFactory ?? serialPortFactory, d.agents);
    this.reconcile();
  }

  /** Readers to match the hall file (after a reload too): changed ones are reopened, removed ones closed. */
  reconcile(): void {
    const defs = this.d.config.idCard?.readers ?? [];
    for (const def of defs) {
      const key = JSON.stringify(def.serial);
      const e = this.entries.get(def.id);
      if (e && e.key === key) { e.def = def; continue; }
      if (e) void e.reader.close();
      const path = idCardLineKey(def.serial);
      const baudRate = 'path' in def.serial ? def.serial.baudRate : undefined; // an agent's line runs at its --idcard speed
      const reader = new IdCardReader({ path, baudRate, portFactory: this.portFactory, ...this.d.reader });
      const entry: Entry = { def, key, reader, state: 'unknown', detail: null, lastReadAt: null, busy: false };
      reader.on('line', (s, err) => {
        if (s === 'lost') this.mark(entry, 'no-line', `${this.lineName(path)}已断开${err ? `：${err.message}` : ''}`);
      });
      this.entries.set(def.id, entry);
    }
    for (const [id, e] of this.entries) {
      if (!defs.some((d) => d.id === id)) {
        void e.reader.close();
        this.entries.delete(id);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.reader.close().catch(() => undefined)));
    this.entries.clear();
    this.held.clear();
  }

  /** The readers this principal may use: a kiosk its own, staff every one. */
  list(p: Principal): IdReaderView[] {
    return [...this.entries.values()].filter((e) => this.mayUse(p, e)).map((e) => ({
      id: e.def.id, name: e.def.name, kioskId: e.def.kioskId ?? null, desk: e.def.desk === true, state: e.state, detail: e.detail,
      lastReadAt: e.lastReadAt === null ? null : this.iso(e.lastReadAt),
    }));
  }

  /**
   * Waits up to `waitMs` for a card on the reader (a kiosk's own when it names none) and reads it;
   * null when none was laid on it in time or the caller went away.
   */
  async read(p: Principal, readerId: string | undefined, waitMs: number, signal?: AbortSignal): Promise<CardRead | null> {
    const e = this.pick(p, readerId);
    if (e.busy) throw new AppError(409, 'READER_BUSY', `${e.def.name} is already waiting for a card`);
    e.busy = true;
    try {
      const deadline = Date.now() + waitMs;
      let silent = 0;
      for (;;) {
        let text: IdCardText | null = null;
        try {
          const r = await e.reader.read();
          this.mark(e, 'ok', null);
          silent = 0;
          if (r.kind === 'card') text = r.text;
        } catch (err) {
          this.fault(e, err, ++silent);
        }
        if (text) return this.accept(e, text);
        if (signal?.aborted || Date.now() + (this.d.pollMs ?? 300) > deadline) return null;
        await new Promise((r) => setTimeout(r, this.d.pollMs ?? 300));
      }
    } finally {
      e.busy = false;
    }
  }

  /**
   * The card behind a read token, for issuing a ticket, only where it was read (or by staff);
   * `consume` uses it up (once the ticket is issued: a refused issue leaves it for another try).
   */
  take(p: Principal, token: string, consume = true): Identity {
    this.sweep();
    const h = this.held.get(token);
    if (!h) throw new AppError(409, 'ID_CARD_EXPIRED', 'the card read is no longer valid: read the card again');
    if (p.kind === 'device' && h.kioskId !== p.kioskId) throw new AppError(403, 'ID_CARD_ELSEWHERE', 'this card was read at another kiosk');
    if (consume) this.held.delete(token);
    return h.identity;
  }

  /** The guide desk types the number of a visitor without their card at hand (a temporary ID, a reader fault). */
  typed(idNumber: string, name: string | undefined): Identity {
    if (!isValidIdNumber(idNumber)) throw new AppError(422, 'ID_NUMBER_INVALID', 'this is not a valid ID number (GB 11643: 18 characters with a check character)');
    return { idHash: hashIdNumber(this.d.key, idNumber), idMasked: maskIdNumber(idNumber.toUpperCase()), name: name?.trim() ? maskName(name.trim()) : '' };
  }

  hash(idNumber: string): string {
    return hashIdNumber(this.d.key, idNumber);
  }

  private accept(e: Entry, t: IdCardText): CardRead {
    if (!isValidIdNumber(t.idNumber)) {
      this.mark(e, 'ok', null);
      throw new AppError(422, 'ID_CARD_UNREADABLE', 'the card\'s number does not check out: lay the card flat and try again, or go to the guide desk');
    }
    const now = this.d.hall.now();
    e.lastReadAt = now;
    const identity: Identity = { idHash: hashIdNumber(this.d.key, t.idNumber), idMasked: maskIdNumber(t.idNumber), name: maskName(t.name) };
    this.sweep();
    const token = randomBytes(18).toString('base64url');
    const expiresAt = now + READ_TTL_MS;
    this.held.set(token, { identity, readerId: e.def.id, kioskId: e.def.kioskId ?? null, expiresAt });
    const s = this.d.hall.state;
    const tickets = this.d.visitors.ticketsOfHash(identity.idHash).map((id) => s.tickets.get(id)).filter((x) => x !== undefined)
      .filter((x) => !FINAL_STATUSES.has(currentStep(x).status))
      .map((x) => ({ number: x.number, serviceId: currentStep(x).serviceId, status: currentStep(x).status }));
    return {
      token, readerId: e.def.id, name: identity.name, idMasked: identity.idMasked,
      sex: t.sex === '1' ? 'male' : t.sex === '2' ? 'female' : 'unknown', age: ageOn(t.birth, isoLocal(now, this.d.config.hall.timezone).slice(0, 10)),
      expiresAt: this.iso(expiresAt), booking: this.d.bookingOf(identity.idHash), tickets,
    };
  }

  private pick(p: Principal, readerId: string | undefined): Entry {
    if (readerId === undefined) {
      const own = p.kind === 'device' ? [...this.entries.values()].find((e) => e.def.kioskId !== undefined && e.def.kioskId === p.kioskId) : undefined;
      if (!own) throw new AppError(404, 'NO_ID_READER', p.kind === 'device' ? 'this kiosk has no ID-card reader' : 'name the reader (readerId)');
      return own;
    }
    const e = this.entries.get(readerId);
    if (!e) throw new AppError(404, 'NO_ID_READER', `no ID-card reader ${readerId}`);
    if (!this.mayUse(p, e)) throw new AppError(403, 'FORBIDDEN', `${e.def.name} belongs to another kiosk`);
    return e;
  }

  private mayUse(p: Principal, e: Entry): boolean {
    if (p.kind === 'device') return p.deviceKind === 'kiosk' && e.def.kioskId !== undefined && e.def.kioskId === p.kioskId;
    return p.role === 'guide' || p.role === 'supervisor' || p.role === 'admin';
  }

  /**
   * A failed try: a card the reader could not read is the visitor's to retry (422); a reader that
   * answers with a fault (its secure module, say), whose line cannot be opened, or that stays silent
   * three times running is the technician's (503). A single silence is tried again.
   */
  private fault(e: Entry, err: unknown, inARow: number): void {
    const code = err instanceof IdCardReaderError ? err.code : 'closed';
    const message = (err as Error).message;
    this.d.log?.(`ID-card reader ${e.def.id}: ${message}`);
    if (code === 'read-failed') throw new AppError(422, 'ID_CARD_UNREADABLE', 'the card could not be read: lay it flat on the reader and try again');
    if (code === 'timeout' || code === 'closed') {
      this.mark(e, 'no-line', message);
      if (code === 'closed' || inARow >= 3) throw new AppError(503, 'READER_OFFLINE', `${e.def.name} does not answer: ${message}`, { reader: e.def.id });
      return;
    }
    this.mark(e, 'fault', message);
    throw new AppError(503, 'READER_FAULT', `${e.def.name}: ${message}`, { reader: e.def.id, status: code });
  }

  private lineName(path: string): string {
    const agent = agentLineOf(path)?.deviceId;
    return agent === undefined ? `串口 ${path} ` : `设备代理“${this.d.agents?.nameOf(agent) ?? agent}”的读卡器线路`;
  }

  private mark(e: Entry, state: IdReaderView['state'], detail: string | null): void {
    e.state = state;
    e.detail = detail;
  }

  private sweep(): void {
    const now = this.d.hall.now();
    for (const [k, h] of this.held) if (h.expiresAt <= now) this.held.delete(k);
    // A burst of reads nobody used: the oldest go first.
    while (this.held.size > 200) this.held.delete(this.held.keys().next().value!);
  }

  private iso(ms: number): string {
    return isoLocal(ms, this.d.config.hall.timezone);
  }
}

/** Whole years from a YYYYMMDD birth to a YYYY-MM-DD day; null when the birth is not a date. */
export function ageOn(birth: string, day: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(birth);
  if (!m) return null;
  const [y, mo, d] = day.split('-').map(Number);
  let age = y - Number(m[1]);
  if (mo < Number(m[2]) || (mo === Number(m[2]) && d < Number(m[3]))) age--;
  return age >= 0 ? age : null;
}
