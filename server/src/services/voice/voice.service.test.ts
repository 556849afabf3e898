import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadHallConfig } from '@onewindow/config';
import type { HallService } from '../hall/hall.service.ts';
import type { Committed } from '../hall/log-events.ts';
import type { Synthesiser } from './espeak.ts';
import { tone } from './testing.ts';
import { VoiceService } from './voice.service.ts';

/**
 * When the service renders ahead of the screens: the synthesiser is started when windows open in a
 * hall with caller screens (not after close), and a flood of calls renders only a few ahead. The
 * hall is reduced to what the service reads (its commits and its tickets); the synthesiser counts
 * what it is asked and answers when the test says so. The real synthesiser and server are in
 * server/test/voice.test.ts.
 */
const CONFIG = loadHallConfig(fileURLToPath(new URL('../../../../config/hall.yaml', import.meta.url)));
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function setup(screens = true) {
  const listeners: ((b: Committed[]) => void)[] = [];
  const tickets = new Map<string, { number: string }>();
  const hall = { onCommit: (fn: (b: Committed[]) => void) => { listeners.push(fn); return () => listeners.splice(listeners.indexOf(fn), 1); }, state: { tickets } };
  const held: (() => void)[] = [];
  const synth: Synthesiser & { warmed: number; said: string[] } = {
    id: 'counting', warmed: 0, said: [],
    warm() { this.warmed++; },
    say(text) { this.said.push(text); return new Promise((resolve) => held.push(() => resolve(tone(440, 100)))); },
    async close() {},
  };
  const dir = mkdtempSync(join(tmpdir(), 'ow-voice-svc-'));
  dirs.push(dir);
  const voice = new VoiceService({
    hall: hall as unknown as HallService, config: structuredClone(CONFIG), dataDir: dir, root: dir, screens: () => screens, synthesiser: synth,
  });
  const commit = (...events: object[]) => { for (const l of [...listeners]) l(events.map((event, i) => ({ seq: i + 1, event, actor: null }) as unknown as Committed)); };
  const tick = () => new Promise((r) => setImmediate(r));
  return { voice, synth, tickets, commit, tick, held };
}

describe('the voice service, ahead of the screens', () => {
  it('starts the synthesiser when a window opens in a hall with caller screens, and not once closed', async () => {
    const s = setup();
    s.voice.start();
    const atStart = s.synth.warmed;
    s.commit({ type: 'window.signed-in', windowId: 'W01' });
    await s.tick();
    expect(s.synth.warmed).toBe(atStart + 1);
    // A sign-in just before the server stops: its warm-up runs a tick later, after close().
    s.commit({ type: 'window.signed-in', windowId: 'W02' });
    await s.voice.close();
    await s.tick();
    expect(s.synth.warmed).toBe(atStart + 1);
  });

  it('does not start it for a hall without caller screens', async () => {
    const s = setup(false);
    s.voice.start();
    s.commit({ type: 'window.signed-in', windowId: 'W01' });
    await s.tick();
    expect(s.synth.warmed).toBe(0);
    await s.voice.close();
  });

  it('renders at most four calls ahead of the screens under a flood; the rest when a screen asks', async () => {
    const s = setup();
    s.voice.start();
    const calls = Array.from({ length: 10 }, (_, i) => ({ type: 'ticket.called', ticketId: `t${i}`, windowId: 'W01' }));
    calls.forEach((c, i) => s.tickets.set(c.ticketId, { number: `A${String(i + 1).padStart(3, '0')}` }));
    s.commit(...calls);
    for (let i = 0; i < 5; i++) await s.tick();
    expect(s.synth.said).toHaveLength(4);
    // Those finish (and are cached, on disk too): a later call is rendered ahead again. It is
    // committed until it is (a recall says the same phrase, rendered once).
    for (const done of s.held.splice(0)) done();
    s.tickets.set('t10', { number: 'A011' });
    await vi.waitFor(() => {
      s.commit({ type: 'ticket.recalled', ticketId: 't10', windowId: 'W01' });
      expect(s.synth.said).toHaveLength(5);
    }, { timeout: 5000, interval: 20 });
    for (let i = 0; i < 5; i++) await s.tick();
    expect(s.synth.said).toHaveLength(5);
    expect(s.synth.said[4]).toContain('零一一');
    // A call not rendered ahead is rendered when a screen asks for it.
    const url = s.voice.announcement('A010', 'W01').audioUrl!;
    const asked = s.voice.audio(url.slice('/api/announcements/'.length, -4));
    for (let i = 0; i < 5; i++) await s.tick();
    expect(s.synth.said).toHaveLength(6);
    for (const done of s.held.splice(0)) done();
    expect((await asked)!.subarray(0, 4).toString()).toBe('RIFF');
    await s.voice.close();
  });

  it('renders ahead at most about one call a second under a flood that goes on', async () => {
    const s = setup();
    s.voice.start();
    const flood = (from: number, n: number) => {
      const calls = Array.from({ length: n }, (_, i) => ({ type: 'ticket.called', ticketId: `f${from + i}`, windowId: 'W01' }));
      calls.forEach((c, i) => s.tickets.set(c.ticketId, { number: `B${String(from + i).padStart(3, '0')}` }));
      s.commit(...calls);
    };
    flood(1, 10);
    for (let i = 0; i < 5; i++) await s.tick();
    expect(s.synth.said).toHaveLength(4);
    for (const done of s.held.splice(0)) done();
    // The four are rendered and free; the next calls at once find the pace spent.
    await vi.waitFor(() => expect((s.voice as unknown as { ahead: number }).ahead).toBe(0));
    flood(11, 10);
    for (let i = 0; i < 5; i++) await s.tick();
    expect(s.synth.said.length).toBeLessThanOrEqual(5);
    // A second on, one more.
    await new Promise((r) => setTimeout(r, 1100));
    const before = s.synth.said.length;
    flood(21, 10);
    for (let i = 0; i < 5; i++) await s.tick();
    expect(s.synth.said.length - before).toBeGreaterThanOrEqual(1);
    expect(s.synth.said.length - before).toBeLessThanOrEqual(2);
    for (const done of s.held.splice(0)) done();
    await s.voice.close();
  });
});
