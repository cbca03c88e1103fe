// Backups of a project, as files. They live in a folder beside the project ("Research.sqlite.backups"), so
// they are found from the project's path alone (also when the project itself is too damaged to read) and
// travel with it when the folder is copied. Each backup is written to a temporary file in that folder,
// switched out of WAL mode (a backup is one self-contained file), flushed to disk and only then renamed to
// its final name: a crash or a full disk while backing up leaves the earlier backups as they were.
//
// Rotation keeps the 5 newest, the newest of each of the 7 days before, and the newest made before an
// upgrade and before a restore (so an upgrade or a restore can always be undone); the rest are deleted.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import DatabaseConstructor, { type Database } from 'better-sqlite3';
import { DossierError } from '../../shared/errors';
import { BACKUP_FILE_NAME, type BackupReason } from '../../shared/contract-backups';
import { WRITE_REASONS } from '../services/atomic-write';
import { sqliteWriteReason } from './write-errors';

export type { BackupReason };

export const KEEP_NEWEST = 5;
export const KEEP_DAYS = 7;

export interface BackupFile {
  fileName: string;
  path: string;
  /** When the copy was taken (ISO 8601, UTC). */
  createdAt: string;
  reason: BackupReason;
  bytes: number;
}

const TEMP_PREFIX = '.partial-';

export function backupFolder(projectPath: string): string {
  return join(dirname(projectPath), `${basename(projectPath)}.backups`);
}

export function backupFileName(createdAt: string, reason: BackupReason): string {
  return `${createdAt.replaceAll(':', '-')}-${reason}.sqlite`;
}

/** A backup's time and reason from its name, or null for any other file. */
export function parseBackupName(fileName: string): { createdAt: string; reason: BackupReason } | null {
  const match = BACKUP_FILE_NAME.exec(fileName);
  if (!match) return null;
  const [date, time] = match[1]!.split('T') as [string, string];
  return {
    createdAt: `${date}T${time.replace(/^(\d\d)-(\d\d)-/, '$1:$2:')}`,
    reason: match[2] as BackupReason,
  };
}

/** The project's backups, newest first. */
export function listBackups(projectPath: string): BackupFile[] {
  const folder = backupFolder(projectPath);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const backups: BackupFile[] = [];
  for (const fileName of names) {
    const parsed = parseBackupName(fileName);
    if (!parsed) continue;
    try {
      const path = join(folder, fileName);
      backups.push({ fileName, path, ...parsed, bytes: statSync(path).size });
    } catch {
      // Deleted meanwhile (another window rotating): not a backup any more.
    }
  }
  return backups.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Which backups rotation keeps (by file name), given them newest first; `now` decides what "a day" is. */
export function backupsToKeep(backups: readonly BackupFile[], now: Date): Set<string> {
  const keep = new Set(backups.slice(0, KEEP_NEWEST).map((b) => b.fileName));
  const oldest = now.getTime() - KEEP_DAYS * 24 * 3600 * 1000;
  const days = new Set<string>();
  for (const b of backups) {
    const at = new Date(b.createdAt);
    if (at.getTime() < oldest) continue;
    // Local days: "yesterday's backup" means the user's yesterday.
    const day = `${at.getFullYear()}-${at.getMonth()}-${at.getDate()}`;
    if (!days.has(day)) {
      days.add(day);
      keep.add(b.fileName);
    }
  }
  for (const reason of ['before-upgrade', 'before-restore'] as const) {
    const newest = backups.find((b) => b.reason === reason);
    if (newest) keep.add(newest.fileName);
  }
  return keep;
}

/** Deletes the backups rotation does not keep, and temporary files left by a crash; returns what it deleted. */
export function rotateBackups(projectPath: string, now = new Date()): string[] {
  const backups = listBackups(projectPath);
  const keep = backupsToKeep(backups, now);
  const deleted: string[] = [];
  for (const b of backups) {
    if (keep.has(b.fileName)) continue;
    rmSync(b.path, { force: true });
    deleted.push(b.fileName);
  }
  removeStaleTemporaryFiles(backupFolder(projectPath));
  return deleted;
}

/** Temporary files of backups that never finished (the process was killed): not this process's own. */
function removeStaleTemporaryFiles(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number(/^\.partial-(\d+)-/.exec(name)?.[1]);
    if (pid === process.pid || isRunning(pid)) continue;
    rmSync(join(folder, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * Writes a backup: `copy` fills a temporary file in the backups folder (SQLite's online backup or VACUUM
 * INTO), which is then made a rollback-journal database, flushed and renamed to its final name; then the
 * folder is rotated. A failure removes the temporary file, leaves every earlier backup as it was, and says
 * why in words (DossierError 'write_failed').
 */
export async function writeBackup(
  projectPath: string,
  reason: BackupReason,
  createdAt: string,
  copy: (tempPath: string) => void | Promise<void>,
): Promise<BackupFile> {
  const { temp, folder } = prepareTemp(projectPath);
  try {
    await copy(temp);
    return finish(projectPath, folder, temp, reason, createdAt);
  } catch (error) {
    throw backupFailed(projectPath, temp, error);
  }
}

/** The same, for a copy made synchronously (before an upgrade, when the project is being opened). */
export function writeBackupSync(
  projectPath: string,
  reason: BackupReason,
  createdAt: string,
  copy: (tempPath: string) => void,
): BackupFile {
  const { temp, folder } = prepareTemp(projectPath);
  try {
    copy(temp);
    return finish(projectPath, folder, temp, reason, createdAt);
  } catch (error) {
    throw backupFailed(projectPath, temp, error);
  }
}

/** A consistent copy of an open database into `tempPath` in one statement (it holds a read transaction). */
export function vacuumInto(db: Database, tempPath: string): void {
  db.prepare('VACUUM INTO ?').run(tempPath);
}

function prepareTemp(projectPath: string): { temp: string; folder: string } {
  const folder = backupFolder(projectPath);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw backupFailed(projectPath, null, error);
  }
  const temp = join(folder, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}.sqlite`);
  return { temp, folder };
}

function finish(
  projectPath: string,
  folder: string,
  temp: string,
  reason: BackupReason,
  createdAt: string,
): BackupFile {
  // One self-contained file: no -wal or -shm beside a backup when it is opened or copied.
  const copy = new DatabaseConstructor(temp, { fileMustExist: true });
  try {
    if (copy.pragma('journal_mode', { simple: true }) !== 'delete') copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const fd = openSync(temp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  let fileName = backupFileName(createdAt, reason);
  // Two backups in the same millisecond (two processes): the later one moves on by a millisecond.
  for (let at = Date.parse(createdAt); exists(join(folder, fileName)); at += 1) {
    fileName = backupFileName(new Date(at + 1).toISOString(), reason);
  }
  const path = join(folder, fileName);
  renameSync(temp, path);
  syncFolder(folder);
  const parsed = parseBackupName(fileName)!;
  const backup: BackupFile = { fileName, path, ...parsed, bytes: statSync(path).size };
  try {
    rotateBackups(projectPath);
  } catch {
    // An old backup that cannot be deleted now is deleted by a later rotation; the new one is safe.
  }
  return backup;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Makes a rename durable: the folder's entry is flushed too (Linux and macOS; Windows cannot open folders). */
export function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function backupFailed(projectPath: string, temp: string | null, error: unknown): DossierError {
  if (temp) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
  }
  if (error instanceof DossierError) return error;
  const why =
    sqliteWriteReason(error, projectPath) ??
    WRITE_REASONS[(error as { code?: string }).code ?? ''] ??
    (error as Error).message;
  return new DossierError(
    'write_failed',
    `Could not back up ${basename(projectPath)}: ${why}. The earlier backups are as they were.`,
  );
}
