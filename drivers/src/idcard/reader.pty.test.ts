// The reader driver against the emulated reader over a real pair of pseudo-terminals (socat).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../serial/pty.ts';
import { IdCardEmulator } from './emulator.ts';
import { IdCardReader, IdCardReaderError } from './reader.ts';
import { sampleCard } from './sample.ts';

describe('IdCardReader over a pty', () => {
  let pty: PtyPair;
  let emu: IdCardEmulator;
  let reader: IdCardReader;

  beforeEach(async () => {
    pty = await openPtyPair();
    emu = await IdCardEmulator.open(pty.b);
    reader = new IdCardReader({ path: pty.a, commandTimeoutMs: 800, readTimeoutMs: 2000 });
    await reader.open();
  });
  afterEach(async () => {
    await reader.close();
    await emu.close();
    await pty.close();
  });

  it('answers no-card while the reader is empty, after one find', async () => {
    expect(await reader.read()).toEqual({ kind: 'no-card' });
    expect(emu.commands).toEqual(['find']);
  });

  it('reads a card laid on it: find, select, read, every field of the text block', async () => {
    const card = sampleCard({ name: '李小红', sex: '2', validTo: '长期' });
    emu.place(card);
    const r = await reader.read();
    expect(r.kind).toBe('card');
    if (r.kind !== 'card') return;
    expect(r.text).toEqual(card);
    expect(r.photo.length).toBe(1024);
    expect(emu.commands).toEqual(['find', 'select', 'readBasic']);
    expect(await reader.samStatus()).toBe('ok');
  });

  it('reassembles a read that arrives in small pieces, and skips junk before an answer', async () => {
    emu.place(sampleCard());
    emu.inject({ splitReadInto: 37, junkBefore: [0x00, 0xaa, 0x55] });
    const r = await reader.read();
    expect(r.kind === 'card' && r.text.name).toBe('张三');
  });

  it('reports a read the card refused with the reader\'s status code', async () => {
    emu.place(sampleCard());
    emu.inject({ readStatus: 0x41 });
    await expect(reader.read()).rejects.toMatchObject({ code: 'read-failed' });
    // The next swipe works again.
    expect((await reader.read()).kind).toBe('card');
  });

  it('times out on a silent reader and on an answer with a bad checksum, then goes on', async () => {
    emu.inject({ silent: true });
    await expect(reader.read()).rejects.toBeInstanceOf(IdCardReaderError);
    emu.inject({ badChecksum: true });
    await expect(reader.read()).rejects.toMatchObject({ code: 'timeout' });
    emu.place(sampleCard());
    expect((await reader.read()).kind).toBe('card');
  });

  it('sees the line go when the cable is pulled (socat killed)', async () => {
    const lost = new Promise<string>((resolve) => reader.once('line', (s) => resolve(s)));
    await pty.close();
    expect(await lost).toBe('lost');
    await expect(reader.read()).rejects.toThrow();
  });
});
