// Prepared projects for the fault tests, and the checks made after every fault: the project opens through
// the app's own checks (a crash must never look like damage), SQLite's quick_check and foreign_key_check
// are clean, and a summary of what it holds to compare with the states it may legitimately be in.
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { Project } from '../../../electron/project';

/**
 * A folder for one run. In memory (/dev/shm) where there is one: a kill -9 is a process crash, not a power
 * cut, so what the kernel holds is what survives either way, and flushing to a real disk would only make six
 * hundred runs slower. The full-disk and failing-disk tests make their own disks.
 */
export function scratchDir(prefix = 'dossier-fault-'): string {
  return mkdtempSync(join(memoryBacked ?? tmpdir(), prefix));
}

const memoryBacked = (() => {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return statSync('/dev/shm').isDirectory() ? '/dev/shm' : null;
  } catch {
    return null;
  }
})();

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A copy of a prepared project (closed cleanly: its WAL, if any, is empty) for one run. */
export function copyProject(from: string, dir: string, name = 'project.sqlite'): string {
  const to = join(dir, name);
  copyFileSync(from, to);
  // A WAL with changes in it would be left behind by the copy (a read-only look leaves an empty one).
  if (existsSync(`${from}-wal`) && statSync(`${from}-wal`).size > 0)
    throw new Error(`${from} was not closed cleanly`);
  return to;
}

export const COUNTED_TABLES = [
  'documents',
  'document_texts',
  'document_originals',
  'highlights',
  'tags',
  'highlight_tags',
  'claims',
  'claim_passages',
  'entities',
  'events',
  'search_rows',
] as const;

export type Counts = Record<(typeof COUNTED_TABLES)[number], number>;

export function counts(project: Project): Counts {
  const result = {} as Counts;
  for (const table of COUNTED_TABLES) {
    result[table] = project.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }
  return result;
}

/**
 * Opens a project after a fault the way the app does, and asserts SQLite finds nothing wrong with it; the
 * caller then asserts what it holds. Returns the open project (close it).
 */
export function openAndVerify(path: string, context: string): Project {
  let project: Project;
  try {
    project = Project.open(path, { create: false });
  } catch (error) {
    throw new Error(`${context}: the project did not open after the fault: ${(error as Error).message}`, {
      cause: error,
    });
  }
  expect(project.db.pragma('quick_check', { simple: true }), context).toBe('ok');
  expect(project.db.pragma('foreign_key_check'), context).toEqual([]);
  return project;
}
