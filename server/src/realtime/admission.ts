/**
 * Who may open a socket, counted where it is cheapest to say no. A socket goes through three
 * stages: a handshake (engine.io has a session, nobody has said who they are yet), then either a
 * phone following its ticket (no token) or a device or person signed in with a token. Handshakes
 * and phones are limited per client address and in total; signed-in sockets are not limited here
 * beyond the total, so the hall's own devices and staff keep their place while anyone else floods.
 * Pure bookkeeping: the gateway calls it from engine.io's `allowRequest`, its `connection` and
 * `close` events, and the namespace middleware.
 */
export interface AdmissionLimits {
  /** Sockets in all, of every kind. */
  total: number;
  /** Phones (sockets without a token) in all, and from one address. */
  phones: number;
  phonesPerAddress: number;
  /** Handshakes not yet signed in or following a ticket, in all and from one address. */
  handshakes: number;
  handshakesPerAddress: number;
}

export type Refusal = 'TOO_MANY_CONNECTIONS' | 'TOO_MANY_FROM_ADDRESS';
type Stage = 'handshake' | 'phone' | 'signed';

interface Session { id: string; address: string; stage: Stage }

export class Admission {
  private readonly sessions = new Map<string, Session>();
  /** The sessions still at their handshake, oldest first. */
  private readonly waiting = new Set<string>();
  private readonly byAddress = new Map<string, { handshake: number; phone: number }>();
  readonly counts: Record<Stage, number> = { handshake: 0, phone: 0, signed: 0 };
  /** Refusals since start, by reason (for the log and the tests). */
  readonly refused: Record<Refusal, number> = { TOO_MANY_CONNECTIONS: 0, TOO_MANY_FROM_ADDRESS: 0 };

  constructor(private readonly limits: AdmissionLimits) {}

  get size(): number { return this.sessions.size; }

  /**
   * A new handshake from `address`: null to let it in, or why not. When the handshakes in all are
   * at their cap, the oldest one is given up (`evict`) rather than the newcomer refused: a real
   * client says who it is within milliseconds, an idle flood does not.
   */
  admit(address: string, evict: (id: string) => void): Refusal | null {
    if (this.sessions.size >= this.limits.total) return this.refuse('TOO_MANY_CONNECTIONS');
    if ((this.byAddress.get(address)?.handshake ?? 0) >= this.limits.handshakesPerAddress) return this.refuse('TOO_MANY_FROM_ADDRESS');
    if (this.counts.handshake >= this.limits.handshakes) {
      const oldest = this.oldestHandshake();
      if (!oldest) return this.refuse('TOO_MANY_CONNECTIONS');
      this.closed(oldest);
      evict(oldest);
    }
    return null;
  }

  /** engine.io opened the session `id` for the handshake admitted from `address`. */
  opened(id: string, address: string): void {
    this.sessions.set(id, { id, address, stage: 'handshake' });
    this.waiting.add(id);
    this.bump(address, 'handshake', 1);
    this.counts.handshake++;
  }

  /** The session said who it is: a phone (no token), which has its own caps, or a signed-in device or person. */
  identified(id: string, signed: boolean): Refusal | null {
    const s = this.sessions.get(id);
    if (!s || s.stage !== 'handshake') return null;
    if (!signed) {
      if (this.counts.phone >= this.limits.phones) return this.refuse('TOO_MANY_CONNECTIONS');
      if ((this.byAddress.get(s.address)?.phone ?? 0) >= this.limits.phonesPerAddress) return this.refuse('TOO_MANY_FROM_ADDRESS');
    }
    this.move(s, signed ? 'signed' : 'phone');
    return null;
  }

  closed(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    this.waiting.delete(id);
    this.counts[s.stage]--;
    if (s.stage !== 'signed') this.bump(s.address, s.stage, -1);
  }

  private move(s: Session, to: Stage): void {
    this.counts[s.stage]--;
    this.bump(s.address, 'handshake', -1);
    this.waiting.delete(s.id);
    s.stage = to;
    this.counts[to]++;
    if (to === 'phone') this.bump(s.address, 'phone', 1);
  }

  private bump(address: string, stage: 'handshake' | 'phone', by: number): void {
    const a = this.byAddress.get(address) ?? { handshake: 0, phone: 0 };
    a[stage] += by;
    if (a.handshake === 0 && a.phone === 0) this.byAddress.delete(address);
    else this.byAddress.set(address, a);
  }

  private oldestHandshake(): string | null {
    for (const id of this.waiting) return id;
    return null;
  }

  private refuse(r: Refusal): Refusal {
    this.refused[r]++;
    return r;
  }
}

/**
 * A socket's allowance of `state:request`s (a full snapshot each): a small burst, then so many a
 * minute. A hall client asks after a gap or a reconnect, a few times an hour.
 */
export class RequestBudget {
  private tokens: number;
  private last: number;
  constructor(private readonly perMinute: number, private readonly burst = Math.min(5, perMinute), now = Date.now()) {
    this.tokens = this.burst;
    this.last = now;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perMinute) / 60_000);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
