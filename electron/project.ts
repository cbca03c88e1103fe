// One open project: its SQLite file and the one way to write to it (a transaction, refused when read-only).
import type { Database } from 'better-sqlite3';
import type { ProjectInfo } from '../shared/domain';
import { DossierError } from '../shared/errors';
import { openProjectDatabase } from './db/connection';

export class Project {
  private constructor(
    readonly path: string,
    readonly db: Database,
    readonly readOnly: boolean,
    readonly schemaVersion: number,
  ) {}

  static open(path: string, options: { create: boolean }): Project {
    const opened = openProjectDatabase(path, options);
    return new Project(path, opened.db, opened.readOnly, opened.schemaVersion);
  }

  get name(): string {
    const row = this.db.prepare(`SELECT value FROM project WHERE key = 'name'`).pluck().get() as
      string | undefined;
    return row ?? 'Untitled project';
  }

  info(): ProjectInfo {
    return { path: this.path, name: this.name, readOnly: this.readOnly, schemaVersion: this.schemaVersion };
  }

  /** Runs fn in one transaction: it lands whole or not at all. */
  write<T>(fn: (db: Database) => T): T {
    if (this.readOnly)
      throw new DossierError('read_only', 'This project is open read-only; nothing was changed.');
    return this.db.transaction(() => fn(this.db))();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
