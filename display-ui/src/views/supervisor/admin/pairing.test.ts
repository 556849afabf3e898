import { describe, expect, it } from 'vitest';
import { agentCommand, groupCode, pairingUrl } from './pairing.ts';

describe('pairing', () => {
  it('opens each kind of device on its own page with the code', () => {
    expect(pairingUrl('http://hall:8080', 'kiosk', '12345678')).toBe('http://hall:8080/kiosk/#pair=12345678');
    expect(pairingUrl('http://hall:8080', 'pad', '1')).toBe('http://hall:8080/counter/pad/#pair=1');
    expect(pairingUrl('http://hall:8080', 'window-screen', '1', 'W03')).toBe('http://hall:8080/display/window/W03#pair=1');
    expect(pairingUrl('http://hall:8080', 'display', '1')).toBe('http://hall:8080/display/#pair=1');
    expect(groupCode('12345678')).toBe('1234 5678');
    expect(agentCommand('http://hall:8080', '12345678')).toBe('npm run agent -- --server http://hall:8080 --pair 12345678 --printer lp:/dev/usb/lp0');
  });
});
