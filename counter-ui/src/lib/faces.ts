/** Colours of the five faces, green (5 非常满意) to red (1 非常不满意). */
export const FACE_COLORS: Record<number, string> = { 5: '#1e8e3e', 4: '#64a52a', 3: '#d29b0a', 2: '#e0700f', 1: '#d13a2c' };

/** How far the mouth bends for a score: up for a smile, down for a frown. */
export function mouthPath(score: number): string {
  const bend = ({ 5: 16, 4: 9, 3: 0, 2: -9, 1: -15 } as Record<number, number>)[score] ?? 0;
  const y = 66 - bend / 3;
  return `M 34 ${y} Q 50 ${y + bend} 66 ${y}`;
}
