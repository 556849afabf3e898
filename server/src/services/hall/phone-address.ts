import type { NetworkInterfaceInfo } from 'node:os';

/**
 * The address phones open from a ticket's QR code (slips, kiosk screen, tracking links), chosen at
 * start-up: the hall file's `publicUrl` when set; otherwise an address this server really listens
 * on. A server bound to loopback is reachable from nowhere else, so its QR says `localhost`-like
 * truth and the start-up log warns, rather than pointing phones at a LAN address where nothing
 * listens.
 */
export interface PhoneAddress {
  url: string;
  /** where `url` came from */
  source: 'publicUrl' | 'lan' | 'bound' | 'loopback';
  /** a phone on the hall's network can open it (as far as this machine can tell) */
  fromLan: boolean;
  /** what the start-up log says when phones cannot open it; null when they can */
  warning: string | null;
}

const WILDCARD = new Set(['', '0.0.0.0', '::', '[::]']);
const isLoopback = (h: string) => h === 'localhost' || h === '::1' || h === '[::1]' || /^127\./.test(h);
const urlHost = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);

export function phoneAddress(o: {
  publicUrl?: string | null; host: string; port: number;
  interfaces: Record<string, NetworkInterfaceInfo[] | undefined>;
}): PhoneAddress {
  if (o.publicUrl) {
    let host = '';
    try { host = new URL(o.publicUrl).hostname; } catch { /* the config schema checks the form */ }
    return isLoopback(host)
      ? { url: o.publicUrl, source: 'publicUrl', fromLan: false, warning: `hall.publicUrl ${o.publicUrl} names this machine itself: phones cannot open it` }
      : { url: o.publicUrl, source: 'publicUrl', fromLan: true, warning: null };
  }
  const external = Object.values(o.interfaces).flat().filter((i): i is NetworkInterfaceInfo => !!i && !i.internal);
  if (WILDCARD.has(o.host)) {
    const lan = external.find((i) => i.family === 'IPv4') ?? external[0];
    if (lan) return { url: `http://${urlHost(lan.address)}:${o.port}`, source: 'lan', fromLan: true, warning: null };
    return {
      url: `http://localhost:${o.port}`, source: 'loopback', fromLan: false,
      warning: 'this machine has no LAN address: phones cannot open the QR codes; set hall.publicUrl in the hall file',
    };
  }
  if (isLoopback(o.host)) {
    return {
      url: `http://${urlHost(o.host)}:${o.port}`, source: 'loopback', fromLan: false,
      warning: `the server listens on ${o.host} only (HOST): phones on the LAN cannot open the QR codes; set HOST=0.0.0.0, or hall.publicUrl when a proxy serves the hall`,
    };
  }
  const known = external.some((i) => i.address === o.host);
  return {
    url: `http://${urlHost(o.host)}:${o.port}`, source: 'bound', fromLan: known,
    warning: known ? null : `HOST ${o.host} is not an address of this machine's network interfaces: phones may not reach it`,
  };
}
