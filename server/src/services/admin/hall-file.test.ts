import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hallFiles, keepBackup, renderHallFile } from './hall-file.ts';

const TEXT = `# The hall file of a test hall.
hall:
  name: 测试大厅 # the name on every screen
  timezone: Asia/Shanghai
  holidays: ["2027-01-01"]
services:
  # Business first: the kiosk shows them in this order.
  - id: biz
    name: 企业开办
    prefix: A
    targetWaitSec: 1200
  - id: tax # taxes
    name: 税务
    prefix: B
    targetWaitSec: 900
`;

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'ow-hall-file-'));
  dirs.push(d);
  return d;
};
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('writing the hall file as a document', () => {
  it('keeps every comment, and the comment of a service follows it when the list changes', () => {
    const next = parse(TEXT);
    next.hall.holidays.push('2027-05-01');
    next.services = [{ ...next.services[1], targetWaitSec: 600 }, { id: 'fund', name: '公积金', prefix: 'F', targetWaitSec: 900 }, next.services[0]];
    const out = renderHallFile('hall.yaml', TEXT, next);
    expect(parse(out)).toEqual(next);
    for (const c of ['# The hall file of a test hall.', '# the name on every screen', '# Business first', '# taxes']) expect(out).toContain(c);
    // The tax service kept its own comment although it moved to the front.
    expect(out).toMatch(/- id: tax # taxes\n\s+name: 税务/);
    expect(out).toContain('holidays: ["2027-01-01", 2027-05-01]');
  });

  it('drops what the new configuration leaves out, and writes nothing new where nothing changed', () => {
    const same = renderHallFile('hall.yaml', TEXT, parse(TEXT));
    expect(same).toBe(TEXT);
    const fewer = parse(TEXT);
    delete fewer.hall.holidays;
    expect(renderHallFile('hall.yaml', TEXT, fewer)).not.toContain('holidays');
  });

  it('puts a note at the top of a copy once, and writes JSON files as JSON', () => {
    const once = renderHallFile('hall.yaml', TEXT, parse(TEXT), ' Saved by the console.');
    expect(once.startsWith('# Saved by the console.\n')).toBe(true);
    expect(renderHallFile('hall.yaml', once, parse(TEXT), ' Saved by the console.')).toBe(once);
    expect(JSON.parse(renderHallFile('hall.json', null, { a: 1 }))).toEqual({ a: 1 });
  });
});

describe('which hall file the console writes', () => {
  it('never the repository\'s default: its saves go to the data folder, read from there once they exist', () => {
    const data = tmp();
    const defaultFile = join(tmp(), 'hall.yaml');
    const fresh = hallFiles({ configured: defaultFile, defaultFile, dataDir: data });
    expect(fresh).toEqual({ read: defaultFile, write: join(data, 'hall.yaml'), backups: join(data, 'config-backups') });
    writeFileSync(join(data, 'hall.yaml'), TEXT);
    expect(hallFiles({ configured: defaultFile, defaultFile, dataDir: data }).read).toBe(join(data, 'hall.yaml'));
  });

  it('an operator\'s own file in place, whatever the data folder holds', () => {
    const data = tmp();
    writeFileSync(join(data, 'hall.yaml'), TEXT);
    const own = join(tmp(), 'my-hall.yaml');
    expect(hallFiles({ configured: own, defaultFile: '/repo/config/hall.yaml', dataDir: data })).toEqual({ read: own, write: own, backups: join(data, 'config-backups') });
  });

  it('keeps previous versions in the backups folder, the oldest beyond twenty removed', () => {
    const dir = join(tmp(), 'config-backups');
    for (let i = 0; i < 22; i++) keepBackup(dir, '/x/hall.yaml', `version ${i}\n`, new Date(Date.UTC(2026, 10, 23, 9, i)));
    const kept = readdirSync(dir).sort();
    expect(kept).toHaveLength(20);
    expect(readFileSync(join(dir, kept[0]), 'utf8')).toBe('version 2\n');
    expect(kept[19]).toBe('hall-2026-11-23T09-21-00-000Z.yaml');
  });
});
