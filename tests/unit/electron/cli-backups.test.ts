// `dossier backup`, `dossier restore` and `dossier check` in-process: what they print and the status they
// return, on a healthy project and on a damaged one.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli';
import { latestBackupAdvice } from '../../../electron/cli-backups';
import { DamagedProjectError } from '../../../electron/db/file-check';
import { Project } from '../../../electron/project';
import { seedProject } from '../helpers/projects';
import { tempDir } from '../helpers/temp';

let stdout = '';

beforeEach(() => {
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  vi.stubEnv('DOSSIER_HOME', tempDir());
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

function damageHeader(path: string): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(100));
  closeSync(fd);
}

describe('dossier backup, restore and check', () => {
  it('backs up, lists the backups, checks, and restores a damaged project from its latest backup', async () => {
    const project = join(tempDir(), 'research.sqlite');
    seedProject(project, { documents: 3 });

    expect(await main(['backup', '--project', project])).toBe(0);
    expect(stdout).toMatch(
      /^Backed up .*research\.sqlite to .*research\.sqlite\.backups\/.*-manual\.sqlite \(\d+\.\d MB\); 1 backups kept\.\n$/,
    );
    stdout = '';
    expect(await main(['backup', '--project', project, '--json'])).toBe(0);
    const second = JSON.parse(stdout).backup as { fileName: string };

    stdout = '';
    expect(await main(['restore', '--project', project])).toBe(0);
    expect(stdout).toContain(`Backups of ${project}`);
    expect(stdout).toContain(`${second.fileName}  `);
    expect(stdout).toContain('made by hand');
    stdout = '';
    expect(await main(['restore', '--project', project, '--json'])).toBe(0);
    expect(JSON.parse(stdout).backups[0].fileName).toBe(second.fileName);

    stdout = '';
    expect(await main(['check', '--project', project])).toBe(0);
    expect(stdout).toMatch(
      /^research\.sqlite is healthy: no problems found \(full integrity check, foreign keys\)\.\n$/,
    );

    damageHeader(project);
    stdout = '';
    expect(await main(['check', '--project', project, '--quick'])).toBe(1);
    expect(stdout).toMatch(
      /^research\.sqlite is damaged: its first bytes \(the database header\) are overwritten\.\n/,
    );
    expect(stdout).toContain(`restore it with: dossier restore ${second.fileName} --project "${project}"`);

    // Any other command refuses it; the error names the backup and the command (runCli adds the advice).
    await expect(main(['list', 'documents', '--project', project])).rejects.toBeInstanceOf(
      DamagedProjectError,
    );
    expect(latestBackupAdvice(project)).toMatch(
      new RegExp(
        `^Its latest backup is from .+ \\(\\d+\\.\\d MB\\); restore it with: dossier restore ${second.fileName.replaceAll('.', '\\.')} --project`,
      ),
    );

    stdout = '';
    expect(await main(['restore', second.fileName, '--project', project])).toBe(0);
    expect(stdout).toMatch(
      /^Restored .* from its backup of .* \(made by hand\)\.\nThe project as it was before is kept as .*-damaged\.sqlite\.\n$/,
    );
    const reopened = Project.open(project, { create: false });
    expect(reopened.db.prepare(`SELECT count(*) FROM documents`).pluck().get()).toBe(3);
    reopened.close();
  });

  it('refuses a name that is not a backup, and says when there are none', async () => {
    const project = join(tempDir(), 'empty.sqlite');
    seedProject(project, { documents: 1 });
    await expect(main(['restore', '../empty.sqlite', '--project', project])).rejects.toThrow(
      /Not the name of a backup/,
    );
    expect(await main(['restore', '--project', project])).toBe(0);
    expect(stdout).toMatch(/has no backups/);
  });
});
