// Runs in a worker thread (checkpointer.ts): copies the WAL back into the database file from a
// connection of its own, so the hall's connection never stops to do it inside a COMMIT.
// Plain JavaScript: a worker thread does not inherit the TypeScript loader in every runner.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = workerData;
let db = null;
const checkpoint = () => {
  try {
    db ??= new Database(file, { fileMustExist: true, timeout: 1000 });
    // PASSIVE: copies what it can without waiting for, or blocking, the hall's writer.
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpoint', ...r });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String(err?.message ?? err) });
  }
};
const timer = setInterval(checkpoint, intervalMs);
parentPort.on('message', (m) => {
  if (m === 'now') checkpoint();
  if (m !== 'stop') return;
  clearInterval(timer);
  try { db?.close(); } catch { /* closing anyway */ }
  parentPort.close();
});
