// A disk that fails (issue 9): EIO on write, fsync and rename during an export, a backup, an import and an
// upgrade. Every time: a clean error in words, nothing half-written (an export is complete or absent, the
// earlier backups intact, the project as it was), and the same operation works once the disk does.
//
// Our own file writes (the .dossier archive, writeFileAtomic, a backup's flush and rename) meet EIO injected
// into node:fs. SQLite's own writes cannot be reached from JavaScript: they run in a child process under a
// file-size limit (RLIMIT_FSIZE), where the kernel refuses writes past it with EFBIG, a real write error
// through SQLite's real error path; and its flushes fail with EIO in a child that preloads a small shim
// (lib/fail-fsync.c, built with the C compiler CI installs).
import fs, { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DossierApp } from '../../electron/app';
import { directClient } from '../../electron/dispatch';
import { listBackups } from '../../electron/db/backup-files';
import { Project } from '../../electron/project';
import { writeFileAtomic } from '../../electron/services/atomic-write';
import { DossierError } from '../../shared/errors';
import { articleText, projectFilesState, seedProject } from '../unit/helpers/projects';
import { buildSchemaFixture } from './lib/schema-fixtures';
import { runChild } from './lib/children';
import { failingFsync } from './lib/fsync-shim';
import { counts, copyProject, openAndVerify, removeDir, scratchDir } from './lib/projects';

const DISK_ERROR = /the disk reported an error/i;
type Fault = 'write' | 'fsync' | 'rename';
const FAULTS: Fault[] = ['write', 'fsync', 'rename'];

let dir: string;
let seeded: string;
/** FileHandle's methods (the zip writer's) reach the disk through bindings of their own, not fs.write or fs.fsync. */
let fileHandle: FileHandle;
beforeAll(async () => {
  dir = scratchDir();
  seeded = join(dir, 'seeded.sqlite');
  seedProject(seeded, { documents: 6, highlightsPerDocument: 2 });
  const probe = await fs.promises.open(join(dir, 'probe'), 'w');
  fileHandle = Object.getPrototypeOf(probe) as FileHandle;
  await probe.close();
});
afterAll(() => removeDir(dir));
afterEach(() => heal());

function eio(syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EIO: i/o error, ${syscall}`), { code: 'EIO', errno: -5, syscall });
}

/** Makes every call of one kind fail with EIO, in the sync, callback and promise forms of node:fs. */
function breakDisk(fault: Fault): void {
  const callbackFailing = (syscall: string) =>
    ((...args: unknown[]) => {
      const callback = args[args.length - 1] as (error: Error) => void;
      process.nextTick(() => callback(eio(syscall)));
    }) as never;
  const throwing = (syscall: string) =>
    (() => {
      throw eio(syscall);
    }) as never;
  const rejecting = (syscall: string) => (() => Promise.reject(eio(syscall))) as never;
  if (fault === 'write') {
    vi.spyOn(fs, 'writeSync').mockImplementation(throwing('write'));
    vi.spyOn(fs, 'write').mockImplementation(callbackFailing('write'));
    vi.spyOn(fs, 'writev').mockImplementation(callbackFailing('writev'));
    vi.spyOn(fileHandle, 'write').mockImplementation(rejecting('write'));
    vi.spyOn(fileHandle, 'writev').mockImplementation(rejecting('writev'));
  } else if (fault === 'fsync') {
    vi.spyOn(fs, 'fsyncSync').mockImplementation(throwing('fsync'));
    vi.spyOn(fs, 'fsync').mockImplementation(callbackFailing('fsync'));
    vi.spyOn(fileHandle, 'sync').mockImplementation(rejecting('fsync'));
    vi.spyOn(fileHandle, 'datasync').mockImplementation(rejecting('fdatasync'));
  } else {
    vi.spyOn(fs, 'renameSync').mockImplementation(throwing('rename'));
    vi.spyOn(fs.promises, 'rename').mockImplementation(() => Promise.reject(eio('rename')));
  }
  syncBuiltinESMExports();
}

function heal(): void {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
}

function appOn(name: string) {
  const folder = join(dir, name);
  fs.mkdirSync(folder);
  const path = copyProject(seeded, folder);
  const app = new DossierApp({ projectPath: path, env: { DOSSIER_HOME: join(dir, `home-${name}`) } });
  return { app, call: directClient(app.dispatch), folder, path };
}

async function rejection(promise: Promise<unknown>): Promise<DossierError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    return error as DossierError;
  }
  throw new Error('expected a clean error');
}

const stray = (folder: string) =>
  readdirSync(folder).filter((f) => !/^project\.sqlite(-wal|-shm)?$/.test(f) && !f.endsWith('.backups'));

describe('EIO on write, fsync and rename', () => {
  for (const fault of FAULTS) {
    it(`an export (.dossier and a bibliography) with EIO on ${fault}: an error, and the file complete or absent`, async () => {
      const { app, call, folder } = appOn(`export-${fault}`);
      try {
        const target = join(folder, 'for-teammate.dossier');
        breakDisk(fault);
        const refused = await rejection(call('exchange.export', { target: { path: target } }));
        heal();
        expect(refused.code).toBe('write_failed');
        expect(refused.message).toMatch(DISK_ERROR);
        expect(existsSync(target)).toBe(false);
        expect(stray(folder)).toEqual([]);
        const written = await call('exchange.export', { target: { path: target } });
        expect(statSync(target).size).toBe(written!.bytes);

        const bibliography = join(folder, 'references.html');
        writeFileSync(bibliography, 'the previous export');
        breakDisk(fault);
        expect(() => writeFileAtomic(bibliography, 'the new export')).toThrow(
          /^Could not write references\.html: the disk reported an error\. Nothing was changed\.$/,
        );
        heal();
        expect(readFileSync(bibliography, 'utf8')).toBe('the previous export');
        expect(stray(folder).sort()).toEqual(['for-teammate.dossier', 'references.html']);
      } finally {
        app.close();
      }
    });
  }

  for (const fault of ['fsync', 'rename'] as const) {
    it(`a backup with EIO on ${fault}: an error, the earlier backups intact, no partial file`, async () => {
      const { app, call, path } = appOn(`backup-${fault}`);
      try {
        const first = await call('backups.create', {});
        breakDisk(fault);
        const refused = await rejection(call('backups.create', {}));
        heal();
        expect(refused.message).toMatch(
          /^Could not back up project\.sqlite: the disk reported an error\. The earlier backups are as they were\.$/,
        );
        expect(readdirSync(join(path + '.backups'))).toEqual([first.fileName]);
        await call('backups.create', {});
        expect(listBackups(path)).toHaveLength(2);
      } finally {
        app.close();
      }
    });
  }

  for (const fault of ['fsync', 'rename'] as const) {
    it(`an upgrade whose backup meets EIO on ${fault}: refused, the project as it was`, () => {
      const folder = join(dir, `upgrade-${fault}`);
      fs.mkdirSync(folder);
      const path = join(folder, 'project.sqlite');
      buildSchemaFixture(path, 6, 20);
      const before = projectFilesState(path);
      breakDisk(fault);
      expect(() => Project.open(path, { create: false })).toThrow(
        /^Could not back up project\.sqlite: the disk reported an error\. The earlier backups are as they were\. It was not upgraded and is as it was\.$/,
      );
      heal();
      expect(projectFilesState(path)).toEqual(before);
      expect(readdirSync(`${path}.backups`)).toEqual([]);
      Project.open(path, { create: false }).close();
    });
  }
});

describe("SQLite's own writes failing (a child under a file-size limit)", () => {
  it('an import: every file says why, nothing of it is stored, and it imports once the disk works', async () => {
    const folder = join(dir, 'import-limit');
    fs.mkdirSync(folder);
    const path = copyProject(seeded, folder);
    const files = join(folder, 'files');
    fs.mkdirSync(files);
    for (let i = 0; i < 10; i++)
      writeFileSync(join(files, `r-${i}.txt`), `Report ${i}\n\n${articleText(300 + i, 200)}\n`);
    const project = Project.open(path, { create: false });
    const before = counts(project);
    project.close();
    const run = await runChild('import', { project: path, folder: files }, { fileSizeLimit: 96 * 1024 });
    expect(run.done, run.stderr).not.toBeNull();
    const failed = (run.done as { failed: string[] }).failed;
    expect(failed).toHaveLength(10);
    for (const reason of failed) expect(reason).toMatch(DISK_ERROR);
    const after = openAndVerify(path, 'import under a file-size limit');
    expect(counts(after)).toEqual(before);
    after.close();
    const again = await runChild('import', { project: path, folder: files });
    expect(again.done).toMatchObject({ imported: 10, failed: [] });
  });

  it('a backup: an error in words, no partial file, the earlier backups intact', async () => {
    const folder = join(dir, 'backup-limit');
    fs.mkdirSync(folder);
    const path = copyProject(seeded, folder);
    const first = await runChild('backup', { project: path });
    expect(first.done, first.stderr).not.toBeNull();
    const size = statSync(path).size;
    const run = await runChild('backup', { project: path }, { fileSizeLimit: Math.floor(size / 2) });
    expect(run.error?.message).toMatch(
      /^Could not back up project\.sqlite: the disk reported an error\. The earlier backups are as they were\.$/,
    );
    expect(readdirSync(`${path}.backups`)).toEqual([(first.done as { fileName: string }).fileName]);
  });

  it('an upgrade: refused at its backup or at the upgrade itself, the old version intact', async () => {
    const folder = join(dir, 'upgrade-limit');
    fs.mkdirSync(folder);
    const fixture = join(folder, 'fixture.sqlite');
    buildSchemaFixture(fixture, 4, 60);
    const size = statSync(fixture).size;
    // How large the upgrade makes the project or its WAL, measured on a copy: a limit halfway lets the
    // backup (no larger than the project) through and stops the upgrade.
    const probe = scratchDir();
    let grown: number;
    try {
      const probePath = copyProject(fixture, probe);
      const upgraded = Project.open(probePath, { create: false });
      grown = Math.max(statSync(probePath).size, statSync(`${probePath}-wal`).size);
      upgraded.close();
    } finally {
      removeDir(probe);
    }
    expect(grown - size).toBeGreaterThan(16 * 1024);
    const cases = [
      {
        limit: 32 * 1024,
        message: /^Could not back up project\.sqlite: the disk reported an error\..*It was not upgraded/,
      },
      {
        limit: size + Math.floor((grown - size) / 2),
        message:
          /^Could not upgrade project\.sqlite: the disk reported an error\. The file was not changed\.$/,
      },
    ];
    for (const { limit, message } of cases) {
      const runDir = scratchDir();
      try {
        const path = copyProject(fixture, runDir);
        const run = await runChild('open', { project: path }, { fileSizeLimit: limit });
        expect(run.error?.message, run.stderr).toMatch(message);
        const db = new Database(path, { readonly: true });
        expect(db.pragma('user_version', { simple: true })).toBe(4);
        expect(db.pragma('quick_check', { simple: true })).toBe('ok');
        db.close();
        for (const backup of listBackups(path)) {
          const copy = new Database(backup.path, { readonly: true });
          expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
          copy.close();
        }
        expect(readdirSync(`${path}.backups`).filter((f) => f.startsWith('.partial-'))).toEqual([]);
        Project.open(path, { create: false }).close();
      } finally {
        removeDir(runDir);
      }
    }
  });
});

describe("SQLite's own flushes failing (fsync and fdatasync fail with EIO through an LD_PRELOAD shim)", () => {
  it('an import: an error in words, all of it or none of it, and it imports once the disk works', async () => {
    const folder = join(dir, 'import-fsync');
    fs.mkdirSync(folder);
    const path = copyProject(seeded, folder);
    const files = join(folder, 'files');
    fs.mkdirSync(files);
    for (let i = 0; i < 10; i++)
      writeFileSync(join(files, `f-${i}.txt`), `Filing ${i}\n\n${articleText(400 + i, 200)}\n`);
    const before = counts(openAndVerify(path, 'before'));
    const run = await runChild('import', { project: path, folder: files }, { env: failingFsync(folder) });
    const reasons = run.done ? (run.done as { failed: string[] }).failed : [run.error?.message ?? ''];
    expect(reasons.length, run.stderr).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).toMatch(DISK_ERROR);
    // SQLite wrote the transaction before its flush failed: after a restart it is there whole, or not at all.
    const after = openAndVerify(path, 'import with failing flushes');
    const documents = counts(after).documents;
    after.close();
    expect([before.documents, before.documents + 10]).toContain(documents);
    await runChild('import', { project: path, folder: files });
    const healed = openAndVerify(path, 'import once the disk works');
    expect(counts(healed).documents).toBe(before.documents + 10);
    healed.close();
  });

  it('an upgrade: refused at its backup, the old version intact', async () => {
    const runDir = scratchDir();
    try {
      const fixture = join(runDir, 'fixture.sqlite');
      buildSchemaFixture(fixture, 4, 30);
      const path = copyProject(fixture, runDir);
      const run = await runChild('open', { project: path }, { env: failingFsync(runDir) });
      expect(run.error?.message, run.stderr).toMatch(
        /^Could not back up project\.sqlite: the disk reported an error\..*It was not upgraded/,
      );
      const db = new Database(path, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(4);
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      db.close();
      Project.open(path, { create: false }).close();
    } finally {
      removeDir(runDir);
    }
  });
});
