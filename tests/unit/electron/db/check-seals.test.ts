// A project Dossier closed sound, and nothing has touched since, opens without checking every page again
// (electron/db/check-seals.ts); anything that touched it, or damage the session left, means the full check.
import { copyFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { FileCheckSeals, SEAL_MAX_AGE_MS } from '../../../../electron/db/check-seals';
import { DamagedProjectError } from '../../../../electron/db/file-check';
import { Project } from '../../../../electron/project';
import { overwrite, rootPage, rowCounts, seedProject } from '../../helpers/projects';
import { tempDir } from '../../helpers/temp';

function setup() {
  const dir = tempDir();
  const path = join(dir, 'research.sqlite');
  seedProject(path, { documents: 20, highlightsPerDocument: 3 });
  return { dir, path, seals: new FileCheckSeals(join(dir, 'home', 'checked-projects.json')) };
}

function damagePage(path: string, table: string): void {
  overwrite(path, (rootPage(path, table) - 1) * 4096, randomBytes(4096));
}

/** Opens and closes the project; whether the open checked every page, and what it holds. */
function session(path: string, seals: FileCheckSeals, write = false) {
  const project = Project.open(path, { create: false, seals });
  try {
    if (write)
      project.write((db) => db.prepare(`UPDATE project SET value = 'Renamed' WHERE key = 'name'`).run());
    return { checked: project.structureChecked, counts: rowCounts(project) };
  } finally {
    project.close();
  }
}

describe('projects sealed as sound when closed', () => {
  it('open without the page-by-page check while untouched, and with all their rows', () => {
    const { path, seals } = setup();
    const first = session(path, seals);
    expect(first.checked).toBe(true);
    expect(seals.sealed(path)).not.toBeNull();
    const second = session(path, seals);
    expect(second.checked).toBe(false);
    expect(second.counts).toEqual(first.counts);
    // A session that wrote is checked as it closes, and sealed again.
    expect(session(path, seals, true).checked).toBe(false);
    expect(seals.sealed(path)).not.toBeNull();
    expect(session(path, seals).checked).toBe(false);
  });

  it('are checked again after any change from outside: damage is found', () => {
    const { path, seals } = setup();
    session(path, seals);
    damagePage(path, 'highlights');
    expect(seals.sealed(path)).toBeNull();
    expect(() => session(path, seals)).toThrow(DamagedProjectError);

    // Another program's write, a file copied over it, a WAL left beside it: each is checked again.
    const other = setup();
    session(other.path, other.seals);
    const db = new Database(other.path);
    db.prepare(`UPDATE project SET value = 'Elsewhere' WHERE key = 'name'`).run();
    db.close();
    expect(session(other.path, other.seals).checked).toBe(true);

    const copied = setup();
    session(copied.path, copied.seals);
    const twin = join(copied.dir, 'twin.sqlite');
    copyFileSync(copied.path, twin);
    copyFileSync(twin, copied.path);
    expect(session(copied.path, copied.seals).checked).toBe(true);

    const crashed = setup();
    session(crashed.path, crashed.seals);
    writeFileSync(`${crashed.path}-wal`, '');
    expect(crashed.seals.sealed(crashed.path)).toBeNull();
  });

  it('are not sealed when the session left damage, so the next open reports it', () => {
    const { path, seals } = setup();
    const project = Project.open(path, { create: false, seals });
    project.db.pragma('wal_checkpoint(TRUNCATE)');
    damagePage(path, 'documents');
    project.close();
    expect(seals.sealed(path)).toBeNull();
    expect(() => session(path, seals)).toThrow(DamagedProjectError);
  });

  it("keep the project's newest change, so that its clock never goes back behind it unread", async () => {
    const { path, seals } = setup();
    const future = '2099-05-01T12:00:00.000Z';
    const db = new Database(path);
    db.prepare(`UPDATE documents SET updated_at = ? WHERE rowid = (SELECT min(rowid) FROM documents)`).run(
      future,
    );
    db.close();
    session(path, seals);
    expect(seals.sealed(path)?.latestChange).toBe(future);
    // Opened sealed by a fresh Dossier (a clock that has seen nothing), its timestamps come after that change.
    vi.resetModules();
    const fresh = await import('../../../../electron/project');
    const clock = await import('../../../../electron/db/clock');
    const project = fresh.Project.open(path, { create: false, seals });
    expect(project.structureChecked).toBe(false);
    expect(clock.nowIso() > future).toBe(true);
    project.close();
  });

  it('read the newest change again after a session that wrote: merged rows keep a teammate’s times', () => {
    const { path, seals } = setup();
    const teammates = '2199-01-01T00:00:00.000Z';
    const project = Project.open(path, { create: false, seals });
    // As a merge writes them: the teammate's updated_at, not one from this clock.
    project.write((db) =>
      db
        .prepare(`UPDATE highlights SET updated_at = ? WHERE rowid = (SELECT max(rowid) FROM highlights)`)
        .run(teammates),
    );
    project.close();
    expect(seals.sealed(path)?.latestChange).toBe(teammates);
  });

  it('last a month, and an unreadable record holds none', () => {
    const { dir, path, seals } = setup();
    session(path, seals);
    expect(seals.sealed(path, Date.now() + SEAL_MAX_AGE_MS - 60_000)).not.toBeNull();
    expect(seals.sealed(path, Date.now() + SEAL_MAX_AGE_MS + 60_000)).toBeNull();
    writeFileSync(join(dir, 'home', 'checked-projects.json'), '{"seals": [{"path": 1}]');
    expect(seals.sealed(path)).toBeNull();
    expect(session(path, seals).checked).toBe(true);
    expect(seals.sealed(path)).not.toBeNull();
  });

  it('are never made for a project opened read-only that was not checked, nor without seals', () => {
    const { path, seals } = setup();
    const readOnly = Project.open(path, { create: false, readOnly: true, seals });
    expect(readOnly.structureChecked).toBe(true);
    readOnly.close();
    expect(seals.sealed(path)).toBeNull();
    const plain = Project.open(path, { create: false });
    expect(plain.structureChecked).toBe(true);
    plain.close();
    expect(seals.sealed(path)).toBeNull();
  });
});
