// The file-backed virtual printer: the default when a kiosk has no printer configured.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrinter, decode, largestText, type Printer } from '../../src/printer/index.ts';
import { sampleTicket } from '../../src/printer/sample.ts';

const dirs: string[] = [];
const printers: Printer[] = [];
afterEach(async () => {
  for (const p of printers.splice(0)) await p.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function tempDir() {
  const d = await mkdtemp(path.join(os.tmpdir(), 'ow-printer-'));
  dirs.push(d);
  return d;
}
const fast = { pollIntervalMs: 50, statusTimeoutMs: 200 };

describe('file printer', () => {
  it('writes each job as raw bytes plus a text rendering read back from those bytes', async () => {
    const dir = await tempDir();
    const printer = createPrinter({ type: 'file', file: { path: dir }, width: 32 }, { id: 'K1', ...fast });
    printers.push(printer);
    const r1 = await printer.enqueue(sampleTicket()).done;
    const r2 = await printer.enqueue(sampleTicket({ number: 'A013', ahead: 4 })).done;
    expect([r1.status, r2.status]).toEqual(['printed', 'printed']);
    expect(printer.status?.state).toBe('ok'); // the virtual printer answers DLE EOT: online, paper ok

    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(4);
    expect(files.filter((f) => f.endsWith('.bin'))).toEqual([expect.stringMatching(/-A012-\d+\.bin$/), expect.stringMatching(/-A013-\d+\.bin$/)]);
    const bin = await readFile(path.join(dir, files.find((f) => f.includes('A013') && f.endsWith('.bin')) ?? ''));
    expect(bin.subarray(0, 2)).toEqual(Buffer.from([0x1b, 0x40]));
    expect(largestText(decode(bin))).toBe('A013');
    const txt = await readFile(path.join(dir, files.find((f) => f.includes('A013') && f.endsWith('.txt')) ?? ''), 'utf8');
    expect(txt).toContain('A   0   1   3');
    expect(txt).toContain('不  动  产  登  记');
    expect(txt).toContain('前面还有 4 人');
    expect(txt).toContain('[QR https://q.example.gov.cn/t/20261123-A012]');
    expect(Math.max(...txt.split('\n').filter((l) => !l.startsWith('[QR')).map((l) => [...l].length))).toBeLessThanOrEqual(32);
  });

  it('is what a kiosk without printer config gets, under <dataDir>/printer/<id>', async () => {
    const dataDir = await tempDir();
    const printer = createPrinter(undefined, { id: 'K2', dataDir, ...fast });
    printers.push(printer);
    expect(printer.kind).toBe('file');
    expect((await printer.enqueue(sampleTicket()).done).status).toBe('printed');
    expect((await readdir(path.join(dataDir, 'printer', 'K2'))).length).toBe(2);
  });

  it('type none skips jobs and writes nothing', async () => {
    const printer = createPrinter({ type: 'none' }, { id: 'K3' });
    printers.push(printer);
    expect(await printer.enqueue(sampleTicket()).done).toMatchObject({ status: 'skipped' });
  });

  it('rejects incomplete configs with the printer named', () => {
    expect(() => createPrinter({ type: 'network' }, { id: 'K4' })).toThrow(/K4.*host/);
    expect(() => createPrinter({ type: 'serial' }, { id: 'K5' })).toThrow(/K5.*serial\.path/);
  });
});
