// Backing up the open project, checking a project file, and restoring a backup. The files themselves (where
// backups live, their names, rotation, the temporary file and rename) are db/backup-files.ts; the schedule
// is backup-schedule.ts.
//
// A restore first keeps the project as it is: a backup of it ("before-restore"), or for a damaged project
// a plain copy of its bytes (and of its WAL) in the backups folder, since a damaged file cannot be read to
// back it up. Then the chosen backup is copied beside the project, flushed, and renamed over it; the old
// WAL goes with the old file, so it can never be applied to the restored one.
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import DatabaseConstructor, { type Database } from 'better-sqlite3';
import type { BackupInfo, BackupList, CheckReport } from '../../shared/contract-backups';
import { DossierError } from '../../shared/errors';
import {
  backupFolder,
  listBackups,
  syncFolder,
  writeBackup,
  type BackupFile,
  type BackupReason,
} from '../db/backup-files';
import { DOSSIER_APPLICATION_ID, fileStructureSound } from '../db/connection';
import { DamagedProjectError, inspectDatabaseFile } from '../db/file-check';
import { nowIso } from '../db/clock';
import { sqliteWriteReason } from '../db/write-errors';
import { WRITE_REASONS } from './atomic-write';
import type { Project } from '../project';

export function backupInfo(file: BackupFile): BackupInfo {
  return { fileName: file.fileName, createdAt: file.createdAt, reason: file.reason, bytes: file.bytes };
}

export function backupList(
  projectPath: string,
  name: string,
  damaged: string | null = null,
  lastError: string | null = null,
): BackupList {
  return {
    project: { path: projectPath, name },
    folder: backupFolder(projectPath),
    backups: listBackups(projectPath).map(backupInfo),
    damaged,
    lastError,
  };
}

/**
 * A consistent copy of an open project through SQLite's online backup: it copies a hundred pages at a time
 * and lets the app go on between steps (writes made meanwhile are copied too), then the copy is finished as
 * every backup is (backup-files.ts).
 */
export async function backupProject(project: Project, reason: BackupReason): Promise<BackupFile> {
  return backupDatabase(project.db, project.path, reason);
}

async function backupDatabase(db: Database, projectPath: string, reason: BackupReason): Promise<BackupFile> {
  return writeBackup(projectPath, reason, nowIso(), async (temp) => {
    await db.backup(temp);
  });
}

/**
 * Checks a project file without writing to it: its header, size and WAL (file-check.ts), then SQLite's
 * quick_check (every page of every table and index, and the free pages) or integrity_check (also that every
 * index matches its table, and the search index its texts), and the foreign keys.
 */
export function checkProjectFile(path: string, level: 'quick' | 'full'): CheckReport {
  const started = performance.now();
  const problems: string[] = [];
  try {
    const inspection = inspectDatabaseFile(path);
    if (inspection.kind === 'missing') problems.push('there is no file here');
    else if (inspection.kind !== 'sqlite')
      problems.push('it is not a Dossier project (not an SQLite database)');
    else problems.push(...databaseProblems(path, level));
  } catch (error) {
    if (!(error instanceof DamagedProjectError)) throw error;
    problems.push(error.problem);
  }
  const ms = performance.now() - started;
  const name = basename(path);
  return {
    path,
    ok: problems.length === 0,
    level,
    verdict:
      problems.length === 0
        ? `${name} is healthy: no problems found (${level === 'full' ? 'full integrity check' : 'quick check'}, foreign keys).`
        : `${name} is damaged: ${problems[0]}.`,
    problems,
    ms,
  };
}

function databaseProblems(path: string, level: 'quick' | 'full'): string[] {
  let db: Database;
  try {
    db = new DatabaseConstructor(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    return [`SQLite cannot open it (${(error as Error).message})`];
  }
  try {
    if (db.pragma('application_id', { simple: true }) !== DOSSIER_APPLICATION_ID) {
      return ['it is an SQLite database but not a Dossier project'];
    }
    const found = db.pragma(level === 'full' ? 'integrity_check(20)' : 'quick_check(20)', {
      simple: false,
    }) as Record<string, string>[];
    const messages = found.map((row) => Object.values(row)[0]!).filter((m) => m !== 'ok');
    const problems = messages.map((m) => `SQLite reports: ${m}`);
    const dangling = db.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (dangling.length > 0) {
      const first = dangling[0]!;
      problems.push(
        `${dangling.length} broken reference${dangling.length === 1 ? '' : 's'} (the first: a row of ${first.table} points at a missing row of ${first.parent})`,
      );
    }
    return problems;
  } catch (error) {
    const why = sqliteWriteReason(error);
    if (why === 'the project file is damaged' || (error as { code?: string }).code === 'SQLITE_NOTADB') {
      return [`SQLite cannot read it (${(error as Error).message})`];
    }
    throw error;
  } finally {
    db.close();
  }
}

/** A backup fit to restore: an undamaged Dossier project. */
function assertRestorable(backup: BackupFile): void {
  const report = checkProjectFile(backup.path, 'quick');
  if (!report.ok) {
    throw new DossierError(
      'project_error',
      `The backup from ${backup.createdAt} cannot be restored: ${report.problems[0]}. Choose another one.`,
    );
  }
}

export interface RestoreOptions {
  /** The project as the app has it open: backed up through its connection, then closed by `close`. */
  current?: { project: Project; close(): void };
}

export interface RestoreResult {
  restored: BackupFile;
  /** Where the project as it was is kept (a backup, or a copy of a damaged file). */
  keptAs: string | null;
}

/**
 * Replaces the project at `projectPath` with its backup `fileName`. Refuses, changing nothing, when the
 * backup is damaged or another window or command has the project open.
 */
export async function restoreProject(
  projectPath: string,
  fileName: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const backup = listBackups(projectPath).find((b) => b.fileName === fileName);
  if (!backup)
    throw new DossierError('not_found', `There is no backup ${fileName} of ${basename(projectPath)}.`);
  assertRestorable(backup);
  let keptAs: string | null = null;
  if (options.current) {
    keptAs = (await backupProject(options.current.project, 'before-restore')).path;
    options.current.close();
  } else if (existsSync(projectPath)) {
    keptAs = await keepProjectAsItIs(projectPath);
  }
  if (existsSync(projectPath) && !isDamaged(projectPath)) assertNobodyElseHasItOpen(projectPath);
  removeUnfinishedRestores(projectPath);
  replaceWithCopy(projectPath, backup.path);
  return { restored: backup, keptAs };
}

function isDamaged(path: string): boolean {
  return !checkProjectStructure(path);
}

/** True when the file passes the checks opening it would make (header, size, WAL, pages). */
function checkProjectStructure(path: string): boolean {
  try {
    const inspection = inspectDatabaseFile(path);
    return inspection.kind === 'sqlite' && fileStructureSound(path, true);
  } catch {
    return false;
  }
}

/** The project before a restore: a backup if it can be read, else a copy of its bytes (and its WAL). */
async function keepProjectAsItIs(projectPath: string): Promise<string> {
  if (checkProjectStructure(projectPath)) {
    const db = new DatabaseConstructor(projectPath, { readonly: true, fileMustExist: true });
    try {
      return (await backupDatabase(db, projectPath, 'before-restore')).path;
    } finally {
      db.close();
    }
  }
  return keepDamagedCopy(projectPath);
}

/**
 * A damaged project's bytes, copied into the backups folder as "<time>-damaged.sqlite" (with its WAL, if
 * any, beside it): not a backup to restore, but nothing of the user's is deleted by a restore.
 */
export function keepDamagedCopy(projectPath: string): string {
  const folder = backupFolder(projectPath);
  const target = join(folder, `${nowIso().replaceAll(':', '-')}-damaged.sqlite`);
  try {
    mkdirSync(folder, { recursive: true });
    copyDurably(projectPath, target);
    if (existsSync(`${projectPath}-wal`)) copyDurably(`${projectPath}-wal`, `${target}-wal`);
    syncFolder(folder);
    return target;
  } catch (error) {
    rmSync(target, { force: true });
    rmSync(`${target}-wal`, { force: true });
    throw fileError(
      `Could not keep a copy of ${basename(projectPath)}`,
      error,
      'Nothing was changed.',
      projectPath,
    );
  }
}

function copyDurably(from: string, to: string): void {
  copyFileSync(from, to);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * SQLite deletes a project's WAL when its last connection closes; an exclusive lock taken here fails while
 * any other connection (another window, `dossier serve`, a command) has the project open.
 */
function assertNobodyElseHasItOpen(projectPath: string): void {
  let probe: Database;
  try {
    probe = new DatabaseConstructor(projectPath, { fileMustExist: true, timeout: 500 });
  } catch (error) {
    throw fileError(`Could not restore ${basename(projectPath)}`, error, 'Nothing was changed.', projectPath);
  }
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE; COMMIT');
    // Everything in the WAL is in the file now; the file being replaced takes nothing along unsaved.
    probe.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new DossierError(
        'conflict',
        `${basename(projectPath)} is open in another Dossier window or command; close it there and try again. Nothing was changed.`,
      );
    }
    throw fileError(`Could not restore ${basename(projectPath)}`, error, 'Nothing was changed.', projectPath);
  } finally {
    probe.close();
  }
}

function restoringPrefix(projectPath: string): string {
  return `.${basename(projectPath)}.restoring-`;
}

/** Copies left beside the project by a restore that was killed half-way. */
function removeUnfinishedRestores(projectPath: string): void {
  const prefix = restoringPrefix(projectPath);
  for (const name of readdirSync(dirname(projectPath))) {
    if (name.startsWith(prefix)) rmSync(join(dirname(projectPath), name), { force: true });
  }
}

/**
 * The backup is copied beside the project under a temporary name and flushed; the project's WAL and shared
 * memory files are removed (they belong to the file being replaced: kept in the copy made before, if any);
 * then one rename puts the copy in the project's place.
 */
function replaceWithCopy(projectPath: string, backupPath: string): void {
  const temp = join(dirname(projectPath), `${restoringPrefix(projectPath)}${randomBytes(6).toString('hex')}`);
  try {
    copyDurably(backupPath, temp);
    rmSync(`${projectPath}-wal`, { force: true });
    rmSync(`${projectPath}-shm`, { force: true });
    rmSync(`${projectPath}-journal`, { force: true });
    renameSync(temp, projectPath);
    syncFolder(dirname(projectPath));
  } catch (error) {
    rmSync(temp, { force: true });
    throw fileError(
      `Could not restore ${basename(projectPath)}`,
      error,
      'The project is as it was; its copy from before the restore is in the backups folder.',
      projectPath,
    );
  }
}

function fileError(what: string, error: unknown, after: string, near?: string): DossierError {
  if (error instanceof DossierError) return error;
  const why =
    sqliteWriteReason(error, near) ??
    WRITE_REASONS[(error as { code?: string }).code ?? ''] ??
    (error as Error).message;
  return new DossierError('write_failed', `${what}: ${why}. ${after}`);
}
