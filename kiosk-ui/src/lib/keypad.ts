/** The on-screen keypads: digits for pairing codes, digits and letters for booking codes. */
export type KeypadMode = 'digits' | 'letters';

export const DIGIT_ROWS: string[][] = [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']];
// No I and O: booking codes avoid them (they read as 1 and 0), so the keys stay large.
export const LETTER_ROWS: string[][] = [
  ['A', 'B', 'C', 'D', 'E', 'F'], ['G', 'H', 'J', 'K', 'L', 'M'], ['N', 'P', 'Q', 'R', 'S', 'T'], ['U', 'V', 'W', 'X', 'Y', 'Z'],
];

export type KeyAction = { kind: 'char'; char: string } | { kind: 'back' } | { kind: 'clear' };

/** The typed value after one key press; never longer than `max`. */
export function press(value: string, action: KeyAction, max: number): string {
  switch (action.kind) {
    case 'char': return value.length >= max ? value : value + action.char;
    case 'back': return value.slice(0, -1);
    case 'clear': return '';
  }
}
