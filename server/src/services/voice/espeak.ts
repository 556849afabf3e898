import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Lang } from './phrase.ts';
import type { Pcm } from './wav.ts';

/** Something that turns text into Mandarin (or English) speech. */
export interface Synthesiser {
  /** Names the voice and its settings: part of every cache key, so a change never serves old audio. */
  readonly id: string;
  say(text: string, lang: Lang): Promise<Pcm>;
  /** Gets ready for the first phrase (it is slow to start), without waiting for it. */
  warm(): void;
  close(): Promise<void>;
}

const PACKAGE = '@echogarden/espeak-ng-emscripten';
const VOICES: Record<Lang, string> = { zh: 'cmn', en: 'en-us' };

function packageVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (JSON.parse(readFileSync(require.resolve(`${PACKAGE}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

interface Pending { resolve: (p: Pcm) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }

export interface EspeakOptions {
  /** Words a minute. */
  speed?: number;
  /** One phrase may take this long (a busy two-core box), else it fails and the screen falls back. */
  timeoutMs?: number;
  /** The process is stopped after this long without work, and started again on the next phrase. */
  idleMs?: number;
}

/**
 * eSpeak NG (WebAssembly, from npm: nothing to install on the system) in a child process
 * (espeak.worker.mjs). Started on the first phrase, kept while phrases come, stopped when idle;
 * a crashed or hung process fails what it held and is started again for the next phrase.
 */
export class EspeakSynthesiser implements Synthesiser {
  readonly id: string;
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;
  private readonly o: Required<EspeakOptions>;

  constructor(opts: EspeakOptions = {}) {
    this.o = { speed: opts.speed ?? 150, timeoutMs: opts.timeoutMs ?? 20_000, idleMs: opts.idleMs ?? 10 * 60_000 };
    this.id = `espeak-ng-wasm@${packageVersion()}/${this.o.speed}wpm`;
  }

  async say(text: string, lang: Lang): Promise<Pcm> {
    this.touch();
    await this.start();
    const id = this.nextId++;
    return new Promise<Pcm>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the synthesiser took over ${this.o.timeoutMs} ms`));
        // A hung engine holds every later phrase: start afresh.
        this.stop();
      }, this.o.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.child!.send({ id, text, voice: VOICES[lang], speed: this.o.speed });
    });
  }

  warm(): void {
    this.touch();
    this.start().catch(() => { /* said again by the phrase that needs it */ });
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    this.stop();
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = fileURLToPath(new URL('./espeak.worker.mjs', import.meta.url));
    // execArgv: [] — not the server's heap cap or a test runner's loaders; the engine needs its own memory.
    const child = fork(worker, [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error('the synthesiser did not start within 30 s')); this.stop(); }, 30_000);
      child.on('message', (m: { ready?: true; id?: number; sampleRate?: number; samples?: Int16Array; error?: string }) => {
        if (m.ready) {
          clearTimeout(timer);
          resolve();
          return;
        }
        const p = this.pending.get(m.id!);
        if (!p) return;
        this.pending.delete(m.id!);
        clearTimeout(p.timer);
        if (m.error !== undefined || !m.samples) p.reject(new Error(`the synthesiser failed: ${m.error}`));
        else p.resolve({ sampleRate: m.sampleRate!, samples: m.samples });
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        const err = new Error(`the synthesiser stopped (${signal ?? code})${stderr ? `: ${stderr.trim()}` : ''}`);
        reject(err);
        if (this.child === child) {
          this.child = null;
          this.ready = null;
        }
        for (const [id, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(err);
          this.pending.delete(id);
        }
      });
      child.on('error', () => { /* reported by 'exit' */ });
    });
    // The server does not wait for this process to end.
    child.unref();
    child.channel?.unref();
    return this.ready;
  }

  private stop(): void {
    const c = this.child;
    this.child = null;
    this.ready = null;
    if (c && c.exitCode === null) c.kill();
  }

  private touch(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => { if (this.pending.size === 0) this.stop(); }, this.o.idleMs);
    this.idle.unref();
  }
}
