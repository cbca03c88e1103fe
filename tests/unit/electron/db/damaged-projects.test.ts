// A damaged project is recognised on open, every time, and never written to (electron/db/file-check.ts and
// connection.ts): an overwritten header, a damaged page, a file cut short, a WAL from another database. A
// healthy project left by a crash (its WAL full of committed changes) opens with all of them.
import { copyFileSync, readdirSync, truncateSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openProjectDatabase } from '../../../../electron/db/connection';
import { DamagedProjectError } from '../../../../electron/db/file-check';
import { Project } from '../../../../electron/project';
import { overwrite, projectFilesState, rootPage, rowCounts, seedProject } from '../../helpers/projects';
import { tempDir } from '../../helpers/temp';

/** Opens the project twice: each time refused as damaged with `problem`, and the files exactly as before. */
function expectDamaged(path: string, problem: RegExp): DamagedProjectError {
  const before = projectFilesState(path);
  let caught: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    caught = undefined;
    try {
      Project.open(path, { create: false }).close();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DamagedProjectError);
    expect((caught as DamagedProjectError).message).toMatch(problem);
    expect((caught as DamagedProjectError).message).toMatch(/The file was not changed\.$/);
  }
  expect(projectFilesState(path)).toEqual(before);
  return caught as DamagedProjectError;
}

function healthyProject(documents = 6): string {
  const path = join(tempDir(), 'research.sqlite');
  seedProject(path, { documents, highlightsPerDocument: 3 });
  return path;
}

describe('a damaged project is recognised on open and never written to', () => {
  it('an overwritten header, zeroed or garbage', () => {
    const zeroed = healthyProject();
    overwrite(zeroed, 0, Buffer.alloc(100));
    expectDamaged(zeroed, /is damaged: its first bytes \(the database header\) are overwritten/);

    const garbage = healthyProject();
    overwrite(garbage, 0, randomBytes(4096));
    expectDamaged(garbage, /first bytes \(the database header\) are overwritten/);

    // Only the page size and the payload fractions: the magic string survives, the header does not.
    const fields = healthyProject();
    overwrite(fields, 16, Buffer.from([0x00, 0x03, 1, 1, 0, 7, 7, 7]));
    expectDamaged(fields, /database header/);
  });

  it('a file cut short, at a page boundary or in the middle of a page', () => {
    const half = healthyProject(20);
    truncateSync(half, 8 * 4096);
    expectDamaged(half, /its end is missing \(the file has 0\.0 MB of 0\.\d MB\)/);

    const midPage = healthyProject();
    truncateSync(midPage, 4096 * 3 + 1000);
    expectDamaged(midPage, /its end is missing/);
  });

  it('a damaged page of a table, of an index and of the search index', () => {
    for (const table of ['documents', 'highlights', 'search_rows']) {
      const path = healthyProject(30);
      const page = rootPage(path, table);
      overwrite(path, (page - 1) * 4096, randomBytes(4096));
      expectDamaged(path, /some of its pages are damaged \(SQLite: .+\)/);
    }
    const index = healthyProject(30);
    const db = new Database(index, { readonly: true });
    const indexName = db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'highlights' LIMIT 1`)
      .pluck()
      .get() as string;
    db.close();
    // The cell pointers of the index's root page point into nowhere.
    overwrite(index, (rootPage(index, indexName) - 1) * 4096 + 8, Buffer.alloc(64, 0xff));
    expectDamaged(index, /some of its pages are damaged/);
  });

  it('a WAL from another database (another page size) and from another Dossier project', () => {
    const dir = tempDir();
    // A project with committed changes still in its WAL, as a crash leaves it.
    const other = join(dir, 'other.sqlite');
    seedProject(other, { documents: 2 });
    const writer = Project.open(other, { create: false });
    writer.db.pragma('wal_autocheckpoint = 0');
    writer.write((d) => d.prepare(`UPDATE project SET value = 'Renamed' WHERE key = 'name'`).run());
    const foreignWal = join(dir, 'foreign.sqlite-wal');
    copyFileSync(`${other}-wal`, foreignWal);
    writer.close();

    const mine = healthyProject();
    copyFileSync(foreignWal, `${mine}-wal`);
    expectDamaged(
      mine,
      /the file of unsaved changes beside it \(research\.sqlite-wal\) belongs to another database/,
    );

    // Another program's database, with 1024-byte pages.
    const foreign = join(dir, 'contacts.sqlite');
    const contacts = new Database(foreign);
    contacts.pragma('page_size = 1024');
    contacts.pragma('journal_mode = WAL');
    contacts.pragma('wal_autocheckpoint = 0');
    contacts.exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ana')`);
    copyFileSync(`${foreign}-wal`, join(dir, 'contacts-wal'));
    contacts.close();
    const mine2 = healthyProject();
    copyFileSync(join(dir, 'contacts-wal'), `${mine2}-wal`);
    expectDamaged(mine2, /belongs to another database/);
  });

  it("a WAL from a project laid out page for page like this one is told apart by the project's id", () => {
    const dir = tempDir();
    const [a, b] = [join(dir, 'a.sqlite'), join(dir, 'b.sqlite')];
    // Made the same way: the same pages, only the ids differ.
    for (const path of [a, b]) Project.open(path, { create: true }).close();
    const writer = Project.open(a, { create: false });
    writer.db.pragma('wal_autocheckpoint = 0');
    writer.write((d) => d.prepare(`UPDATE project SET value = 'Renamed' WHERE key = 'name'`).run());
    copyFileSync(`${a}-wal`, `${b}-wal`);
    writer.close();
    // SQLite alone would read project a's rows in b, without a complaint.
    const plain = new Database(b, { readonly: true });
    expect(plain.pragma('quick_check', { simple: true })).toBe('ok');
    plain.close();
    expectDamaged(b, /\(b\.sqlite-wal\) belongs to another database/);
  });

  it('a project left by a crash, its changes still in the WAL, opens with all of them', () => {
    const path = healthyProject();
    const writer = Project.open(path, { create: false });
    writer.db.pragma('wal_autocheckpoint = 0');
    writer.write((d) =>
      d
        .prepare(`INSERT INTO tags (id, name, created_at, updated_at) VALUES (?, 'Late', 't', 't')`)
        .run('00000000-0000-4000-8000-000000000001'),
    );
    const expected = rowCounts(writer);
    // The files as a crash leaves them: copied while the connection is open, never checkpointed.
    const dir = tempDir();
    const crashed = join(dir, 'crashed.sqlite');
    copyFileSync(path, crashed);
    copyFileSync(`${path}-wal`, `${crashed}-wal`);
    writer.close();
    const reopened = Project.open(crashed, { create: false });
    expect(rowCounts(reopened)).toEqual(expected);
    expect(reopened.db.prepare(`SELECT name FROM tags WHERE name = 'Late'`).pluck().get()).toBe('Late');
    reopened.close();
  });

  it('opening a healthy project checks it and leaves no file behind but its own', () => {
    const path = healthyProject();
    const { db } = openProjectDatabase(path, { create: false });
    db.close();
    expect(readdirSync(join(path, '..')).filter((f) => !f.endsWith('.backups'))).toEqual(['research.sqlite']);
  });
});
