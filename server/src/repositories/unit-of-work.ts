import type { Db } from './db.ts';

/**
 * The transaction control of the hall's writes, so that no service touches SQL: a long
 * transaction a group of commands shares (group commit: one fsync per turn of the event loop, at
 * synchronous=FULL set by db.ts), and `run` for one step inside it or on its own.
 */
export class UnitOfWork {
  constructor(private readonly db: Db) {}

  /** Opens the group's transaction, taking the write lock at once. */
  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
  }

  /** Whether a transaction is open: false once SQLite rolled back a group on its own (a full or failing disk). */
  get open(): boolean {
    return this.db.inTransaction;
  }

  /** Commits the group: the one fsync the group's commands share. */
  commit(): void {
    this.db.exec('COMMIT');
  }

  /** Rolls the group back, if SQLite has not already done so. */
  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  /** Runs `fn` in a transaction of its own, or in a savepoint of the group when one is open: all or nothing. */
  run<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
