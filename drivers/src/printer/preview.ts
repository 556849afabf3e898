// Renders a ticket as a PNG from its decoded ESC/POS bytes:
//   npx tsx drivers/src/printer/preview.ts --out docs/images/ticket.png [--width 48|32] [--bin job.bin]
// Without --bin it prints the sample ticket; with --bin it shows a job the file printer wrote.
// Needs playwright-core and /usr/bin/chromium (root devDependencies), hence not exported.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { decode } from './decode.ts';
import { renderTicket } from './layout.ts';
import { opsToHtml } from './preview-html.ts';
import { sampleTicket } from './sample.ts';

const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];

export async function screenshotHtml(html: string, out: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: BROWSER_ARGS });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1.5 });
    await page.setContent(html);
    await page.evaluate(() => document.fonts.ready);
    await page.locator('.paper').screenshot({ path: out });
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    out: { type: 'string', default: 'docs/images/ticket.png' },
    width: { type: 'string', default: '48' },
    bin: { type: 'string' },
    html: { type: 'string' },
    green: { type: 'boolean', default: false },
  } });
  const width = Number(values.width);
  const bytes = values.bin
    ? await readFile(values.bin)
    : renderTicket(sampleTicket(values.green ? { priority: 'green' } : {}), { width });
  const html = await opsToHtml(decode(bytes), width);
  if (values.html) await writeFile(values.html, html);
  await screenshotHtml(html, values.out);
  console.log(`wrote ${values.out} (${bytes.length} ESC/POS bytes, ${width} columns)`);
}

// Compared as URLs: a path with spaces or Chinese characters is percent-encoded in import.meta.url.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
