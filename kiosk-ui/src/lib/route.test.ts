import { describe, expect, it } from 'vitest';
import { routeOf } from './route.ts';

describe('routeOf', () => {
  it('finds the view from the path', () => {
    expect(routeOf('/kiosk/')).toEqual({ view: 'kiosk' });
    expect(routeOf('/kiosk/anything/else')).toEqual({ view: 'kiosk' });
    expect(routeOf('/')).toEqual({ view: 'kiosk' });
    expect(routeOf('/track/abc_DEF-123')).toEqual({ view: 'track', token: 'abc_DEF-123' });
    expect(routeOf('/track/')).toEqual({ view: 'track', token: '' });
    expect(routeOf('/book/biz/2026-11-24')).toEqual({ view: 'book', rest: 'biz/2026-11-24' });
    expect(routeOf('/book')).toEqual({ view: 'book', rest: '' });
    expect(routeOf('/track/%E0%A4%A')).toEqual({ view: 'track', token: '%E0%A4%A' });
  });
});
