// The agent's record of jobs on a real file: what survives a crash and what is forgotten.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobJournal } from './journal.ts';
import { AgentState } from './state.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-agent-'));
  dirs.push(d);
  return d;
};

describe('JobJournal', () => {
  it('remembers, across a reopen, which jobs went out and how they ended', () => {
    const file = path.join(tmp(), 'jobs.log');
    const j = new JobJournal(file);
    j.begin('a'); j.written('a'); j.done('a', 'printed');
    j.begin('b'); j.written('b');
    j.begin('c');
    j.begin('d'); j.done('d', 'expired');
    j.close(); // as after kill -9: no more than what was appended
    const again = new JobJournal(file);
    expect(again.get('a')).toMatchObject({ step: 'done', outcome: 'printed' });
    expect(again.isFinished('b')).toBe(true); // its bytes went out: never written again
    expect(again.get('c')).toMatchObject({ step: 'begun' }); // interrupted before: printed again
    expect(again.isFinished('c')).toBe(false);
    expect(again.get('d')).toMatchObject({ step: 'done', outcome: 'expired' });
    expect(() => again.begin('b')).toThrow(/already written/);
    again.close();
  });

  it('reads past a line torn by a crash, and forgets jobs older than it keeps', () => {
    const file = path.join(tmp(), 'jobs.log');
    const now = Date.now();
    fs.writeFileSync(file, `D old ${now - 3 * 24 * 3600_000} printed\nB x ${now}\nW x ${now}\nD y ${now} printed\nW z`);
    const j = new JobJournal(file, { now: () => now });
    expect(j.get('old')).toBeUndefined();
    expect(j.isFinished('x')).toBe(true);
    expect(j.get('y')).toMatchObject({ outcome: 'printed' });
    expect(j.get('z')).toBeUndefined(); // the torn last line
    expect(j.size).toBe(2);
    j.close();
    expect(fs.readFileSync(file, 'utf8')).not.toContain('old');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses ids it could not read back', () => {
    const j = new JobJournal(path.join(tmp(), 'jobs.log'));
    expect(() => j.begin('a b')).toThrow();
    expect(() => j.begin('x'.repeat(65))).toThrow();
    j.close();
  });
});

describe('AgentState', () => {
  it('keeps the token 0600 in its folder and lets one agent at a time use it', () => {
    const dir = path.join(tmp(), 'state');
    const s = new AgentState(dir);
    s.lock();
    expect(() => new AgentState(dir).lock()).not.toThrow(); // the same process may retake its own lock
    s.saveIdentity({ token: 't0k', deviceId: 'd1', name: 'K1 agent', server: 'http://hall', pairedAt: '2026-11-23T10:00:00+08:00' });
    expect(new AgentState(dir).identity()).toMatchObject({ token: 't0k', deviceId: 'd1' });
    if (process.platform !== 'win32') {
      expect(fs.statSync(path.join(dir, 'device.json')).mode & 0o777).toBe(0o600);
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    }
    s.unlock();
  });

  it('refuses a folder locked by a running process and takes over one left by a dead process', () => {
    const dir = path.join(tmp(), 'state');
    const s = new AgentState(dir);
    const boot = Math.round((Date.now() / 1000 - os.uptime()) / 60);
    fs.writeFileSync(path.join(dir, 'agent.lock'), `${process.ppid} ${boot}`); // our parent: running
    expect(() => s.lock()).toThrow(/another agent/);
    fs.writeFileSync(path.join(dir, 'agent.lock'), `${process.ppid} ${boot - 600}`); // same pid, an earlier boot
    expect(() => s.lock()).not.toThrow();
    s.unlock();
    fs.writeFileSync(path.join(dir, 'agent.lock'), `2147483646 ${boot}`); // no such process
    expect(() => s.lock()).not.toThrow();
    s.unlock();
  });

  it('says what to do with an unreadable token file', () => {
    const dir = path.join(tmp(), 'state');
    const s = new AgentState(dir);
    fs.writeFileSync(path.join(dir, 'device.json'), '{half');
    expect(() => s.identity()).toThrow(/pair again/);
  });
});
