import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/**
 * Screenshots that are checked, not only taken: the page fits its screen (nothing scrolls or spills
 * sideways) and the picture is not blank (many colours, ink well beyond the background). Written to
 * docs/images/ with ONEWINDOW_SCREENSHOTS=1 (the README's pictures), to a temporary folder otherwise.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
let tmp: string | null = null;

export function shotPath(name: string): string {
  if (process.env.ONEWINDOW_SCREENSHOTS === '1') {
    mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
    return join(ROOT, 'docs/images', `${name}.png`);
  }
  tmp ??= mkdtempSync(join(tmpdir(), 'ow-shots-'));
  return join(tmp, `${name}.png`);
}

export interface ShotCheck {
  /** the page's content beyond its viewport, in CSS pixels (0 when it fits) */
  overflowX: number;
  overflowY: number;
  /** distinct colours among the sampled pixels (coarsely quantised) */
  colours: number;
  /** share of sampled pixels that differ from the most common colour (the background) */
  ink: number;
}

/** Takes the screenshot and measures it. `fits` false skips nothing: it only reports. */
export async function checkedShot(page: Page, name: string): Promise<ShotCheck> {
  const png = await page.screenshot({ path: shotPath(name) });
  const overflow = await page.evaluate(() => {
    const d = document.documentElement;
    return { x: Math.max(0, d.scrollWidth - window.innerWidth), y: Math.max(0, d.scrollHeight - window.innerHeight) };
  });
  // The PNG is decoded by the browser itself, in a blank page of the same context.
  const probe = await page.context().newPage();
  try {
    const measure = await probe.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const data = g.getImageData(0, 0, c.width, c.height).data;
      const counts = new Map<number, number>();
      let n = 0;
      for (let y = 0; y < c.height; y += 6) {
        for (let x = 0; x < c.width; x += 6) {
          const i = (y * c.width + x) * 4;
          const key = ((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4);
          counts.set(key, (counts.get(key) ?? 0) + 1);
          n++;
        }
      }
      const top = Math.max(...counts.values());
      return { colours: counts.size, ink: 1 - top / n };
    }, png.toString('base64'));
    return { overflowX: overflow.x, overflowY: overflow.y, ...measure };
  } finally {
    await probe.close();
  }
}
