import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface AudioCacheLimits {
  /** Rendered announcements kept in memory (bytes). */
  memoryBytes: number;
  /** And on disk, in the data folder: they survive a restart. */
  diskBytes: number;
}

export const DEFAULT_CACHE_LIMITS: AudioCacheLimits = { memoryBytes: 8 * 1024 * 1024, diskBytes: 64 * 1024 * 1024 };

const FILE = /^[0-9a-f]{24}\.wav$/;

/**
 * Rendered announcements by key, in memory and in a folder, each bounded: the least recently used
 * go first. A call's phrase is heard again at its recall and by every screen of the hall, and the
 * day's window names and prefixes repeat, so a small cache serves most requests.
 */
export class AudioCache {
  private readonly memory = new Map<string, Buffer>();
  private memoryBytes = 0;
  /** The folder's files by key, least recently used first (a Map keeps insertion order). */
  private disk: Map<string, number> | null = null;
  private diskBytes = 0;

  constructor(private readonly dir: string, private readonly limits: AudioCacheLimits = DEFAULT_CACHE_LIMITS) {}

  async get(key: string): Promise<Buffer | null> {
    const hit = this.memory.get(key);
    if (hit) {
      this.remember(key, hit);
      return hit;
    }
    const index = this.index();
    if (!index.has(key)) return null;
    try {
      const wav = await readFile(this.file(key));
      this.touchDisk(key, wav.length);
      void utimes(this.file(key), new Date(), new Date()).catch(() => {});
      this.remember(key, wav);
      return wav;
    } catch {
      this.forgetDisk(key);
      return null;
    }
  }

  async put(key: string, wav: Buffer): Promise<void> {
    this.remember(key, wav);
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.file(key)}.${process.pid}.tmp`;
      await writeFile(tmp, wav);
      await rename(tmp, this.file(key));
      this.touchDisk(key, wav.length);
      await this.prune();
    } catch {
      // A full disk costs the disk copy, never the announcement: it is in memory already.
    }
  }

  stats(): { memoryEntries: number; memoryBytes: number; diskEntries: number; diskBytes: number } {
    return { memoryEntries: this.memory.size, memoryBytes: this.memoryBytes, diskEntries: this.index().size, diskBytes: this.diskBytes };
  }

  private file(key: string): string {
    return join(this.dir, `${key}.wav`);
  }

  private remember(key: string, wav: Buffer): void {
    const old = this.memory.get(key);
    if (old) {
      this.memory.delete(key);
      this.memoryBytes -= old.length;
    }
    if (wav.length > this.limits.memoryBytes) return;
    this.memory.set(key, wav);
    this.memoryBytes += wav.length;
    for (const [k, b] of this.memory) {
      if (this.memoryBytes <= this.limits.memoryBytes) break;
      this.memory.delete(k);
      this.memoryBytes -= b.length;
    }
  }

  /** What the folder holds, read once (oldest first by time of last use) and kept up to date after. */
  private index(): Map<string, number> {
    if (this.disk) return this.disk;
    const found: { key: string; size: number; used: number }[] = [];
    try {
      for (const f of readdirSync(this.dir)) {
        if (!FILE.test(f)) continue;
        const st = statSync(join(this.dir, f));
        found.push({ key: f.slice(0, -4), size: st.size, used: st.mtimeMs });
      }
    } catch {
      // No folder yet.
    }
    found.sort((a, b) => a.used - b.used);
    this.disk = new Map(found.map((f) => [f.key, f.size]));
    this.diskBytes = found.reduce((n, f) => n + f.size, 0);
    return this.disk;
  }

  private touchDisk(key: string, size: number): void {
    const index = this.index();
    this.diskBytes -= index.get(key) ?? 0;
    index.delete(key);
    index.set(key, size);
    this.diskBytes += size;
  }

  private forgetDisk(key: string): void {
    const index = this.index();
    this.diskBytes -= index.get(key) ?? 0;
    index.delete(key);
  }

  private async prune(): Promise<void> {
    const index = this.index();
    for (const key of [...index.keys()]) {
      if (this.diskBytes <= this.limits.diskBytes) break;
      this.forgetDisk(key);
      await rm(this.file(key), { force: true });
    }
  }
}
