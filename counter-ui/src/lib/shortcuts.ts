/** The clerk's one-key actions. Dialog-opening ones confirm with Enter; Esc closes any dialog. */
export type CounterAction =
  | 'call-next' | 'recall' | 'start' | 'finish' | 'no-show' | 'transfer' | 'pause' | 'hold'
  | 'call-number' | 'add-matter' | 'flag';

export interface Shortcut { action: CounterAction; keys: string[]; label: string }

/** In legend order; `label` is what the key cap shows. */
export const SHORTCUTS: Shortcut[] = [
  { action: 'call-next', keys: ['F1', ' '], label: 'F1' },
  { action: 'recall', keys: ['r', 'F2'], label: 'R' },
  { action: 'start', keys: ['s', 'F3'], label: 'S' },
  { action: 'finish', keys: ['f', 'F4'], label: 'F' },
  { action: 'no-show', keys: ['n'], label: 'N' },
  { action: 'transfer', keys: ['t'], label: 'T' },
  { action: 'hold', keys: ['h'], label: 'H' },
  { action: 'add-matter', keys: ['m'], label: 'M' },
  { action: 'call-number', keys: ['c'], label: 'C' },
  { action: 'pause', keys: ['p'], label: 'P' },
  { action: 'flag', keys: ['g'], label: 'G' },
];

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  repeat?: boolean;
  /** The focused element's tag and whether it is editable: typing there is not a command. */
  targetTag?: string;
  editable?: boolean;
}

/** A key with a modifier, or held down: never a command, on either page's keyboard. */
export function modified(e: KeyInput): boolean {
  return !!(e.ctrlKey || e.altKey || e.metaKey || e.repeat);
}

/** The key goes into a field being typed in. */
export function typing(e: KeyInput): boolean {
  const tag = (e.targetTag ?? '').toUpperCase();
  return e.editable === true || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** The action a key press means on the terminal, or null (typing in a field, a modifier, a held key). */
export function actionForKey(e: KeyInput): CounterAction | null {
  if (modified(e) || typing(e)) return null;
  // Space on a focused button presses the button; as a shortcut it would act twice.
  if (e.key === ' ' && (e.targetTag ?? '').toUpperCase() === 'BUTTON') return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return SHORTCUTS.find((s) => s.keys.includes(key))?.action ?? null;
}

export function labelOf(action: CounterAction): string {
  return SHORTCUTS.find((s) => s.action === action)?.label ?? '';
}
