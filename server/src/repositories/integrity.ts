import Database from 'better-sqlite3';

/** SQLite's own check of a database file: 'ok', or what is wrong with it. */
export function checkIntegrity(file: string, quick = true): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma(quick ? 'quick_check' : 'integrity_check') as Record<string, string>[];
    const msgs = rows.map((r) => Object.values(r)[0]);
    return msgs.length === 1 && msgs[0] === 'ok' ? 'ok' : msgs.slice(0, 5).join('; ');
  } finally {
    db.close();
  }
}

/** Errors that mean the store cannot keep what it is given: stop issuing rather than lie. */
export function isStorageFailure(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return /^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|READONLY|CANTOPEN|CANTOPEN)/.test(code);
}
