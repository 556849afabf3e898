import { describe, expect, it } from 'vitest';
import { Admission, RequestBudget } from './admission.ts';

const limits = { total: 10, phones: 4, phonesPerAddress: 2, handshakes: 3, handshakesPerAddress: 2 };

describe('admission of sockets', () => {
  it('limits handshakes from one address, and gives up the oldest handshake rather than refuse a newcomer when all are taken', () => {
    const a = new Admission(limits);
    const evicted: string[] = [];
    const open = (id: string, address: string) => {
      const r = a.admit(address, (old) => evicted.push(old));
      if (r === null) a.opened(id, address);
      return r;
    };
    expect(open('s1', '10.0.0.9')).toBeNull();
    expect(open('s2', '10.0.0.9')).toBeNull();
    expect(open('s3', '10.0.0.9')).toBe('TOO_MANY_FROM_ADDRESS');
    expect(open('s4', '10.0.0.5')).toBeNull();
    expect(open('s5', '10.0.0.6')).toBeNull();
    expect(evicted).toEqual(['s1']);
    expect(a.counts).toEqual({ handshake: 3, phone: 0, signed: 0 });
    expect(a.refused).toEqual({ TOO_MANY_CONNECTIONS: 0, TOO_MANY_FROM_ADDRESS: 1 });
  });

  it('signed-in sockets leave the handshake and phone caps: they count only against the total', () => {
    const a = new Admission(limits);
    for (let i = 0; i < 8; i++) {
      expect(a.admit('10.0.0.1', () => {})).toBeNull();
      a.opened(`d${i}`, '10.0.0.1');
      expect(a.identified(`d${i}`, true)).toBeNull();
    }
    expect(a.counts).toEqual({ handshake: 0, phone: 0, signed: 8 });
    for (let i = 0; i < 2; i++) {
      expect(a.admit('10.0.0.2', () => {})).toBeNull();
      a.opened(`p${i}`, '10.0.0.2');
    }
    expect(a.identified('p0', false)).toBeNull();
    expect(a.admit('10.0.0.3', () => {})).toBe('TOO_MANY_CONNECTIONS');
    a.closed('d0');
    expect(a.admit('10.0.0.3', () => {})).toBeNull();
  });

  it('limits phones per address and in all; a closed one frees its place', () => {
    const a = new Admission({ ...limits, handshakes: 100, handshakesPerAddress: 100, total: 100 });
    const phone = (id: string, address: string) => {
      a.admit(address, () => {});
      a.opened(id, address);
      return a.identified(id, false);
    };
    expect(phone('a', '1.1.1.1')).toBeNull();
    expect(phone('b', '1.1.1.1')).toBeNull();
    expect(phone('c', '1.1.1.1')).toBe('TOO_MANY_FROM_ADDRESS');
    a.closed('c');
    expect(phone('d', '2.2.2.2')).toBeNull();
    expect(phone('e', '3.3.3.3')).toBeNull();
    expect(phone('f', '4.4.4.4')).toBe('TOO_MANY_CONNECTIONS');
    a.closed('a');
    expect(phone('g', '1.1.1.1')).toBeNull();
    expect(a.counts.phone).toBe(4);
  });
});

describe('a socket\'s budget of state requests', () => {
  it('allows a burst, then so many a minute', () => {
    const b = new RequestBudget(30, 5, 0);
    const allowed = Array.from({ length: 8 }, () => b.take(0)).filter(Boolean).length;
    expect(allowed).toBe(5);
    expect(b.take(1000)).toBe(false);
    expect(b.take(2000)).toBe(true);
    expect(b.take(2000)).toBe(false);
  });
});
