// The machine a bench ran on, for bench/RESULTS.md: figures mean little without the CPU, the memory and the
// versions of what did the work (Node, SQLite, Chromium), and the commit that was measured.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import Database from 'better-sqlite3';
import type { Machine } from './results';

function output(command: string, args: string[], cwd?: string): string | null {
  const run = spawnSync(command, args, { encoding: 'utf8', cwd, timeout: 10_000 });
  return run.status === 0 ? run.stdout.trim() : null;
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty) return `${pretty[1]} (${type()} ${release()})`;
  } catch {
    // Not Linux, or no os-release: the kernel's name is enough.
  }
  return `${type()} ${release()}`;
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return db.prepare('SELECT sqlite_version()').pluck().get() as string;
  } finally {
    db.close();
  }
}

export function describeMachine(chromiumPath: string): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    ramBytes: totalmem(),
    os: osName(),
    node: process.version,
    sqlite: sqliteVersion(),
    chromium: output(chromiumPath, ['--version'])?.split('\n')[0] ?? null,
    load: loadavg()[0]!,
  };
}

/** The commit being measured, "+changes" when the working tree differs from it. */
export function currentCommit(cwd: string): string {
  const commit = output('git', ['rev-parse', '--short', 'HEAD'], cwd) ?? 'unknown';
  const status = output('git', ['status', '--porcelain', '--untracked-files=no'], cwd);
  return status ? `${commit}+changes` : commit;
}
