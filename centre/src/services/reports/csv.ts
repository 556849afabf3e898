type Cell = string | number | null | undefined;

/** RFC 4180 with a BOM, so Excel opens the Chinese right. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cell = (v: Cell) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? "'" : '') + s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export const pct = (x: number | null) => (x === null ? null : `${(x * 100).toFixed(2)}%`);
