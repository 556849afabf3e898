import { describe, expect, it } from 'vitest';
import { firstFitting, outOfView } from './fit.ts';

describe('fitting the menu', () => {
  it('takes the roomiest level that fits', async () => {
    // Given a menu that overflows at levels 0 and 1
    const tried: number[] = [];
    const level = await firstFitting(3, (l) => (tried.push(l), l < 2));
    // Then level 2 is taken, and nothing tighter was tried
    expect(level).toBe(2);
    expect(tried).toEqual([0, 1, 2]);
  });

  it('ends at the tightest level when nothing fits (the hint takes over)', async () => {
    expect(await firstFitting(3, () => true)).toBe(3);
    expect(await firstFitting(0, () => true)).toBe(0);
  });
});

describe('what is out of view', () => {
  const items = [{ top: 0, bottom: 100 }, { top: 110, bottom: 210 }, { top: 220, bottom: 320 }, { top: 330, bottom: 430 }];

  it('counts items cut by the bottom edge as below, and where the next one starts', () => {
    // Given a view showing 0–250 of the list: the third item is cut, the fourth beyond
    expect(outOfView(items, { top: 0, bottom: 250 })).toEqual({ above: 0, below: 2, nextBelow: 220 });
  });

  it('counts items scrolled past as above', () => {
    expect(outOfView(items, { top: 200, bottom: 430 })).toEqual({ above: 2, below: 0, nextBelow: null });
  });

  it('counts nothing when everything is in view, allowing a pixel of rounding', () => {
    expect(outOfView(items, { top: 0, bottom: 429.5 })).toEqual({ above: 0, below: 0, nextBelow: null });
  });
});
