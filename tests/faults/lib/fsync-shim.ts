// Builds fail-fsync.c into a shared library for LD_PRELOAD (see there). It needs a C compiler: CI installs
// gcc (.ci/run); without one the tests that need it fail and say so, rather than pass untested.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCE = join(import.meta.dirname, 'fail-fsync.c');

export function fsyncShim(): string {
  const dir = join(ROOT, 'node_modules', '.cache', 'dossier-faults');
  mkdirSync(dir, { recursive: true });
  const library = join(dir, 'fail-fsync.so');
  if (existsSync(library)) return library;
  try {
    execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', library, SOURCE, '-ldl'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `Failing SQLite's fsync needs a C compiler to build an LD_PRELOAD shim (apt-get install gcc): ${(error as Error).message}`,
      { cause: error },
    );
  }
  return library;
}

/** The environment of a child whose flushes fail for paths containing `match`. */
export function failingFsync(match: string): NodeJS.ProcessEnv {
  return { LD_PRELOAD: fsyncShim(), DOSSIER_FAIL_FSYNC: match };
}
