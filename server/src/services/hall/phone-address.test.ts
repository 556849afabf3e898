import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { phoneAddress } from './phone-address.ts';

const nic = (address: string, internal = false, family: 'IPv4' | 'IPv6' = 'IPv4') =>
  ({ address, internal, family, netmask: '', mac: '', cidr: null }) as unknown as NetworkInterfaceInfo;
const lo = { lo: [nic('127.0.0.1', true), nic('::1', true, 'IPv6')] };
const withLan = { ...lo, eth0: [nic('fe80::1', false, 'IPv6'), nic('192.168.1.20')] };

describe('the address phones open from a QR code', () => {
  it('is the hall file\'s publicUrl when set, whatever the server is bound to', () => {
    expect(phoneAddress({ publicUrl: 'https://hall.example.cn', host: '127.0.0.1', port: 8080, interfaces: withLan }))
      .toEqual({ url: 'https://hall.example.cn', source: 'publicUrl', fromLan: true, warning: null });
  });

  it('warns when the publicUrl names this machine itself', () => {
    const a = phoneAddress({ publicUrl: 'http://localhost:8080', host: '0.0.0.0', port: 8080, interfaces: withLan });
    expect(a).toMatchObject({ url: 'http://localhost:8080', fromLan: false });
    expect(a.warning).toContain('publicUrl');
  });

  it('is the LAN address (IPv4 first) when the server listens on every interface', () => {
    expect(phoneAddress({ host: '0.0.0.0', port: 8080, interfaces: withLan }))
      .toEqual({ url: 'http://192.168.1.20:8080', source: 'lan', fromLan: true, warning: null });
    expect(phoneAddress({ host: '::', port: 9000, interfaces: { ...lo, eth0: [nic('fd00::5', false, 'IPv6')] } }).url).toBe('http://[fd00::5]:9000');
  });

  it('is the loopback address it listens on, with a warning, when bound to loopback (not a LAN address where nothing listens)', () => {
    const a = phoneAddress({ host: '127.0.0.1', port: 8080, interfaces: withLan });
    expect(a).toMatchObject({ url: 'http://127.0.0.1:8080', source: 'loopback', fromLan: false });
    expect(a.warning).toContain('HOST=0.0.0.0');
    expect(phoneAddress({ host: '::1', port: 8080, interfaces: withLan }).url).toBe('http://[::1]:8080');
  });

  it('warns when listening everywhere on a machine without a LAN address', () => {
    const a = phoneAddress({ host: '0.0.0.0', port: 8080, interfaces: lo });
    expect(a).toMatchObject({ url: 'http://localhost:8080', fromLan: false });
    expect(a.warning).toContain('hall.publicUrl');
  });

  it('is the one address it is bound to, reachable when it belongs to a network interface', () => {
    expect(phoneAddress({ host: '192.168.1.20', port: 8080, interfaces: withLan }))
      .toEqual({ url: 'http://192.168.1.20:8080', source: 'bound', fromLan: true, warning: null });
    expect(phoneAddress({ host: '10.9.9.9', port: 8080, interfaces: withLan }).warning).toContain('10.9.9.9');
  });
});
