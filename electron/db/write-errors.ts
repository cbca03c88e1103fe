// SQLite's write failures in words. SQLite says "database or disk is full" or "disk I/O error"; a researcher
// should read "the disk is full" and know that nothing was half-saved (every write is one transaction, which
// SQLite rolls back). The codes are better-sqlite3's SqliteError codes (extended result codes).
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DossierError } from '../../shared/errors';

/**
 * Why a write failed, in words, or null when the error is not a write failure SQLite reports. SQLite calls
 * some full disks an I/O error (no room to grow its shared-memory file): with `near`, a file on that disk, a
 * disk found full is called full.
 */
export function sqliteWriteReason(error: unknown, near?: string): string | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_FULL') return 'the disk is full';
  if (code.startsWith('SQLITE_IOERR')) {
    return near !== undefined && diskIsFull(near) ? 'the disk is full' : 'the disk reported an error';
  }
  if (code.startsWith('SQLITE_READONLY')) return 'the project file cannot be written';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return 'another Dossier window or command kept the project busy';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'a file beside the project could not be created';
  if (code.startsWith('SQLITE_CORRUPT')) return 'the project file is damaged';
  return null;
}

/** Whether the disk holding `path` has (almost) no room left for the user. */
export function diskIsFull(path: string): boolean {
  try {
    const stats = statfsSync(dirname(path));
    return stats.bavail * stats.bsize < 256 * 1024;
  } catch {
    return false;
  }
}

/** A failed write as a DossierError the UI and the CLI show as it is; other errors are returned unchanged. */
export function plainWriteError(error: unknown, near?: string): unknown {
  const why = sqliteWriteReason(error, near);
  if (why === null) return error;
  const advice =
    why === 'the disk is full'
      ? ' Free some space and try again.'
      : why.startsWith('another') || why.startsWith('the disk')
        ? ' Try again.'
        : '';
  return new DossierError('write_failed', `${capitalise(why)}: nothing was saved.${advice}`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
