// Writing a file so that it is either wholly there or not changed at all: the bytes go to a temporary file
// beside it, are flushed to disk, and the temporary file is renamed over the target (an atomic step on every
// file system Dossier runs on). A failure (a full disk, no permission) removes the temporary file and says
// what happened in plain words; the old file, if any, is untouched.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DossierError } from '../../shared/errors';

/** System error codes of a failed write, in words. */
export const WRITE_REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission was denied',
  EPERM: 'permission was denied',
  EROFS: 'the disk is read-only',
  ENOENT: 'the folder does not exist',
  EISDIR: 'it is a folder',
  EIO: 'the disk reported an error',
};

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  // A short name beside the target (a long file name plus a suffix could pass the 255-byte limit).
  const temp = join(dirname(path), `.dossier-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    // The file replaced keeps its permissions (an export over a private file stays private).
    let mode = 0o644;
    try {
      mode = statSync(path).mode & 0o777;
    } catch {
      // No file there yet.
    }
    fd = openSync(temp, 'wx', mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let written = 0; written < bytes.length;) {
      written += writeSync(fd, bytes, written, bytes.length - written);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, path);
  } catch (error) {
    try {
      if (fd !== null) closeSync(fd);
    } finally {
      rmSync(temp, { force: true });
    }
    const code = (error as { code?: string }).code ?? '';
    const why = WRITE_REASONS[code] ?? (error as Error).message;
    throw new DossierError('write_failed', `Could not write ${basename(path)}: ${why}. Nothing was changed.`);
  }
}
