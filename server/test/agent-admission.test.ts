// The connection limits and the device agents' namespace (/agent): an agent that has signed in is a
// signed-in device to the limits (realtime/admission.ts), not a handshake that never said who it is,
// so it neither uses up its address's handshakes nor is the first to be cut in a flood.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { loadHallConfig } from '@onewindow/config';
import { DEFAULT_CONFIG, nextEvent, startTestServer, type TestServer } from './helper.ts';

let srv: TestServer;
const open: Socket[] = [];

beforeAll(async () => {
  const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  config.kiosks = [{ id: 'K1', name: '大厅入口取号机', printer: { type: 'agent', width: 48 } }];
  // One handshake at a time from an address: the agent's must be over once it has signed in.
  config.network = { ...config.network, limits: { ...config.network?.limits, handshakesPerAddress: 1 } };
  srv = await startTestServer({ config });
}, 60_000);

afterAll(async () => {
  for (const s of open) s.close();
  await srv?.close();
});

describe('an agent and the connection limits', () => {
  it('a signed-in agent leaves its address\'s handshakes free for the next device', async () => {
    const agent = ioClient(`${srv.url}/agent`, { auth: { token: await srv.device('agent', { kioskId: 'K1' }) }, transports: ['websocket'], reconnection: false, forceNew: true });
    open.push(agent);
    await nextEvent(agent, 'agent:hello', 5000);
    // The same address, a second device: let in only if the agent's handshake was counted as over.
    const screen = srv.socket({ token: await srv.device('display') });
    const outcome = await Promise.race([
      nextEvent(screen, 'connect', 5000).then(() => 'connected'),
      nextEvent<Error>(screen, 'connect_error', 5000).then((e) => `refused: ${e.message}`),
    ]);
    expect(outcome).toBe('connected');
    expect(agent.connected).toBe(true);
  });
});
