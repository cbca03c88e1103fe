// A previewed merge keeps the teammate's rows in a staging folder in the temporary directory. A Dossier that
// is killed (or crashes) with a preview open leaves that folder behind; the next merge sweeps such folders
// away, and never one a running Dossier is using.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStaging, sweepStaleStaging } from '../../../../electron/exchange/read';
import { tempDir } from '../../helpers/temp';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

function folder(dir: string, name: string, ageHours = 0): string {
  const path = join(dir, name);
  mkdirSync(path);
  writeFileSync(join(path, 'staging.sqlite'), 'rows of a teammate');
  if (ageHours > 0) {
    const when = new Date(Date.now() - ageHours * 3_600_000);
    utimesSync(path, when, when);
  }
  return name;
}

describe('stale staging folders', () => {
  it('removes those of processes that are gone and those older than a day, and keeps the rest', () => {
    const dir = tempDir();
    const gone = folder(dir, `dossier-merge-${deadPid()}-aB12cD`);
    const mine = folder(dir, `dossier-merge-${process.pid}-xY34zW`);
    const running = folder(dir, `dossier-merge-${process.ppid}-Qw56Er`);
    const runningButOld = folder(dir, `dossier-merge-${process.ppid}-Ty78Ui`, 30);
    const olderVersionRecent = folder(dir, 'dossier-merge-Kd93jf');
    const olderVersionOld = folder(dir, 'dossier-merge-Lp04mg', 25);
    const notOurs = folder(dir, `other-tool-${deadPid()}-abcdef`, 48);
    // A link planted under the name is not followed or removed.
    const target = folder(dir, 'precious');
    symlinkSync(join(dir, target), join(dir, `dossier-merge-${deadPid()}-Zz99Zz`));

    expect(sweepStaleStaging(dir)).toBe(3);
    const left = readdirSync(dir).sort();
    expect(left).not.toContain(gone);
    expect(left).not.toContain(runningButOld);
    expect(left).not.toContain(olderVersionOld);
    for (const kept of [mine, running, olderVersionRecent, notOurs, target]) expect(left).toContain(kept);
    expect(existsSync(join(dir, target, 'staging.sqlite'))).toBe(true);
  });

  it('names a staging folder after its process, and removes it on close', () => {
    const staging = createStaging();
    const path = staging.db.name;
    expect(path).toMatch(new RegExp(`dossier-merge-${process.pid}-[^/\\\\]+[/\\\\]staging\\.sqlite$`));
    expect(existsSync(path)).toBe(true);
    staging.close();
    expect(existsSync(join(path, '..'))).toBe(false);
  });

  it('finds nothing to do in a folder that cannot be read', () => {
    expect(sweepStaleStaging(join(tempDir(), 'missing'))).toBe(0);
  });
});
