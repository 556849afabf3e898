import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';

/**
 * Which hall file the server reads and which one the admin console writes.
 *
 * The rule: the console never writes the repository's tracked default file (`config/hall.yaml`).
 * When the server runs on that default (no ONEWINDOW_CONFIG, or ONEWINDOW_CONFIG naming it), the
 * console saves to `hall.yaml` in the data folder, and every later start (and SIGHUP) loads that
 * file in preference to the default. When the server runs on an operator's own file
 * (ONEWINDOW_CONFIG=/etc/onewindow/hall.yaml), the console edits that file in place. Either way the
 * YAML is edited as a document, so the operator's comments and layout stay, and each previous
 * version is kept in the data folder's `config-backups/`.
 */
export interface HallFiles {
  /** The file the configuration is read from now. */
  read: string;
  /** The file the console writes. */
  write: string;
  /** Where previous versions go. */
  backups: string;
}

/** The data folder's copy of a hall file the console saved while the server ran on the default. */
export const SAVED_HALL_FILE = 'hall.yaml';
/** How many previous versions are kept. */
const KEEP_BACKUPS = 20;

export function hallFiles(o: { configured: string; defaultFile: string; dataDir: string }): HallFiles {
  const backups = join(o.dataDir, 'config-backups');
  if (resolve(o.configured) !== resolve(o.defaultFile)) return { read: o.configured, write: o.configured, backups };
  const saved = join(o.dataDir, SAVED_HALL_FILE);
  return { read: existsSync(saved) ? saved : o.configured, write: saved, backups };
}

/**
 * The new configuration written over the text it came from: YAML through its document (comments,
 * key order, quoting and flow style kept wherever the value did not change), JSON as JSON.
 */
export function renderHallFile(file: string, previousText: string | null, next: unknown, note?: string): string {
  if (extname(file).toLowerCase() === '.json') return JSON.stringify(next, null, 2) + '\n';
  const doc = parseDocument(previousText ?? '');
  if (doc.errors.length > 0 || doc.contents === null) {
    const fresh = parseDocument('{}');
    fresh.contents = fresh.createNode(next) as typeof fresh.contents;
    if (note) fresh.commentBefore = note;
    return fresh.toString({ lineWidth: 0, flowCollectionPadding: false });
  }
  doc.contents = merged(doc, doc.contents, next) as typeof doc.contents;
  // The note goes on top once: where the parser attached a comment already there varies, so the text is asked.
  const written = note?.split('\n').map((l) => `#${l}`).join('\n');
  if (note && written && !(previousText ?? '').includes(written)) doc.commentBefore = doc.commentBefore ? `${note}\n${doc.commentBefore}` : note;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `node` changed in place to hold `value`, or a new node where the shapes differ. */
function merged(doc: Document, node: unknown, value: unknown): unknown {
  if (isObject(value) && isMap(node)) {
    for (const pair of [...node.items]) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof key !== 'string' || !(key in value) || value[key] === undefined) node.delete(pair.key);
    }
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const current = node.get(key, true);
      if (current === undefined) node.set(doc.createNode(key), doc.createNode(v));
      else {
        const next = merged(doc, current, v);
        if (next !== current) node.set(key, next);
      }
    }
    return node;
  }
  if (Array.isArray(value) && isSeq(node)) {
    // Items with an id (services, windows, kiosks) follow their id, so that a comment on one stays
    // with it when others are added, removed or reordered; other lists go by position.
    const byId = new Map<unknown, unknown>();
    for (const item of node.items) if (isMap(item) && item.has('id')) byId.set(item.get('id'), item);
    const old = [...node.items];
    node.items = value.map((v, i) => {
      const match = isObject(v) && 'id' in v ? byId.get(v.id) : old[i];
      return match === undefined ? doc.createNode(v) : merged(doc, match, v);
    }) as typeof node.items;
    return node;
  }
  if (isScalar(node) && !isObject(value) && !Array.isArray(value)) {
    if (node.value !== value) node.value = value;
    return node;
  }
  return doc.createNode(value);
}

/** Writes to a temporary file beside it, flushes it to disk, then renames it over the target. */
export function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** Keeps `text` (the version being replaced) in the backups folder; the oldest beyond the limit go. */
export function keepBackup(dir: string, file: string, text: string, now: Date): string {
  mkdirSync(dir, { recursive: true });
  const ext = extname(file) || '.yaml';
  const stem = basename(file, ext);
  const name = `${stem}-${now.toISOString().replace(/[:.]/g, '-')}${ext}`;
  writeAtomically(join(dir, name), text);
  const all = readdirSync(dir).filter((f) => f.startsWith(`${stem}-`) && f.endsWith(ext)).sort();
  for (const old of all.slice(0, Math.max(0, all.length - KEEP_BACKUPS))) rmSync(join(dir, old), { force: true });
  return join(dir, name);
}

export function readText(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}
