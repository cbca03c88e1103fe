// Backups through the contract (electron/services/backup.ts, db/backup-files.ts): where they go, what they
// are, which rotation keeps, restoring one (and undoing that), a damaged project offered its latest backup,
// and what is refused without changing anything.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DossierApp } from '../../../../electron/app';
import { directClient } from '../../../../electron/dispatch';
import {
  backupFileName,
  backupsToKeep,
  listBackups,
  rotateBackups,
  type BackupFile,
} from '../../../../electron/db/backup-files';
import { Project } from '../../../../electron/project';
import type { BackupReason } from '../../../../shared/contract-backups';
import { DossierError } from '../../../../shared/errors';
import { importText, makeApp, rejection } from '../../helpers/app';
import { seedProject } from '../../helpers/projects';
import { tempDir } from '../../helpers/temp';

function appOn(path: string, options: { whenDamaged?: 'throw' | 'open-default' } = {}) {
  const home = tempDir();
  const app = new DossierApp({ projectPath: path, env: { DOSSIER_HOME: home }, ...options });
  return { app, call: directClient(app.dispatch), home };
}

describe('making backups', () => {
  it('writes a consistent, self-contained copy into a folder beside the project', async () => {
    const { app, call, dir } = makeApp();
    try {
      await importText(call, 'note.txt', 'Talks on the border resumed on Tuesday.');
      const backup = await call('backups.create', {});
      expect(backup.reason).toBe('manual');
      expect(backup.fileName).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-manual\.sqlite$/);
      const folder = join(dir, 'project.sqlite.backups');
      expect(readdirSync(folder)).toEqual([backup.fileName]);
      const copy = new Database(join(folder, backup.fileName), { readonly: true });
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      expect(copy.prepare(`SELECT count(*) FROM documents`).pluck().get()).toBe(1);
      copy.close();
      const list = await call('backups.list', {});
      expect(list).toMatchObject({ folder, damaged: null, lastError: null, backups: [backup] });
    } finally {
      app.close();
    }
  });
});

describe('rotation', () => {
  const at = (iso: string, reason: BackupReason = 'scheduled'): BackupFile => ({
    fileName: backupFileName(iso, reason),
    path: '',
    createdAt: iso,
    reason,
    bytes: 1,
  });

  it('keeps the 5 newest, the newest of each of the 7 days before, and the last before an upgrade and a restore', () => {
    const now = new Date(2025, 2, 20, 12, 0, 0);
    const backups: BackupFile[] = [];
    // Every 4 hours for ten days, newest first.
    for (let h = 0; h < 240; h += 4) backups.push(at(new Date(now.getTime() - h * 3600_000).toISOString()));
    backups.push(at(new Date(2025, 2, 1).toISOString(), 'before-upgrade'));
    backups.push(at(new Date(2025, 1, 1).toISOString(), 'before-upgrade'));
    backups.push(at(new Date(2025, 1, 2).toISOString(), 'before-restore'));
    backups.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const keep = backupsToKeep(backups, now);
    const kept = backups.filter((b) => keep.has(b.fileName));
    expect(kept.slice(0, 5)).toEqual(backups.slice(0, 5));
    // The newest of each day of the last 7 × 24 hours (8 calendar days, today's and yesterday's newest being
    // among the 5 newest).
    const days = new Set(
      kept.filter((b) => b.reason === 'scheduled').map((b) => new Date(b.createdAt).toDateString()),
    );
    expect(days.size).toBe(8);
    expect(kept.filter((b) => b.reason === 'before-upgrade').map((b) => b.createdAt)).toEqual([
      new Date(2025, 2, 1).toISOString(),
    ]);
    expect(kept.filter((b) => b.reason === 'before-restore')).toHaveLength(1);
    expect(kept.length).toBe(5 + (8 - 2) + 2);
  });

  it('deletes the rest, and temporary files that a killed backup left', () => {
    const project = join(tempDir(), 'p.sqlite');
    const folder = `${project}.backups`;
    const now = Date.now();
    const names: string[] = [];
    mkdirSync(folder);
    for (let i = 0; i < 12; i++) {
      const name = backupFileName(new Date(now - i * 60_000).toISOString(), 'scheduled');
      writeFileSync(join(folder, name), '');
      names.push(name);
    }
    writeFileSync(join(folder, '.partial-999999999-abcdef.sqlite'), 'half');
    writeFileSync(join(folder, `.partial-${process.pid}-abcdef.sqlite`), 'mine, being written');
    writeFileSync(join(folder, 'notes.txt'), 'the user’s own');
    rotateBackups(project, new Date(now));
    expect(readdirSync(folder).sort()).toEqual(
      [...names.slice(0, 5), `.partial-${process.pid}-abcdef.sqlite`, 'notes.txt'].sort(),
    );
    expect(listBackups(project).map((b) => b.fileName)).toEqual(names.slice(0, 5));
  });
});

describe('restoring a backup', () => {
  it('replaces the open project, keeps it as it was first, and that restore can be undone', async () => {
    const path = join(tempDir(), 'research.sqlite');
    seedProject(path, { documents: 2, highlightsPerDocument: 1 });
    const { app, call } = appOn(path);
    try {
      const backup = await call('backups.create', {});
      await importText(call, 'late.txt', 'A late article about the grain harbour.');
      expect(await call('documents.list', {})).toHaveLength(3);
      const restored = await call('backups.restore', { fileName: backup.fileName });
      expect(restored.project.path).toBe(path);
      expect(restored.restored).toEqual(backup);
      expect(await call('documents.list', {})).toHaveLength(2);
      // Undo: the project as it was before the restore is a backup of its own.
      const before = (await call('backups.list', {})).backups.find((b) => b.reason === 'before-restore')!;
      expect(restored.keptAs).toBe(join(`${path}.backups`, before.fileName));
      await call('backups.restore', { fileName: before.fileName });
      expect((await call('documents.list', {})).map((d) => d.fileName)).toContain('late.txt');
      // The app goes on writing to the restored file.
      await importText(call, 'after.txt', 'Written after the restores.');
    } finally {
      app.close();
    }
    const project = Project.open(path, { create: false });
    expect(project.db.prepare(`SELECT count(*) FROM documents`).pluck().get()).toBe(4);
    project.close();
  });

  it('is refused, changing nothing, while another connection has the project open', async () => {
    const path = join(tempDir(), 'research.sqlite');
    seedProject(path, { documents: 2 });
    const { app, call } = appOn(path);
    const other = Project.open(path, { create: false });
    try {
      const backup = await call('backups.create', {});
      await importText(call, 'late.txt', 'A late article.');
      const refused = await rejection(call('backups.restore', { fileName: backup.fileName }));
      expect(refused.code).toBe('conflict');
      expect(refused.message).toMatch(/open in another Dossier window or command/);
      expect(await call('documents.list', {})).toHaveLength(3);
      expect(other.db.prepare(`SELECT count(*) FROM documents`).pluck().get()).toBe(3);
    } finally {
      other.close();
      app.close();
    }
  });

  it('refuses a damaged backup and a name that is not a backup’s', async () => {
    const path = join(tempDir(), 'research.sqlite');
    seedProject(path, { documents: 1 });
    const { app, call } = appOn(path);
    try {
      const backup = await call('backups.create', {});
      const fd = openSync(join(`${path}.backups`, backup.fileName), 'r+');
      writeSync(fd, Buffer.alloc(100));
      closeSync(fd);
      const damaged = await rejection(call('backups.restore', { fileName: backup.fileName }));
      expect(damaged.message).toMatch(
        /cannot be restored: its first bytes .* overwritten\. Choose another one\./,
      );
      const traversal = await rejection(call('backups.restore', { fileName: '../research.sqlite' }));
      expect(traversal.code).toBe('invalid_input');
      expect(await call('documents.list', {})).toHaveLength(1);
    } finally {
      app.close();
    }
  });
});

describe('a damaged project', () => {
  it('is not opened; the app opens the default project and offers the latest backup, which restores it', async () => {
    const path = join(tempDir(), 'research.sqlite');
    seedProject(path, { documents: 3 });
    const first = appOn(path);
    const backup = await first.call('backups.create', {});
    first.app.close();
    // A foreign WAL beside it, as well as a damaged header.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(100));
    closeSync(fd);
    writeFileSync(`${path}-wal`, 'not the WAL of this project');
    const { app, call } = appOn(path, { whenDamaged: 'open-default' });
    try {
      expect(app.project.path).not.toBe(path);
      const offer = await call('backups.damaged', {});
      expect(offer).toMatchObject({
        project: { path, name: 'research' },
        damaged: 'its first bytes (the database header) are overwritten',
        backups: [backup],
      });
      const restored = await call('backups.restore', { of: 'damaged', fileName: backup.fileName });
      expect(restored.project.path).toBe(path);
      expect(app.project.path).toBe(path);
      expect(await call('documents.list', {})).toHaveLength(3);
      expect(await call('backups.damaged', {})).toBeNull();
      // The damaged file and its WAL are kept beside the backups, not deleted.
      expect(restored.keptAs).toMatch(/-damaged\.sqlite$/);
      expect(existsSync(restored.keptAs!)).toBe(true);
      expect(existsSync(`${restored.keptAs!}-wal`)).toBe(true);
      // The foreign WAL went with the damaged file: it can never be applied to the restored one.
      if (existsSync(`${path}-wal`)) expect(readFileSync(`${path}-wal`, 'utf8')).not.toMatch(/not the WAL/);
    } finally {
      app.close();
    }
  });

  it('opened from the window: refused, then offered with its backups; another failure clears the offer', async () => {
    const damaged = join(tempDir(), 'old.sqlite');
    seedProject(damaged, { documents: 1 });
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(100));
    closeSync(fd);
    const { app, call } = makeApp();
    try {
      const refused = await rejection(call('projects.open', { path: damaged }));
      expect(refused.code).toBe('project_error');
      expect(refused.message).toMatch(/old\.sqlite is damaged: .*The file was not changed\.$/);
      expect(await call('backups.damaged', {})).toMatchObject({ project: { path: damaged }, backups: [] });
      await rejection(call('projects.open', { path: join(tempDir(), 'missing.sqlite') }));
      expect(await call('backups.damaged', {})).toBeNull();
    } finally {
      app.close();
    }
  });

  it('is refused outright where the caller asks (the command line), naming the problem', () => {
    const path = join(tempDir(), 'research.sqlite');
    seedProject(path, { documents: 1 });
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(100));
    closeSync(fd);
    let caught: unknown;
    try {
      appOn(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DossierError);
    expect((caught as Error).message).toMatch(/research\.sqlite is damaged: its first bytes/);
  });
});

describe('checking the project', () => {
  it('says a healthy project is healthy, quickly or in full', async () => {
    const path = join(tempDir(), 'research.sqlite');
    seedProject(path, { documents: 2 });
    const { app, call } = appOn(path);
    try {
      const quick = await call('projects.check', {});
      expect(quick).toMatchObject({ ok: true, level: 'quick', problems: [] });
      expect(quick.verdict).toMatch(/^research\.sqlite is healthy/);
      expect((await call('projects.check', { full: true })).level).toBe('full');
    } finally {
      app.close();
    }
  });
});
