// A flood of raw WebSocket handshakes, as an attacker on the network would send them: each one a
// TCP connection with an HTTP upgrade to /socket.io/, kept open, never saying who it is. Run as a
// child process by flood.test.ts: `node --import tsx flood-client.ts PORT ADDRESSES PER_ADDRESS`.
// Prints one JSON line once every attempt has been answered, refused or dropped (or after 20 s),
// then holds what it got until it is killed.
import { connect, type Socket } from 'node:net';

const [port, addresses, perAddress] = [Number(process.argv[2]), process.argv[3].split(','), Number(process.argv[4])];
const held: Socket[] = [];
const tally = { attempted: 0, upgraded: 0, refused: 0, dropped: 0, pending: 0, open: 0 };
let settled = 0;
const total = addresses.length * perAddress;

function done(kind: 'upgraded' | 'refused' | 'dropped'): void {
  tally[kind]++;
  // Once all are answered, a moment for the server to close what it evicted.
  if (++settled === total) setTimeout(report, 500);
}

let reported = false;
function report(): void {
  if (reported) return;
  reported = true;
  tally.pending = total - settled;
  tally.open = held.filter((s) => !s.destroyed).length;
  process.stdout.write(`${JSON.stringify(tally)}\n`);
}

let i = 0;
function next(): void {
  // A few hundred at a time, as fast as the loopback takes them.
  for (let n = 0; n < 200 && i < total; n++, i++) {
    const localAddress = addresses[i % addresses.length];
    const s = connect({ port, host: '127.0.0.1', localAddress });
    tally.attempted++;
    let answered = false;
    s.on('connect', () => {
      s.write(`GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${Buffer.from(String(i).padStart(16, '0')).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    s.once('data', (d) => {
      answered = true;
      if (d.toString('latin1').startsWith('HTTP/1.1 101')) {
        held.push(s);
        done('upgraded');
      } else done('refused');
    });
    s.on('error', () => {});
    s.on('close', () => { if (!answered) { answered = true; done('dropped'); } });
  }
  if (i < total) setImmediate(next);
}
next();
setTimeout(report, 20_000);
