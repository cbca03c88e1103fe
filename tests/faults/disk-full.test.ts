// A full disk (issue 9): an import, an edit, an export (a .dossier file and a bibliography), a backup and an
// upgrade each fail with "the disk is full" in plain words, leave nothing half-written, and succeed as they
// are once space is freed.
//
// The disk is a real one where the test may mount a small tmpfs (root with CAP_SYS_ADMIN): every write,
// SQLite's and ours, meets a real ENOSPC. Where it may not, the test says so and fills the disk by other
// means: SQLite's max_page_count (SQLITE_FULL through SQLite's real error path) and ENOSPC injected into
// node:fs (our own file writes); an upgrade then meets the full disk at its backup's fsync.
import fs, { existsSync, readdirSync, rmSync, writeFileSync, openSync, closeSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DossierApp } from '../../electron/app';
import { directClient } from '../../electron/dispatch';
import { listBackups } from '../../electron/db/backup-files';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations/index';
import { Project } from '../../electron/project';
import { DossierError } from '../../shared/errors';
import { articleText, seedProject } from '../unit/helpers/projects';
import { buildSchemaFixture } from './lib/schema-fixtures';
import { counts, openAndVerify, removeDir, scratchDir } from './lib/projects';

const FULL = /[Tt]he disk is full/;
let root: string;
let mounted: string | null = null;
let disk: string;

beforeAll(() => {
  root = scratchDir();
  disk = join(root, 'disk');
  fs.mkdirSync(disk);
  if (process.env.DOSSIER_FAULTS_NO_MOUNT) return;
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0755', 'tmpfs', disk]);
  if (mount.status === 0) mounted = disk;
  else {
    console.warn(
      `disk-full: cannot mount a tmpfs here (${mount.stderr.toString().trim() || mount.error?.message}); SQLite's max_page_count and ENOSPC injected into node:fs stand in for a full disk`,
    );
  }
});

afterAll(() => {
  // Lazily if a failed test left a file open on it.
  if (mounted && spawnSync('umount', [mounted]).status !== 0) spawnSync('umount', ['-l', mounted]);
  removeDir(root);
});

afterEach(() => {
  free();
});

const FILLER = () => join(disk, 'filler.bin');
let pageLimited: Project[] = [];

function enospc(): never {
  throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
}

/** Fills the disk: to the last byte on the tmpfs; otherwise SQLite may not grow `projects` and fs fails. */
function fill(...projects: Project[]): void {
  if (mounted) {
    const fd = openSync(FILLER(), 'w');
    try {
      for (const size of [1 << 20, 1 << 16, 1 << 12, 512, 1]) {
        const chunk = Buffer.alloc(size, 1);
        for (;;) {
          try {
            writeSync(fd, chunk);
          } catch {
            break;
          }
        }
      }
    } finally {
      closeSync(fd);
    }
    return;
  }
  for (const project of projects) {
    const pages = project.db.pragma('page_count', { simple: true }) as number;
    project.db.pragma(`max_page_count = ${pages}`);
    pageLimited.push(project);
  }
  vi.spyOn(fs, 'writeSync').mockImplementation(enospc);
  vi.spyOn(fs, 'fsyncSync').mockImplementation(enospc);
  vi.spyOn(fs, 'write').mockImplementation(((...args: unknown[]) => {
    const callback = args[args.length - 1] as (error: Error) => void;
    process.nextTick(() =>
      callback(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
    );
  }) as typeof fs.write);
  vi.spyOn(fs, 'writev').mockImplementation(((...args: unknown[]) => {
    const callback = args[args.length - 1] as (error: Error) => void;
    process.nextTick(() =>
      callback(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
    );
  }) as typeof fs.writev);
  syncBuiltinESMExports();
}

function free(): void {
  rmSync(FILLER(), { force: true });
  for (const project of pageLimited) if (project.db.open) project.db.pragma('max_page_count = 4294967294');
  pageLimited = [];
  vi.restoreAllMocks();
  syncBuiltinESMExports();
}

async function failure(promise: Promise<unknown>): Promise<DossierError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    return error as DossierError;
  }
  throw new Error('expected the operation to fail on a full disk');
}

/** Files in a folder but the project's own (and its backups folder). */
function strayFiles(folder: string): string[] {
  return readdirSync(folder).filter(
    (f) => !/^project\.sqlite(-wal|-shm)?$/.test(f) && !f.endsWith('.backups') && f !== 'filler.bin',
  );
}

function appOnDisk(name: string) {
  const folder = join(disk, name);
  fs.mkdirSync(folder);
  const path = join(folder, 'project.sqlite');
  seedProject(path, { documents: 3, highlightsPerDocument: 1 });
  const app = new DossierApp({ projectPath: path, env: { DOSSIER_HOME: join(root, `home-${name}`) } });
  return { app, call: directClient(app.dispatch), folder, path };
}

describe(`a full disk`, () => {
  it('an import and an edit: "the disk is full", nothing stored, and they work once space is freed', async () => {
    const { app, call, path } = appOnDisk('import');
    try {
      const before = counts(app.project);
      const text = `Report\n\n${articleText(42, 400)}`;
      const upload = { fileName: 'report.txt', dataBase64: Buffer.from(text).toString('base64') };
      const documentId = (await call('documents.list', {}))[0]!.id;
      fill(app.project);
      // An import reports each file's outcome: this one failed, and says why.
      const refused = await call('documents.importFile', upload);
      expect(refused.status).toBe('failed');
      expect(refused.status === 'failed' && refused.reason).toMatch(FULL);
      const edit = await failure(
        call('highlights.create', { documentId, start: 0, end: 6, color: 'blue', note: 'x'.repeat(20_000) }),
      );
      expect(edit.message).toMatch(FULL);
      free();
      expect(counts(app.project)).toEqual(before);
      const imported = await call('documents.importFile', upload);
      expect(imported.status).toBe('imported');
      await call('highlights.create', {
        documentId,
        start: 0,
        end: 6,
        color: 'blue',
        note: 'x'.repeat(20_000),
      });
    } finally {
      app.close();
    }
    const after = openAndVerify(path, 'import on a full disk');
    try {
      expect(
        after.db.prepare(`SELECT count(*) FROM documents WHERE file_name = 'report.txt'`).pluck().get(),
      ).toBe(1);
    } finally {
      after.close();
    }
  });

  it('an export, a .dossier file or a bibliography: complete or absent', async () => {
    const { app, call, folder } = appOnDisk('export');
    try {
      const target = join(folder, 'for-teammate.dossier');
      fill(app.project);
      const refused = await failure(call('exchange.export', { target: { path: target } }));
      expect(refused.code).toBe('write_failed');
      expect(refused.message).toMatch(/disk is full/);
      expect(existsSync(target)).toBe(false);
      expect(strayFiles(folder)).toEqual([]);
      free();
      const written = await call('exchange.export', { target: { path: target } });
      expect(written?.bytes).toBeGreaterThan(0);
      expect(existsSync(target)).toBe(true);
    } finally {
      app.close();
    }
    // The command line's exports go through writeFileAtomic.
    const { writeFileAtomic } = await import('../../electron/services/atomic-write');
    const bibliography = join(folder, 'references.html');
    writeFileSync(bibliography, 'the previous export');
    fill();
    expect(() => writeFileAtomic(bibliography, 'x'.repeat(4 << 20))).toThrow(
      /^Could not write references\.html: the disk is full\. Nothing was changed\.$/,
    );
    free();
    expect(fs.readFileSync(bibliography, 'utf8')).toBe('the previous export');
    expect(strayFiles(folder).sort()).toEqual(['for-teammate.dossier', 'references.html']);
  });

  it('a backup: refused in words, the earlier backups intact, and made once space is freed', async () => {
    const { app, call, path, folder } = appOnDisk('backup');
    try {
      const first = await call('backups.create', {});
      const backupsFolder = join(folder, 'project.sqlite.backups');
      fill(app.project);
      const refused = await failure(call('backups.create', {}));
      expect(refused.message).toMatch(
        /^Could not back up project\.sqlite: the disk is full\. The earlier backups are as they were\.$/,
      );
      free();
      expect(readdirSync(backupsFolder)).toEqual([first.fileName]);
      const second = await call('backups.create', {});
      expect(listBackups(path).map((b) => b.fileName)).toEqual([second.fileName, first.fileName]);
    } finally {
      app.close();
    }
  });

  it('an upgrade: refused in words, the project left as it was, and done once space is freed', () => {
    const folder = join(disk, 'upgrade');
    fs.mkdirSync(folder);
    const path = join(folder, 'project.sqlite');
    buildSchemaFixture(path, 5, 40);
    fill();
    let refused: unknown;
    try {
      Project.open(path, { create: false }).close();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DossierError);
    expect((refused as DossierError).message).toMatch(/disk is full/);
    expect((refused as DossierError).message).toMatch(/(was not changed|Nothing was changed|as they were)/);
    free();
    const untouched = new Database(path, { readonly: true });
    expect(untouched.pragma('user_version', { simple: true })).toBe(5);
    expect(untouched.pragma('quick_check', { simple: true })).toBe('ok');
    untouched.close();
    const upgraded = Project.open(path, { create: false });
    expect(upgraded.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    upgraded.close();
    expect(listBackups(path).map((b) => b.reason)).toEqual(['before-upgrade']);
  });
});
