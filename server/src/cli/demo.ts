// `npm run demo`: a hall that runs itself, to see every screen alive within a minute.
//
//   npm run demo [-- --port 8080] [--host 127.0.0.1] [--speed 8] [--every 6] [--data DIR] [--sources] [--quiet]
//
// Starts the hall server on the default configuration (config/hall.yaml) in a data folder of its
// own (demo-data/, made afresh each time), sets the hall up through the HTTP API (a supervisor, a
// clerk per window, devices), prints the address of every page already carrying its pairing code,
// and plays a stream of visitors: the kiosk issues, clerks call, serve and finish, pads rate.
// Ctrl-C stops both. `--sources` runs the server from its TypeScript sources (tests) instead of
// the compiled build `npm run demo` makes first.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startActors, type DemoEvent } from './demo/actors.ts';
import { demoPassword, setUpHall, type DemoHall } from './demo/hall-setup.ts';
import { freePort, startHall } from './demo/server-process.ts';
import { demoVisitors } from './demo/visitors.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Left in the data folder so that a later run knows it may wipe it. */
const MARKER = '.onewindow-demo';

const { values: o } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    speed: { type: 'string', default: '8' },
    every: { type: 'string', default: '6' },
    data: { type: 'string', default: join(ROOT, 'demo-data') },
    sources: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});

function freshDataFolder(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, MARKER))) {
    console.error(`${dir} is not empty and was not made by the demo: give another folder with --data`);
    process.exit(1);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'made by npm run demo; wiped by the next run\n');
}

function banner(url: string, hall: DemoHall, adminPassword: string): string {
  const p = hall.pages;
  const rows = (list: { url: string }[]) => list.map((x, i) => `    ${hall.windows[i].id}  ${x.url}`).join('\n');
  const clerks = [...hall.clerks.entries()].map(([w, c]) => `${w} ${c.username} / ${c.password}`);
  return [
    '',
    `一窗 OneWindow demo: a hall running by itself on ${url}`,
    '',
    '  Open these in a browser (each address pairs one browser, once):',
    `    叫号大屏 caller screen    ${p.caller.url}`,
    `    取号机 kiosk              ${p.kiosk.url}`,
    '  窗口屏 window screens:',
    rows(p.windowScreens),
    '  评价器 pads:',
    rows(p.pads),
    '',
    `  监控大屏 supervisors' wall  ${url}/display/supervisor/   sign in: ${hall.supervisor.username} / ${hall.supervisor.password}`,
    `  窗口终端 clerk terminal     ${url}/counter/   clerks (one per window): ${clerks.slice(0, 2).join(', ')}, … (all in demo.json)`,
    `  管理 admin                  ${url}/display/supervisor/   sign in: admin / ${adminPassword}`,
    '',
    '  The caller screen speaks each call (server-rendered Mandarin); click it once if the browser holds sound.',
    '  Ctrl-C stops the demo.',
    '',
  ].join('\n');
}

function say(e: DemoEvent): string | null {
  const time = new Date().toTimeString().slice(0, 8);
  switch (e.kind) {
    case 'called': return `${time}  ${e.windowId} 叫号 ${e.number}`;
    case 'rated': return `${time}  ${e.windowId} 评价 ${e.number}: ${e.score}`;
    case 'paused': return `${time}  ${e.windowId} 暂停`;
    case 'problem': return `${time}  (${e.what}: ${e.error})`;
    default: return null;
  }
}

async function main(): Promise<void> {
  const data = resolve(o.data!);
  freshDataFolder(data);
  const host = o.host!;
  const port = o.port === '0' ? await freePort(host) : Number(o.port);
  const speed = Number(o.speed);
  const everySec = Number(o.every);
  if (!(port > 0) || !(speed > 0) || !(everySec > 0)) throw new Error('--port, --speed and --every take positive numbers');

  const adminPassword = demoPassword();
  const server = await startHall({
    root: ROOT, script: o.sources ? 'dev' : 'serve', host, port, log: (l) => console.error(l),
    env: { ONEWINDOW_DATA: data, ONEWINDOW_ADMIN_PASSWORD: adminPassword, ONEWINDOW_IGNORE_HOURS: '1', ONEWINDOW_CONFIG: join(ROOT, 'config/hall.yaml') },
  });
  let actors: ReturnType<typeof startActors> | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    actors?.stop();
    await server.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  server.child.once('exit', (code) => { if (!stopping) { console.error(`the hall server stopped (${code})`); void stop(1); } });

  const hall = await setUpHall(server.url, adminPassword);
  writeFileSync(join(data, 'demo.json'), JSON.stringify({
    url: server.url, admin: { username: 'admin', password: adminPassword }, supervisor: hall.supervisor,
    clerks: Object.fromEntries([...hall.clerks].map(([w, c]) => [w, { username: c.username, password: c.password }])), pages: hall.pages,
  }, null, 2));
  console.log(banner(server.url, hall, adminPassword));
  actors = startActors(server.url, hall, demoVisitors(hall.services, { speed, everySec }), (e) => {
    const line = o.quiet && e.kind !== 'problem' ? null : say(e);
    if (line) console.log(line);
  });
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
