// `npm run bench:voice`: how long from a clerk's call to its announcement's audio being ready for
// the caller screens, against the real compiled server process on this machine: the built-in
// synthesiser's first call after the start and later ones, a recall (cached), calls at four windows
// at once, and a voice pack; and whether rendering slows the call itself (call-next with the voice
// on and with it off). Writes the figures to docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { io as ioClient, type Socket } from 'socket.io-client';
import { loadHallConfig } from '@onewindow/config';
import { apiRequest, type CallView } from '@onewindow/protocol';
import { tone } from '../src/services/voice/testing.ts';
import { decodeWav, durationSec, encodeWav } from '../src/services/voice/wav.ts';
import { startServerProcess, type ServerProcess } from '../test/process.ts';
import { machine, writeSection } from './write-section.ts';

execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-if-stale.mjs', import.meta.url)), '--server'], { stdio: 'inherit' });

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const CALLS = arg('calls', 20);

interface Hall { srv: ServerProcess; admin: string; kiosk: string; screen: Socket; clerks: Map<string, string> }

async function hall(dir: string, voice?: object): Promise<Hall> {
  const config = loadHallConfig(join(ROOT, 'config/hall.yaml'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'hall.yaml');
  // Tickets as fast as the bench asks: not the kiosks' limit of a minute.
  writeFileSync(file, stringify({ ...config, hall: { ...config.hall, kioskTicketsPerMinute: 10_000 }, ...(voice ? { voice } : {}) }));
  const srv = await startServerProcess({ dataDir: join(dir, 'data'), config: file, script: 'serve' });
  const api = <T>(path: string, body?: unknown, token?: string) => apiRequest<T>(srv.url, path, { body, token });
  const admin = (await api<{ token: string }>('/api/auth/login', { username: 'admin', password: 'admin-password' })).token;
  const pair = async (kind: string, extra: object = {}) =>
    (await api<{ token: string }>('/api/devices/pair', { pairingCode: (await api<{ pairingCode: string }>('/api/devices', { kind, name: kind, ...extra }, admin)).pairingCode })).token;
  const screen: Socket = ioClient(srv.url, { auth: { token: await pair('display') }, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise((r) => screen.once('state', r));
  const clerks = new Map<string, string>();
  for (const w of ['W01', 'W02', 'W03', 'W04']) {
    const username = `clerk-${w}`;
    await api('/api/users', { username, password: 'password-123', name: username, role: 'clerk' }, admin);
    const token = (await api<{ token: string }>('/api/auth/login', { username, password: 'password-123' })).token;
    await api(`/api/windows/${w}/sign-in`, {}, token);
    clerks.set(w, token);
  }
  return { srv, admin, kiosk: await pair('kiosk', { kioskId: 'K1' }), screen, clerks };
}

interface Timed { callMs: number; eventMs: number; audioMs: number; audioSec: number }

/** One call at a window: call-next answered, the screen told, the audio fetched as a screen fetches it. */
async function timedCall(h: Hall, windowId: string, recall = false, issue = !recall): Promise<Timed> {
  const token = h.clerks.get(windowId)!;
  if (issue) await apiRequest(h.srv.url, '/api/tickets', { token: h.kiosk, body: { serviceId: 'biz' } });
  const event = recall ? 'ticket:recalled' : 'ticket:called';
  const t0 = performance.now();
  const heard = new Promise<{ call: CallView; at: number }>((resolve) => {
    const on = (m: { call: CallView }) => { if (m.call.windowId === windowId) { h.screen.off(event, on); resolve({ call: m.call, at: performance.now() }); } };
    h.screen.on(event, on);
  });
  await apiRequest(h.srv.url, `/api/windows/${windowId}/${recall ? 'recall' : 'call-next'}`, { token, body: {} });
  const callMs = performance.now() - t0;
  const { call, at } = await heard;
  const r = await fetch(h.srv.url + call.announcement!.audioUrl!);
  const wav = Buffer.from(await r.arrayBuffer());
  if (r.status !== 200) throw new Error(`audio ${r.status}: ${wav.toString()}`);
  return { callMs, eventMs: at - t0, audioMs: performance.now() - t0, audioSec: durationSec(decodeWav(wav)) };
}

async function serve(h: Hall, windowId: string): Promise<void> {
  const token = h.clerks.get(windowId)!;
  await apiRequest(h.srv.url, `/api/windows/${windowId}/start`, { token, body: {} });
  await apiRequest(h.srv.url, `/api/windows/${windowId}/finish`, { token, body: { outcome: 'done' } });
}

/** The synthesiser's process (the server's child), its resident memory in MiB. */
function synthRss(h: Hall): number | null {
  try {
    const pid = h.srv.child.pid!;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    const kb = children.map((c) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${c}/status`, 'utf8'))?.[1] ?? 0));
    return kb.length ? Math.round(Math.max(...kb) / 1024) : null;
  } catch {
    return null;
  }
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const ms = (x: number) => `${Math.round(x)}`;
const row = (what: string, xs: number[]) => `| ${what} | ${xs.length} | ${ms(pct(xs, 50))} | ${ms(pct(xs, 95))} | ${ms(Math.max(...xs))} |`;

async function series(h: Hall, n: number): Promise<Timed[]> {
  const out: Timed[] = [];
  for (let i = 0; i < n; i++) {
    out.push(await timedCall(h, 'W01'));
    await serve(h, 'W01');
  }
  return out;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-voice-'));
  const lines: string[] = [];
  try {
    // The built-in synthesiser.
    const synth = await hall(join(dir, 'synth'));
    const cold = await timedCall(synth, 'W01');
    await serve(synth, 'W01');
    const warm = await series(synth, CALLS);
    await timedCall(synth, 'W01');
    const recalls: Timed[] = [];
    for (let i = 0; i < 5; i++) recalls.push(await timedCall(synth, 'W01', true));
    await serve(synth, 'W01');
    const burst: Timed[] = [];
    const four = ['W01', 'W02', 'W03', 'W04'];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < four.length; i++) await apiRequest(synth.srv.url, '/api/tickets', { token: synth.kiosk, body: { serviceId: 'biz' } });
      burst.push(...await Promise.all(four.map((w) => timedCall(synth, w, false, false))));
      for (const w of four) await serve(synth, w);
    }
    const rss = synthRss(synth);
    synth.screen.close();
    await synth.srv.stop();

    // A voice pack: clips of a recorded length (300–450 ms each), joined.
    const packDir = join(dir, 'pack');
    mkdirSync(packDir);
    const clips = ['请', '号', '到', '办理', ...'0123456789', ...'ABCDEFG', 'window-W01', 'window-W02', 'window-W03', 'window-W04', 'window-W05'];
    clips.forEach((c, i) => writeFileSync(join(packDir, `${c}.wav`), encodeWav(tone(300 + i * 20, c.startsWith('window') ? 900 : 300 + (i % 4) * 50))));
    const pack = await hall(join(dir, 'pack-hall'), { pack: packDir });
    const packed = await series(pack, CALLS);
    pack.screen.close();
    await pack.srv.stop();

    // The same calls with no server voice: what call-next costs without it.
    const off = await hall(join(dir, 'off'), { source: 'browser' });
    const offCalls: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      await apiRequest(off.srv.url, '/api/tickets', { token: off.kiosk, body: { serviceId: 'biz' } });
      const t0 = performance.now();
      await apiRequest(off.srv.url, '/api/windows/W01/call-next', { token: off.clerks.get('W01')!, body: {} });
      offCalls.push(performance.now() - t0);
      await serve(off, 'W01');
    }
    off.screen.close();
    await off.srv.stop();

    lines.push(
      '## Voice (`npm run bench:voice`)',
      '',
      `Measured ${machine()}, on a machine shared with other sessions' tests (figures move by tens of percent between runs): the compiled server process as \`npm run serve\` runs it, a caller screen connected (socket.io, public feed), clerks calling at windows of the default hall (--calls=${CALLS} in each series).`,
      'Each figure runs from the clerk\'s `call-next` request to: its answer (call), the caller screen hearing `ticket:called` (screen), and the screen having the whole WAV of the announcement from `GET announcement.audioUrl`, asked for as soon as the call was heard (audio ready). The screen then plays its chime (1.4 s) before the words, so audio ready within about a second is never waited for.',
      '',
      '| what | calls | p50 ms | p95 ms | max ms |',
      '| --- | --- | --- | --- | --- |',
      `| synthesiser, the first call after the start (its process started when the clerks signed in, just before) — audio ready | 1 | ${ms(cold.audioMs)} | | |`,
      row('synthesiser, warm, a new phrase each call — audio ready', warm.map((t) => t.audioMs)),
      row('  the same calls — screen told', warm.map((t) => t.eventMs)),
      row('  the same calls — call answered', warm.map((t) => t.callMs)),
      row('recall (the same phrase, cached) — audio ready', recalls.map((t) => t.audioMs)),
      row('four windows calling at once (3 rounds) — audio ready', burst.map((t) => t.audioMs)),
      row('voice pack (clips joined) — audio ready', packed.map((t) => t.audioMs)),
      row('no server voice (`voice.source: browser`) — call answered', offCalls),
      '',
      `The announcement "请A0xx号到1号综合窗口办理" lasts ${warm[0].audioSec.toFixed(1)} s as the synthesiser says it (150 words a minute) and ${packed[0].audioSec.toFixed(1)} s from the test pack's clips. The synthesiser's process held ${rss ?? '?'} MiB resident at the end (a process of its own, apart from the server's 192 MiB heap cap; stopped after 10 idle minutes). Its start takes about 2.5 s: here the first call follows the clerks' sign-ins by well under a second and waits for most of it; in a hall, windows open minutes before their first call, which then finds the synthesiser ready.`,
    );
    writeSection('voice', lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
