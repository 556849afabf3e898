/** Where a device of each kind is opened to pair itself with a code (api.md "Pages"). Pure. */
export function pairingUrl(origin: string, kind: string, code: string, windowId?: string | null): string {
  switch (kind) {
    case 'kiosk': return `${origin}/kiosk/#pair=${code}`;
    case 'pad': return `${origin}/counter/pad/#pair=${code}`;
    case 'window-screen': return `${origin}/display/window/${encodeURIComponent(windowId ?? '')}#pair=${code}`;
    default: return `${origin}/display/#pair=${code}`;
  }
}

/** What to run on a computer to pair its device agent with this code (docs/agent.md). */
export function agentCommand(origin: string, code: string): string {
  return `npm run agent -- --server ${origin} --pair ${code} --printer lp:/dev/usb/lp0`;
}

/** "12345678" → "1234 5678", easier to read aloud and type. */
export function groupCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}
