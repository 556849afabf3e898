/** How deep a request body may nest: the hall file, the deepest body there is, needs six levels. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests deeper than `max` arrays and objects, found by one scan of the text
 * (strings skipped) before anything is parsed: a body nested ten thousand levels deep parses, but
 * whatever walks it afterwards recursively (a validator, structuredClone, a YAML writer) overflows
 * the stack, and that is a 500 instead of a 400.
 */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
