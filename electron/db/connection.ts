// Opening a project file safely: recognise what it is before writing anything, refuse a project from a
// newer Dossier without a single write, then set the durability pragmas and migrate in one transaction.
//
// Nothing is written before the file has passed its checks. file-check.ts reads the header, the size and the
// WAL with plain reads; then a read-only connection (which never checkpoints, so never writes the database)
// checks every table's b-tree and the WAL's project id. Only then is the read-write connection opened. A
// project that cannot be written (a read-only file or folder, a read-only disk, another user's file) is
// opened read-only instead, and `readOnly` forces that.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename, dirname, extname } from 'node:path';
import DatabaseConstructor, { type Database } from 'better-sqlite3';
import { DossierError } from '../../shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index';
import { nowIso } from './clock';
import { registerSearchFunctions } from './search-functions';
import {
  DamagedProjectError,
  databaseImage,
  foreignWal,
  inspectDatabaseFile,
  type FileInspection,
} from './file-check';
import { readProjectValueFromFile } from './page-reader';
import { vacuumInto, writeBackupSync } from './backup-files';
import { sqliteWriteReason } from './write-errors';

/** 'DOSS' — marks a SQLite file as a Dossier project (PRAGMA application_id). */
export const DOSSIER_APPLICATION_ID = 0x444f5353;
const BUSY_TIMEOUT_MS = 5000;

export interface OpenedDatabase {
  db: Database;
  readOnly: boolean;
  schemaVersion: number;
  /** Whether every table's pages were checked, rather than the file taken as sealed (check-seals.ts). */
  structureChecked: boolean;
}

export interface OpenOptions {
  /** Create the file if it does not exist (otherwise a missing file is an error). */
  create: boolean;
  /** Open read-only even if the file could be written. */
  readOnly?: boolean;
  /** Sealed as sound when last closed and untouched since (check-seals.ts): not checked page by page again. */
  sealed?: boolean;
}

export function openProjectDatabase(path: string, options: OpenOptions): OpenedDatabase {
  const exists = existsSync(path);
  if (!exists && (!options.create || options.readOnly)) {
    throw new DossierError('project_error', `No project file at ${path}`);
  }
  if (exists && statSync(path).isDirectory()) {
    throw new DossierError('project_error', `${path} is a folder, not a project file`);
  }
  if (exists && !options.create && statSync(path).size === 0) {
    throw new DossierError('project_error', `${basename(path)} is an empty file, not a Dossier project.`);
  }
  // An empty file where a project is to be created is where one was being created when the process stopped.
  const blank = exists && options.create && statSync(path).size === 0;
  const readOnly = exists && (options.readOnly === true || !canWrite(path));
  const sealed = exists && !blank && options.sealed === true;
  if (exists && !blank) {
    const checked = checkBeforeOpening(path, !readOnly, sealed);
    if (readOnly) return { ...finishReadOnly(checked.db, checked.version, path), structureChecked: !sealed };
    checked.db.close();
  }
  let db: Database;
  try {
    db = new DatabaseConstructor(path, { fileMustExist: !options.create });
  } catch (error) {
    throw new DossierError('project_error', `Cannot open ${path}: ${(error as Error).message}`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The search index's triggers call these: no row is written without them.
    registerSearchFunctions(db);
    const { version } = inspectProject(db, path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (version < LATEST_SCHEMA_VERSION) {
      if (version > 0) backupBeforeUpgrade(db, path);
      migrate(db, version, path);
    }
    return { db, readOnly: false, schemaVersion: LATEST_SCHEMA_VERSION, structureChecked: !sealed };
  } catch (error) {
    db.close();
    throw cannotOpen(path, error);
  }
}

/**
 * Everything that can be learnt about an existing file without writing to it, through a read-only
 * connection that is returned open (the read-only project keeps it). Throws DamagedProjectError, or
 * DossierError for a file that is not a (current) Dossier project.
 */
function checkBeforeOpening(
  path: string,
  writable: boolean,
  sealed: boolean,
): { db: Database; version: number } {
  try {
    return checkReadOnly(path, !writable, sealed);
  } catch (error) {
    // A rollback journal left by a crash (a backup being made the project) is rolled back by SQLite on the
    // first read-write read: its ordinary recovery, and the only write before the checks.
    if (!writable || (error as { code?: string }).code !== 'SQLITE_READONLY_ROLLBACK') throw error;
    const recovering = new DatabaseConstructor(path, { fileMustExist: true });
    try {
      recovering.prepare('SELECT count(*) FROM sqlite_schema').get();
    } finally {
      recovering.close();
    }
    return checkReadOnly(path, false, sealed);
  }
}

function checkReadOnly(path: string, keep: boolean, sealed: boolean): { db: Database; version: number } {
  const inspection = inspectDatabaseFile(path);
  if (inspection.kind === 'not-sqlite') throw notADossierProject(path);
  if (inspection.kind !== 'sqlite') {
    throw new DossierError('project_error', `${basename(path)} is an empty file, not a Dossier project.`);
  }
  try {
    const db = openReader(path, inspection, keep);
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      const { version } = inspectProject(db, path);
      const problem = sealed ? null : structureProblem(db);
      if (problem) throw new DamagedProjectError(path, problem);
      if (inspection.wal) assertSameProjectThroughWal(db, path, inspection);
      return { db, version };
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    // Damage seen through the WAL, in a file that is sound without it: the WAL is what does not belong.
    if (error instanceof DamagedProjectError && inspection.wal && soundWithoutWal(path, inspection)) {
      throw foreignWal(path);
    }
    throw error;
  }
}

/** Whether the database file alone, as the last checkpoint left it, passes the structural check. */
function soundWithoutWal(path: string, inspection: FileInspection & { kind: 'sqlite' }): boolean {
  try {
    const alone = new DatabaseConstructor(databaseImage(path, inspection.header, null), { readonly: true });
    try {
      return structureProblem(alone) === null;
    } finally {
      alone.close();
    }
  } catch {
    return false;
  }
}

/** Codes SQLite gives a reader that cannot create or lock the -wal and -shm files beside the project. */
const CANNOT_SHARE = [
  'SQLITE_READONLY_DIRECTORY',
  'SQLITE_READONLY_CANTINIT',
  'SQLITE_READONLY_RECOVERY',
  'SQLITE_READONLY_CANTLOCK',
  'SQLITE_CANTOPEN',
];

/** Read-only projects up to this size are read into memory when that spares SQLite making files beside them. */
const MEMORY_IMAGE_MAX_BYTES = 256 * 1024 * 1024;

/**
 * A read-only connection. Reading a WAL database takes -wal and -shm files beside it, which SQLite creates
 * if it can, and cannot in a folder Dossier cannot write (a read-only disk, another user's folder). So a
 * project kept open read-only (`keep`) is read into memory instead, with its WAL's committed changes applied
 * as SQLite would read them: nothing is created beside someone else's project. Projects larger than 256 MB
 * are read in place where SQLite can make those files (its own, empty unless someone writes).
 */
function openReader(path: string, inspection: FileInspection & { kind: 'sqlite' }, keep: boolean): Database {
  const inMemory = () =>
    new DatabaseConstructor(databaseImage(path, inspection.header, inspection.wal), { readonly: true });
  const companions = existsSync(`${path}-wal`) || existsSync(`${path}-shm`);
  if (keep && !companions && inspection.size <= MEMORY_IMAGE_MAX_BYTES) return inMemory();
  let db: Database | null = null;
  try {
    db = new DatabaseConstructor(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code ?? '';
    if (!CANNOT_SHARE.some((c) => code.startsWith(c))) {
      if (isNotADatabase(error) || sqliteWriteReason(error) === 'the project file is damaged') {
        throw new DamagedProjectError(path, `SQLite cannot read it (${sqliteMessage(error)})`);
      }
      throw cannotOpen(path, error);
    }
    return inMemory();
  }
}

function finishReadOnly(
  db: Database,
  version: number,
  path: string,
): Omit<OpenedDatabase, 'structureChecked'> {
  try {
    if (version < LATEST_SCHEMA_VERSION) {
      throw new DossierError(
        'read_only',
        `${basename(path)} is read-only and needs an upgrade to this version of Dossier; copy it somewhere writable first.`,
      );
    }
    registerSearchFunctions(db);
    db.pragma('foreign_keys = ON');
    return { db, readOnly: true, schemaVersion: LATEST_SCHEMA_VERSION };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The version, after refusing a newer Dossier's project and other programs' databases. */
function inspectProject(db: Database, path: string): { version: number } {
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
  return { version };
}

/**
 * SQLite's structural check of every table and its indexes (b-tree pages, overflow chains, row order), but
 * not the search index's own cross-check of its words against the texts, which costs ten times as much and
 * finds no damage the shadow tables' check misses. About 1 ms per MB (bench/open-check.ts).
 */
export function structureProblem(db: Database): string | null {
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'`)
      .pluck()
      .all() as string[];
    for (const table of ['sqlite_schema', ...tables]) {
      const result = db.pragma(`quick_check("${table.replaceAll('"', '""')}")`, { simple: true });
      if (result !== 'ok') return `some of its pages are damaged (SQLite: ${sqliteMessage(String(result))})`;
    }
    return null;
  } catch (error) {
    if (sqliteWriteReason(error) === 'the project file is damaged' || isNotADatabase(error)) {
      return `some of its pages are damaged (SQLite: ${sqliteMessage(error)})`;
    }
    throw error;
  }
}

/**
 * Whether the project file passes the structural check through a connection of its own. A closed project
 * is read through a read-write connection although it only reads: a read-only one would leave -wal and -shm
 * files beside it, which a read-write one removes as it closes. `readonly` for a file another connection
 * may hold open.
 */
export function fileStructureSound(path: string, readonly = false): boolean {
  return withFileConnection(path, readonly, (db) => structureProblem(db) === null) ?? false;
}

/** `read` through a connection of its own to the file (see fileStructureSound); null if anything fails. */
export function withFileConnection<T>(path: string, readonly: boolean, read: (db: Database) => T): T | null {
  try {
    const db = new DatabaseConstructor(path, { readonly, fileMustExist: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/**
 * A WAL from another Dossier project passes the header checks (same page size, same application id); the
 * project's id, read from the database file alone and through the WAL, tells them apart.
 */
function assertSameProjectThroughWal(db: Database, path: string, inspection: FileInspection): void {
  if (inspection.kind !== 'sqlite') return;
  const { pageSize, reserved } = inspection.header;
  const inFile = readProjectValueFromFile(path, pageSize, reserved, 'id');
  if (inFile === null) return;
  let throughWal: string | undefined;
  try {
    throughWal = db.prepare(`SELECT value FROM project WHERE key = 'id'`).pluck().get() as string | undefined;
  } catch {
    return;
  }
  if (throughWal !== undefined && throughWal !== inFile) throw foreignWal(path);
}

/**
 * Before an upgrade the project is copied into its backups folder (a consistent copy, VACUUM INTO): if the
 * new version turns out wrong for the user, the old file is there. No upgrade without that copy.
 */
function backupBeforeUpgrade(db: Database, path: string): void {
  try {
    writeBackupSync(path, 'before-upgrade', nowIso(), (temp) => vacuumInto(db, temp));
  } catch (error) {
    if (!(error instanceof DossierError)) throw error;
    throw new DossierError(error.code, `${error.message} It was not upgraded and is as it was.`);
  }
}

function inspect(db: Database, path: string): { version: number; applicationId: number; hasTables: boolean } {
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number };
    return { version, applicationId, hasTables: tables.n > 0 };
  } catch (error) {
    if (isNotADatabase(error) || sqliteWriteReason(error) === 'the project file is damaged') {
      throw new DamagedProjectError(path, `SQLite cannot read it (${sqliteMessage(error)})`);
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
  } catch (error) {
    const why = sqliteWriteReason(error, path);
    if (why === null) throw error;
    throw new DossierError(
      'write_failed',
      fromVersion === 0
        ? `Could not create ${basename(path)}: ${why}.`
        : `Could not upgrade ${basename(path)}: ${why}. The file was not changed.`,
    );
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

function notADossierProject(path: string): DossierError {
  return new DossierError(
    'project_error',
    `${basename(path)} is not a Dossier project (not an SQLite database).`,
  );
}

/** SQLite's failure to open or set up a project (a full disk, a disk error) in words; other errors as they are. */
function cannotOpen(path: string, error: unknown): unknown {
  if (error instanceof DossierError) return error;
  const why = sqliteWriteReason(error, path);
  if (why === null) {
    if ((error as { code?: unknown }).code === undefined) {
      return new DossierError('project_error', `Cannot open ${path}: ${(error as Error).message}`);
    }
    return error;
  }
  return new DossierError('write_failed', `Cannot open ${basename(path)}: ${why}. Nothing was changed.`);
}

/** SQLite's report on one line, without its "*** in database main ***" banner. */
export function sqliteMessage(error: unknown): string {
  const text = typeof error === 'string' ? error : (error as Error).message;
  return text
    .replace(/\*\*\* in database \w+ \*\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function isNotADatabase(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_NOTADB';
}

/**
 * Whether the project can be written: the file, and its folder (SQLite creates the -wal and -shm files
 * beside it). access() asks the kernel, so a read-only disk (EROFS) counts; root may write anything else.
 */
export function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
