// A kiosk's ID-card reader on the kiosk computer, through the device agent: the server process, the
// agent process with --idcard on one end of a socat pty pair, and an emulated GA 467 reader on the
// other. The hall file names the agent's line (`idCard.readers[].serial: {agent: ID}`) and is
// applied with SIGHUP. The kiosk reads a card and takes a real-name ticket over HTTP as it would
// with a reader on the server's own port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHallConfig } from '@onewindow/config';
import { IdCardEmulator, sampleCard } from '@onewindow/drivers/idcard';
import { openPtyPair } from '@onewindow/drivers/serial';
import { apiRequest, type AgentView, type IdReaderView } from '@onewindow/protocol';
import { newAgentDevice, pairedDevice, startAgentProcess, writeConfig, type AgentProcess } from './agent-process.ts';
import { DEFAULT_CONFIG, refused, undoAfterEach, until } from './helper.ts';
import { startServerProcess } from './process.ts';

const afterTest = undoAfterEach();

describe('an ID-card reader through a device agent', () => {
  it('reads a card on the kiosk computer\'s reader for a real-name ticket, and says plainly when the agent or its --idcard is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-agent-idcard-'));
    afterTest(() => rmSync(dir, { recursive: true, force: true }));
    const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
    config.services.find((s) => s.id === 'prop')!.realName = 'required';
    const file = writeConfig(join(dir, 'hall.json'), config);
    const srv = await startServerProcess({ dataDir: join(dir, 'data'), config: file });
    afterTest(() => srv.stop('SIGKILL'));
    const { admin, id, pairingCode } = await newAgentDevice(srv, 'K1 电脑', 'K1');
    const kiosk = await pairedDevice(srv, admin, { kind: 'kiosk', name: 'K1 屏幕', kioskId: 'K1' });

    config.idCard = { readers: [{ id: 'R1', name: '入口取号机读卡器', kioskId: 'K1', serial: { agent: id } }] };
    writeConfig(file, config);
    srv.child.kill('SIGHUP');
    await until('the reload', () => srv.output().includes('configuration reloaded'));

    const read = (waitSec: number) => apiRequest<{ card: any }>(srv.url, '/api/id-cards/read', { token: kiosk, body: { waitSec } });
    const reader = async () => (await apiRequest<{ readers: IdReaderView[] }>(srv.url, '/api/id-cards/readers', { token: kiosk })).readers[0];

    // No agent yet: the kiosk is told the reader is away (it offers the guide desk), not made to wait.
    expect(await refused(read(1))).toEqual({ status: 503, code: 'READER_OFFLINE' });
    expect(await reader()).toMatchObject({ id: 'R1', state: 'no-line' });

    const pty = await openPtyPair();
    afterTest(() => pty.close());
    const card = await IdCardEmulator.open(pty.b);
    afterTest(() => card.close());
    const state = join(dir, 'agent-state');

    // An agent started without --idcard is told by the hall what it lacks; the read says so too.
    let agent: AgentProcess = startAgentProcess(['--server', srv.url, '--pair', pairingCode, '--state', state, '--printer', `file:${join(dir, 'slips')}`]);
    afterTest(() => agent.stop('SIGKILL'));
    await agent.waitFor(/started without --idcard/);
    const without = await read(1).catch((e) => e);
    expect(without).toMatchObject({ status: 503, code: 'READER_OFFLINE' });
    expect(without.message).toContain('started without --idcard');
    expect(await agent.stop('SIGTERM')).toBe(0);

    agent = startAgentProcess(['--server', srv.url, '--state', state, '--idcard', pty.a]);
    await agent.waitFor(/connected to/);
    await until('the agent ready', async () => {
      const agents = (await apiRequest<{ agents: AgentView[] }>(srv.url, '/api/agents', { token: admin })).agents;
      return agents.some((a) => a.id === id && a.idcard === `${pty.a}@115200`);
    });

    // A card laid on the reader while the kiosk waits: read through the agent, masked, and a
    // real-name ticket issued with it. The ID number never leaves the server.
    const alice = sampleCard({ name: '王小明', seq: '471' });
    const reading = read(5);
    await new Promise((r) => setTimeout(r, 400));
    card.place(alice);
    const got = (await reading).card;
    expect(got).toMatchObject({ readerId: 'R1', name: '王*明', idMasked: `${alice.idNumber.slice(0, 3)}***********${alice.idNumber.slice(-4)}` });
    expect(JSON.stringify(got)).not.toContain(alice.idNumber);
    expect(card.commands).toEqual(expect.arrayContaining(['find', 'select', 'readBasic']));
    const { ticket } = await apiRequest<{ ticket: any }>(srv.url, '/api/tickets', { token: kiosk, body: { serviceId: 'prop', idCard: got.token } });
    expect(ticket).toMatchObject({ serviceId: 'prop', visitor: { name: '王*明', idMasked: got.idMasked } });
    expect(await reader()).toMatchObject({ state: 'ok' });

    // The agent dies: the reader's line is down, in words naming the agent, and reads fail fast.
    agent.child.kill('SIGKILL');
    await until('the line down', async () => (await reader()).state === 'no-line');
    expect((await reader()).detail).toContain('设备代理“K1 电脑”的读卡器线路已断开');
    expect(await refused(read(1))).toEqual({ status: 503, code: 'READER_OFFLINE' });

    // Back: the same card reads again, and the hall knows this person already holds the ticket.
    agent = startAgentProcess(['--server', srv.url, '--state', state, '--idcard', pty.a]);
    await agent.waitFor(/connected to/);
    let again: any = null;
    await until('a read after the agent came back', async () => {
      again = (await read(2).catch(() => ({ card: null }))).card;
      return again !== null;
    }, 20_000);
    expect(again.tickets).toEqual([{ number: ticket.number, serviceId: 'prop', status: 'waiting' }]);
    expect(await agent.stop('SIGTERM')).toBe(0);
  }, 120_000);
});
