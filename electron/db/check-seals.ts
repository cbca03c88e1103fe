// Seals of projects found sound when Dossier last closed them. Opening a project checks every page of every
// table (connection.ts), about 1 ms per MB: 420 ms of the 530 ms it takes to open a project of 10,000
// documents. A project Dossier checked (at open, or at close after writing to it) and closed, and that nothing
// has touched since, need not be checked again: the seal is the file's identity and times as the close left
// them. Any write to the file, by Dossier or any other program, a copy over it or a restored backup changes
// its change time (ctime, which programs cannot set back) or its inode, and a file with a -wal beside it
// (Dossier stopped without closing) is never taken as sealed. A seal older than a month is not taken either,
// so that a project is checked from time to time whatever happens. A seal also keeps the project's newest
// change as the close left it, which opening would otherwise find by reading every table's updated_at.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../services/atomic-write';

/** A seal is taken for this long after the check it records. */
export const SEAL_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_SEALS = 100;

/** The file's device, inode, size, and modification and change times in nanoseconds; null if it is absent. */
export function fileFingerprint(path: string): string | null {
  try {
    const stat = statSync(path, { bigint: true });
    return [stat.dev, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs].join(':');
  } catch {
    return null;
  }
}

/** Files beside a project that mean it was not closed cleanly, or is open elsewhere. */
function hasCompanions(path: string): boolean {
  return ['-wal', '-journal'].some((suffix) => existsSync(path + suffix));
}

export interface CheckSeals {
  /** The seal of the project at `path` if it is as Dossier left it after a check that found it sound. */
  sealed(path: string, now?: number): { latestChange: string | null } | null;
  /**
   * Records the project at `path`, just closed and found sound, as it is now; `latestChange` is a time no
   * earlier than its newest change.
   */
  seal(path: string, latestChange: string | null, now?: number): void;
}

const SealFile = z.object({
  seals: z
    .array(
      z.object({
        path: z.string(),
        fingerprint: z.string(),
        checkedAt: z.number(),
        latestChange: z.string().nullable(),
      }),
    )
    .max(MAX_SEALS * 2),
});
type Seal = z.infer<typeof SealFile>['seals'][number];

/** Seals kept in a JSON file in Dossier's data folder; an unreadable file holds none. */
export class FileCheckSeals implements CheckSeals {
  constructor(private readonly file: string) {}

  sealed(path: string, now = Date.now()): { latestChange: string | null } | null {
    const absolute = resolve(path);
    const seal = this.read().find((s) => s.path === absolute);
    if (!seal || now - seal.checkedAt > SEAL_MAX_AGE_MS || now < seal.checkedAt) return null;
    if (hasCompanions(absolute) || fileFingerprint(absolute) !== seal.fingerprint) return null;
    return { latestChange: seal.latestChange };
  }

  seal(path: string, latestChange: string | null, now = Date.now()): void {
    const absolute = resolve(path);
    const fingerprint = hasCompanions(absolute) ? null : fileFingerprint(absolute);
    const others = this.read().filter((s) => s.path !== absolute);
    const seals = fingerprint
      ? [{ path: absolute, fingerprint, checkedAt: now, latestChange }, ...others]
      : others;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileAtomic(this.file, JSON.stringify({ seals: seals.slice(0, MAX_SEALS) }));
    } catch {
      // Without a seal the project is checked at its next open, as it would be anyway.
    }
  }

  private read(): Seal[] {
    try {
      return SealFile.parse(JSON.parse(readFileSync(this.file, 'utf8'))).seals;
    } catch {
      return [];
    }
  }
}
