// Opening a project file safely: recognise what it is before writing anything, refuse a project from a
// newer Dossier without a single write, then set the durability pragmas and migrate in one transaction.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename, extname } from 'node:path';
import DatabaseConstructor, { type Database } from 'better-sqlite3';
import { DossierError } from '../../shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index';
import { nowIso } from './clock';
import { registerSearchFunctions } from './search-functions';

/** 'DOSS' — marks a SQLite file as a Dossier project (PRAGMA application_id). */
export const DOSSIER_APPLICATION_ID = 0x444f5353;
const BUSY_TIMEOUT_MS = 5000;

export interface OpenedDatabase {
  db: Database;
  readOnly: boolean;
  schemaVersion: number;
}

export interface OpenOptions {
  /** Create the file if it does not exist (otherwise a missing file is an error). */
  create: boolean;
}

export function openProjectDatabase(path: string, options: OpenOptions): OpenedDatabase {
  const exists = existsSync(path);
  if (!exists && !options.create) throw new DossierError('project_error', `No project file at ${path}`);
  if (exists && statSync(path).isDirectory()) {
    throw new DossierError('project_error', `${path} is a folder, not a project file`);
  }
  if (exists && !options.create && statSync(path).size === 0) {
    throw new DossierError('project_error', `${basename(path)} is an empty file, not a Dossier project.`);
  }
  const readOnly = exists && !isWritable(path);
  let db: Database;
  try {
    db = new DatabaseConstructor(path, { readonly: readOnly, fileMustExist: !options.create });
  } catch (error) {
    throw new DossierError('project_error', `Cannot open ${path}: ${(error as Error).message}`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The search index's triggers call these: no row is written without them.
    registerSearchFunctions(db);
    const { version, applicationId, hasTables } = inspect(db, path);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new DossierError(
        'future_schema',
        `This project was saved by a newer version of Dossier (schema ${version}; this version reads up to ${LATEST_SCHEMA_VERSION}). Update Dossier to open it. The file was not changed.`,
      );
    }
    if (hasTables && applicationId !== DOSSIER_APPLICATION_ID) {
      throw new DossierError(
        'project_error',
        `${basename(path)} is an SQLite database but not a Dossier project.`,
      );
    }
    if (readOnly && version < LATEST_SCHEMA_VERSION) {
      throw new DossierError(
        'read_only',
        `${basename(path)} is read-only and needs an upgrade to this version of Dossier; copy it somewhere writable first.`,
      );
    }
    if (!readOnly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    if (version < LATEST_SCHEMA_VERSION) migrate(db, version, path);
    return { db, readOnly, schemaVersion: LATEST_SCHEMA_VERSION };
  } catch (error) {
    db.close();
    throw error;
  }
}

function inspect(db: Database, path: string): { version: number; applicationId: number; hasTables: boolean } {
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number };
    return { version, applicationId, hasTables: tables.n > 0 };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new DossierError(
        'project_error',
        `${basename(path)} is not a Dossier project (not an SQLite database).`,
      );
    }
    throw error;
  }
}

/**
 * Runs every pending migration in one transaction: the project ends at the new version or stays as it was.
 * Foreign keys are off meanwhile (SQLite's procedure for rebuilding a table: a DROP would otherwise cascade)
 * and checked before the commit, so a migration cannot leave a dangling reference behind.
 */
export function migrate(db: Database, fromVersion: number, path: string): void {
  const pending = MIGRATIONS.filter((m) => m.version > fromVersion);
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    migrateInTransaction(db, pending, fromVersion, path);
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

function migrateInTransaction(
  db: Database,
  pending: readonly (typeof MIGRATIONS)[number][],
  fromVersion: number,
  path: string,
): void {
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    const dangling = db.pragma('foreign_key_check') as unknown[];
    if (dangling.length > 0) {
      throw new DossierError(
        'project_error',
        `Upgrading ${basename(path)} would leave ${dangling.length} broken references; the file was not changed.`,
      );
    }
    if (fromVersion === 0) {
      db.pragma(`application_id = ${DOSSIER_APPLICATION_ID}`);
      const insert = db.prepare(`INSERT INTO project (key, value) VALUES (?, ?)`);
      insert.run('id', randomUUID());
      insert.run('name', projectNameFromPath(path));
      insert.run('created_at', nowIso());
    }
  })();
}

export function projectNameFromPath(path: string): string {
  const base = basename(path);
  const ext = extname(base);
  return (ext ? base.slice(0, -ext.length) : base) || 'Untitled project';
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
