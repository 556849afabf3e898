/** A vue-i18n message tree. */
export interface Messages { [key: string]: string | Messages }

export interface MergedMessages {
  /** one tree per locale, e.g. { 'zh-CN': {...}, en: {...} } */
  messages: Record<string, Messages>;
  /** "track.title in track.en.ts (already in kiosk.en.ts)": keys defined twice; the first wins */
  conflicts: string[];
}

const FILE = /(?:^|\/)([A-Za-z0-9_-]+)\.([a-z]{2}(?:-[A-Z]{2})?)\.ts$/;

/**
 * Message files are per feature and per locale: `kiosk.zh-CN.ts`, `track.en.ts`, … Each exports
 * (default) a tree whose top-level key is its namespace (`{ track: { … } }`). A feature adds its
 * own files and never edits another's; a key defined twice is reported, not silently replaced.
 */
export function mergeMessages(modules: Record<string, Messages>): MergedMessages {
  const messages: Record<string, Messages> = {};
  const origin = new Map<string, string>();
  const conflicts: string[] = [];
  for (const path of Object.keys(modules).sort()) {
    const m = FILE.exec(path);
    if (!m) continue;
    const [, , locale] = m;
    const file = path.split('/').pop()!;
    merge((messages[locale] ??= {}), modules[path], '', file, origin, conflicts, locale);
  }
  return { messages, conflicts };
}

function merge(into: Messages, from: Messages, prefix: string, file: string, origin: Map<string, string>, conflicts: string[], locale: string): void {
  for (const [key, value] of Object.entries(from)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const have = into[key];
    if (typeof value === 'object' && value !== null) {
      if (have === undefined) into[key] = {};
      else if (typeof have === 'string') { conflicts.push(`${path} in ${file} (already in ${origin.get(`${locale}:${path}`)})`); continue; }
      merge(into[key] as Messages, value, path, file, origin, conflicts, locale);
    } else if (have === undefined) {
      into[key] = value;
      origin.set(`${locale}:${path}`, file);
    } else {
      conflicts.push(`${path} in ${file} (already in ${origin.get(`${locale}:${path}`) ?? 'another file'})`);
    }
  }
}
