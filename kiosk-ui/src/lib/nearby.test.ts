import { describe, expect, it } from 'vitest';
import { offerToShow } from './nearby.ts';

const offer = (estimatedWaitSec: number) => ({ serviceId: 'biz', hallId: 'h2', hallName: '曲江街道便民服务中心', estimatedWaitSec, waiting: 2 });

describe('a nearby hall\'s offer', () => {
  it('is shown only for a long wait and a clearly shorter one elsewhere', () => {
    expect(offerToShow(15 * 60, [offer(60)])).toBeNull();
    expect(offerToShow(40 * 60, [offer(35 * 60)])).toBeNull();
    expect(offerToShow(40 * 60, [offer(25 * 60), offer(5 * 60)])).toEqual(offer(5 * 60));
    expect(offerToShow(40 * 60, [])).toBeNull();
  });
});
