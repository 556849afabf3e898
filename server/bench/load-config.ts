import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadHallConfig } from '@onewindow/config';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The default hall widened to `windows` comprehensive windows that serve every matter. */
export function writeLoadConfig(dir: string, windows: number): string {
  const base = loadHallConfig(join(ROOT, 'config/hall.yaml'));
  const skills = base.services.map((s) => s.id);
  const config = {
    ...base,
    // The benchmark's kiosks issue as fast as they can: lift the per-kiosk limit a real hall keeps.
    hall: { ...base.hall, maxTicketsPerDay: 100_000, kioskTicketsPerMinute: 1_000_000 },
    windows: Array.from({ length: windows }, (_, i) => ({ id: `W${String(i + 1).padStart(2, '0')}`, name: `${i + 1}号综合窗口`, skills: [skills[i % skills.length], ...skills.filter((_, j) => j !== i % skills.length)] })),
    kiosks: [{ id: 'K1', name: '取号机', printer: { type: 'none' as const } }],
    // Every screen, window and kiosk of the benchmark is one process on one loopback address: the
    // per-address limits a hall keeps against floods (plugins/network.ts) would count them as one
    // client. Lifted here; the totals stay as a hall has them.
    network: { limits: { connectionsPerAddress: 4096, connections: 4096, handshakesPerAddress: 1024, phoneSocketsPerAddress: 1024 } },
    // BENCH_VOICE=browser (diagnostics): the screens speak with the browser's voice and the server
    // renders no audio, to tell the voice's share of the figures from the rest.
    ...(process.env.BENCH_VOICE === 'browser' ? { voice: { ...base.voice, source: 'browser' as const } } : {}),
  };
  const file = join(dir, 'load-hall.yaml');
  writeFileSync(file, stringify(config));
  return file;
}
