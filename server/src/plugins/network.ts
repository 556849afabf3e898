import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import proxyaddr from '@fastify/proxy-addr';
import type { HallConfig } from '@onewindow/config';

/** The connection limits in force: the hall file's `network.limits`, else these defaults (a hall of a few hundred phones and devices). */
export interface NetworkLimits {
  connections: number;
  connectionsPerAddress: number;
  handshakesPerAddress: number;
  sockets: number;
  phoneSockets: number;
  phoneSocketsPerAddress: number;
  handshakeTimeoutSec: number;
  stateRequestsPerMinute: number;
}

export const DEFAULT_LIMITS: NetworkLimits = {
  connections: 2048, connectionsPerAddress: 256, handshakesPerAddress: 16, sockets: 1500, phoneSockets: 600, phoneSocketsPerAddress: 64,
  handshakeTimeoutSec: 10, stateRequestsPerMinute: 30,
};

export interface NetworkSettings {
  /** The reverse proxies trusted to say who the client is (X-Forwarded-For); empty: nobody is. */
  trustProxy: string[];
  limits: NetworkLimits;
}

/** The hall file's `network` section with the environment's `ONEWINDOW_TRUST_PROXY` (comma-separated) added. */
export function networkSettings(config: HallConfig, envTrustProxy?: string): NetworkSettings {
  const fromEnv = (envTrustProxy ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const trustProxy = [...new Set([...(config.network?.trustProxy ?? []), ...fromEnv])];
  return { trustProxy, limits: { ...DEFAULT_LIMITS, ...config.network?.limits } };
}

/**
 * The client's address of a raw HTTP request, as Fastify's `req.ip` has it: the forwarded address
 * when (and only when) the connection comes from a trusted proxy, else the connection's own.
 */
export function clientAddressOf(trustProxy: string[]): (req: IncomingMessage) => string {
  if (trustProxy.length === 0) return (req) => req.socket.remoteAddress ?? '';
  const trust = proxyaddr.compile(trustProxy);
  return (req) => proxyaddr(req, trust);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The network settings in force (plugins/network.ts): trusted proxies and connection limits. */
    network: NetworkSettings & { clientAddress(req: IncomingMessage): string; refusedConnections(): number };
  }
}

/**
 * The first line against a flood, before HTTP parses anything: at most `connections` TCP
 * connections open in all (Node drops the rest), and at most `connectionsPerAddress` from one
 * address. A trusted proxy's own address is not counted so: everyone behind it shares it, and is
 * told apart by the forwarded address at the socket level (realtime/admission.ts) and in the rate
 * limits (req.ip).
 */
export default fp(async function network(app: FastifyInstance, opts: NetworkSettings) {
  const { limits, trustProxy } = opts;
  const server = app.server;
  server.maxConnections = limits.connections;
  const proxy = trustProxy.length > 0 ? proxyaddr.compile(trustProxy) : () => false;
  const open = new Map<string, number>();
  let refused = 0;
  server.prependListener('connection', (sock) => {
    const address = sock.remoteAddress ?? '';
    if (proxy(address, 0)) return;
    const n = (open.get(address) ?? 0) + 1;
    if (n > limits.connectionsPerAddress) {
      refused++;
      sock.destroy();
      return;
    }
    open.set(address, n);
    sock.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
  app.decorate('network', { ...opts, clientAddress: clientAddressOf(trustProxy), refusedConnections: () => refused });
}, { name: 'network', fastify: '5.x' });
