import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SEARCH_KINDS } from '../../../../shared/search';
import { PAIR_JOIN, PAIR_MARK, toFtsExpression } from '../../../../shared/search-query';
import { searchTable } from '../../../../electron/db/migrations/006-search-pairs';
import { describe, expect, it } from 'vitest';
import { DOSSIER_APPLICATION_ID, migrate, openProjectDatabase } from '../../../../electron/db/connection';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../../electron/db/migrations/index';
import { DossierError } from '../../../../shared/errors';
import { tempDir } from '../../helpers/temp';
import { listDocumentRows } from '../../../../electron/db/documents';
import { listTagRows } from '../../../../electron/db/tags';

/** Every kind's index rows a MATCH expression finds, as (kind, ref). */
function indexMatch(db: Database.Database, query: string): { kind: string; ref: string }[] {
  return SEARCH_KINDS.flatMap(
    (kind) =>
      db
        .prepare(
          `SELECT r.kind, r.ref FROM ${searchTable(kind)} f JOIN search_rows r ON r.id = f.rowid
           WHERE ${searchTable(kind)} MATCH ?`,
        )
        .all(query) as { kind: string; ref: string }[],
  );
}

/** A project file at an earlier schema version, made by that version's migrations, still open. */
function projectAt(version: number, name: string): { path: string; db: Database.Database } {
  const path = join(tempDir(), name);
  const db = new Database(path);
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) m.up(db);
  db.pragma(`user_version = ${version}`);
  db.pragma(`application_id = ${DOSSIER_APPLICATION_ID}`);
  return { path, db };
}

/** A document whose first line is boilerplate, written as the schemas of 2 onwards store it. */
function insertDocumentWithBoilerplate(db: Database.Database, title: string, text: string, id = 'd1'): void {
  const boilerplateEnd = text.indexOf('\n');
  db.prepare(
    `INSERT INTO documents (id, title, file_name, media_type, char_count, text_sha256, original_sha256,
     imported_at, updated_at) VALUES (?, ?, 'k.txt', 'text/plain', ?, 'a', 'b', 't', 't')`,
  ).run(id, title, text.length);
  db.prepare(`INSERT INTO document_texts (document_id, text, blocks) VALUES (?, ?, ?)`).run(
    id,
    text,
    JSON.stringify([
      { type: 'paragraph', start: 0, end: boilerplateEnd, boilerplate: true },
      { type: 'paragraph', start: boilerplateEnd + 1, end: text.length },
    ]),
  );
}

function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('opening and migrating project files', () => {
  it('creates a fresh project at the latest schema with the durability pragmas', () => {
    const path = join(tempDir(), 'fresh.sqlite');
    const { db, schemaVersion, readOnly } = openProjectDatabase(path, { create: true });
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(readOnly).toBe(false);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(DOSSIER_APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    const tables = db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(['documents', 'document_texts', 'document_originals', 'highlights']),
    );
    const projectId = db.prepare(`SELECT value FROM project WHERE key = 'id'`).pluck().get();
    expect(projectId).toMatch(/^[0-9a-f-]{36}$/);
    db.close();
  });

  it('reopens an existing project without migrating again and keeps its data', () => {
    const path = join(tempDir(), 'again.sqlite');
    const first = openProjectDatabase(path, { create: true });
    const id = first.db.prepare(`SELECT value FROM project WHERE key = 'id'`).pluck().get();
    first.db.close();
    const second = openProjectDatabase(path, { create: false });
    expect(second.db.prepare(`SELECT value FROM project WHERE key = 'id'`).pluck().get()).toBe(id);
    second.db.close();
  });

  it('upgrades a project from every earlier schema version in one step', () => {
    for (let from = 0; from < LATEST_SCHEMA_VERSION; from++) {
      const path = join(tempDir(), `v${from}.sqlite`);
      const old = new Database(path);
      for (const m of MIGRATIONS.filter((m) => m.version <= from)) m.up(old);
      old.pragma(`user_version = ${from}`);
      if (from > 0) old.pragma(`application_id = ${DOSSIER_APPLICATION_ID}`);
      old.close();
      const { db } = openProjectDatabase(path, { create: false });
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      db.close();
    }
  });

  it('schema 2 keeps every document, text, original and highlight of a schema 1 project', () => {
    const path = join(tempDir(), 'v1.sqlite');
    const old = new Database(path);
    old.pragma('foreign_keys = ON');
    MIGRATIONS[0]!.up(old);
    old.pragma('user_version = 1');
    old.pragma(`application_id = ${DOSSIER_APPLICATION_ID}`);
    old.exec(`
      INSERT INTO documents (id, title, file_name, media_type, char_count, text_sha256, original_sha256, imported_at, updated_at)
        VALUES ('d1', 'Old title', 'old.txt', 'text/plain', 11, 'a', 'b', 't1', 't1');
      INSERT INTO documents (id, title, file_name, media_type, char_count, text_sha256, original_sha256, imported_at, updated_at)
        VALUES ('d2', '2022-02-16.borisov', '2022-02-16.borisov.txt', 'text/plain', 2, 'c', 'd', 't1', 't1'),
               ('d3', 'notes', 'notes', 'text/plain', 2, 'e', 'f', 't1', 't1'),
               ('d4', 'report', 'report.final.txt', 'text/plain', 2, 'g', 'h', 't1', 't1');
      INSERT INTO document_texts VALUES ('d1', 'hello world', '[]');
      INSERT INTO document_originals VALUES ('d1', x'68656c6c6f');
      INSERT INTO highlights (id, document_id, pos_start, pos_end, quote_exact, quote_prefix, quote_suffix, color, created_at, updated_at)
        VALUES ('h1', 'd1', 0, 5, 'hello', '', ' world', 'yellow', 't1', 't1');
    `);
    old.close();
    const { db } = openProjectDatabase(path, { create: false });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    // Titles that were only the file name standing in become unknown; real titles stay.
    expect(db.prepare(`SELECT id, title, evidence FROM documents ORDER BY id`).all()).toEqual([
      { id: 'd1', title: 'Old title', evidence: '{}' },
      { id: 'd2', title: null, evidence: '{}' },
      { id: 'd3', title: null, evidence: '{}' },
      { id: 'd4', title: 'report', evidence: '{}' },
    ]);
    expect(db.prepare(`SELECT text FROM document_texts`).pluck().all()).toEqual(['hello world']);
    expect(db.prepare(`SELECT count(*) FROM document_originals`).pluck().get()).toBe(1);
    expect(db.prepare(`SELECT quote_exact FROM highlights`).pluck().all()).toEqual(['hello']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // A title may now be unknown.
    db.prepare(`UPDATE documents SET title = NULL`).run();
    db.close();
  });

  it("schema 3 keeps a schema 2 project's highlights, attached, with no tags or claims yet", () => {
    const path = join(tempDir(), 'v2.sqlite');
    const old = new Database(path);
    for (const m of MIGRATIONS.filter((m) => m.version <= 2)) m.up(old);
    old.pragma('user_version = 2');
    old.pragma(`application_id = ${DOSSIER_APPLICATION_ID}`);
    old.exec(`
      INSERT INTO documents (id, title, file_name, media_type, char_count, text_sha256, original_sha256,
        imported_at, updated_at) VALUES ('d1', 'Kept', 'k.txt', 'text/plain', 4, 'a', 'b', 't', 't');
      INSERT INTO highlights (id, document_id, pos_start, pos_end, quote_exact, quote_prefix, quote_suffix,
        color, note, created_at, updated_at) VALUES ('h1', 'd1', 0, 4, 'Kept', '', '', 'green', 'n', 't', 't');
    `);
    old.close();
    const { db } = openProjectDatabase(path, { create: false });
    expect(db.prepare(`SELECT id, color, note, orphaned_at FROM highlights`).all()).toEqual([
      { id: 'h1', color: 'green', note: 'n', orphaned_at: null },
    ]);
    for (const table of ['tags', 'entities', 'claims', 'claim_passages', 'highlight_tags', 'claim_tags']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('schema 5 indexes what a schema 4 project already holds, leaving out boilerplate', () => {
    const { path, db: old } = projectAt(4, 'v4.sqlite');
    insertDocumentWithBoilerplate(
      old,
      'Báo Thanh niên',
      'All news\nNicolás Maduro met Đảng leaders in Caracas',
    );
    old.exec(`
      INSERT INTO events (id, title, date_start, created_at, updated_at) VALUES ('e1', 'Talks', '--12-16', 't', 't');
    `);
    old.close();
    const { db } = openProjectDatabase(path, { create: false });
    const match = (query: string) => indexMatch(db, query);
    expect(match('nicolas')).toEqual([{ kind: 'document', ref: 'd1' }]);
    expect(match('bao')).toEqual([{ kind: 'document', ref: 'd1' }]);
    expect(match('dang')).toEqual([{ kind: 'document', ref: 'd1' }]);
    expect(match('news')).toEqual([]);
    expect(match('talks')).toEqual([{ kind: 'event', ref: 'e1' }]);
    db.close();
  });

  it('schema 6 indexes word pairs, cuts blocks at UTF-16 offsets and keeps saved searches', () => {
    const { path, db: old } = projectAt(5, 'v5.sqlite');
    insertDocumentWithBoilerplate(old, 'Report', '😀😀 All news\nThe state minister said so');
    old.exec(`INSERT INTO saved_searches VALUES ('s1', 'Ministers', '"state minister"', 't', 't', NULL)`);
    old.close();
    const { db } = openProjectDatabase(path, { create: false });
    const match = (query: string) => indexMatch(db, query).map((row) => row.ref);
    const phrase = (text: string) => toFtsExpression({ type: 'phrase', text }, { pairs: true });
    expect(match(phrase('state minister'))).toEqual(['d1']);
    expect(match(phrase('minister state'))).toEqual([]);
    expect(match('news')).toEqual([]);
    expect(match('"the state"')).toEqual(['d1']);
    expect(db.prepare(`SELECT name, query FROM saved_searches`).all()).toEqual([
      { name: 'Ministers', query: '"state minister"' },
    ]);
    // The triggers of schema 6 keep the pairs in step.
    db.prepare(`UPDATE document_texts SET text = 'A deputy minister' WHERE document_id = 'd1'`).run();
    db.prepare(`UPDATE document_texts SET blocks = '[]' WHERE document_id = 'd1'`).run();
    expect(match(phrase('state minister'))).toEqual([]);
    expect(match(phrase('deputy minister'))).toEqual(['d1']);
    db.close();
  });

  it('schema 10 counts highlights and tags from indexes of live rows, leaving out deleted ones', () => {
    const { path, db: old } = projectAt(9, 'v9.sqlite');
    insertDocumentWithBoilerplate(old, 'Report', 'All news\nThe state minister said so');
    const highlight = old.prepare(
      `INSERT INTO highlights (id, document_id, pos_start, pos_end, quote_exact, quote_prefix, quote_suffix,
       color, created_at, updated_at, deleted_at) VALUES (?, 'd1', 9, 14, 'The s', '', '', 'yellow', 't', 't', ?)`,
    );
    highlight.run('h1', null);
    highlight.run('h2', null);
    highlight.run('h3', 't');
    old.exec(`INSERT INTO tags (id, parent_id, name, color, description, created_at, updated_at)
      VALUES ('t1', NULL, 'Politics', 'gray', '', 't', 't')`);
    const link = old.prepare(
      `INSERT INTO highlight_tags (highlight_id, tag_id, created_at, updated_at, deleted_at) VALUES (?, 't1', 't', 't', ?)`,
    );
    link.run('h1', null);
    link.run('h2', 't');
    link.run('h3', null);
    old.close();
    const { db } = openProjectDatabase(path, { create: false });
    // The counts name the new indexes (INDEXED BY), so they fail on a project without them.
    // h2's link is deleted and h3 itself is: only h1 counts for the tag; h1 and h2 for the document.
    expect(listTagRows(db).map((t) => [t.name, t.highlightCount, t.claimCount])).toEqual([
      ['Politics', 1, 0],
    ]);
    expect(listDocumentRows(db).map((d) => d.highlightCount)).toEqual([2]);
    db.close();
  });

  it('schema 11 keeps pairs of common words only, and no phrase runs from a title into its text', () => {
    const { path, db: old } = projectAt(10, 'v10.sqlite');
    insertDocumentWithBoilerplate(
      old,
      'Alpha Beta',
      'All news\nGamma said that the Đakrông of the zebra herd',
    );
    insertDocumentWithBoilerplate(old, 'Report', 'All news\nThe deputy zebra of the interior', 'd2');
    // As the index of schema 10 held it, made by earlier versions: a pair of every two words.
    const everyPair = 'the deputy zebra of the interior'
      .split(' ')
      .slice(1)
      .map((word, i, rest) => `${PAIR_MARK}${i === 0 ? 'the' : rest[i - 1]}${PAIR_JOIN}${word}`)
      .join(' ');
    old
      .prepare(
        `UPDATE ${searchTable('document')} SET pairs = ?
         WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'document' AND ref = 'd2')`,
      )
      .run(everyPair);
    old.close();
    const { db } = openProjectDatabase(path, { create: false });
    const match = (query: string) => indexMatch(db, query).map((row) => row.ref);
    const phrase = (text: string) => toFtsExpression({ type: 'phrase', text }, { pairs: true });
    const pairs = (ref: string) =>
      db
        .prepare(
          `SELECT f.pairs FROM ${searchTable('document')} f JOIN search_rows r ON r.id = f.rowid WHERE r.ref = ?`,
        )
        .pluck()
        .get(ref) as string;
    const pairCount = (ref: string) =>
      pairs(ref)
        .split(' ')
        .filter((t) => t.includes(PAIR_JOIN)).length;
    // d1 has a plain spelling ("Dakrong"), so it was indexed again: "said that", "that the", "of the".
    expect(pairCount('d1')).toBe(3);
    expect(match('"beta gamma"')).toEqual([]);
    expect(match(phrase('gamma said'))).toEqual(['d1']);
    // d2 keeps schema 10's pairs, every one of them: phrases find it either way.
    expect(pairCount('d2')).toBe(5);
    expect(match(phrase('deputy zebra'))).toEqual(['d2']);
    expect(match(phrase('of the'))).toEqual(['d1', 'd2']);
    expect(match(phrase('the of'))).toEqual([]);
    // The new triggers index the new way.
    db.prepare(`UPDATE document_texts SET text = text WHERE document_id = 'd2'`).run();
    expect(pairCount('d2')).toBe(1);
    expect(match(phrase('of the'))).toEqual(['d1', 'd2']);
    expect(match(phrase('deputy zebra'))).toEqual(['d2']);
    db.close();
  });

  it('an upgrade keeps every row a project already has', () => {
    const path = join(tempDir(), 'with-data.sqlite');
    const { db } = openProjectDatabase(path, { create: true });
    db.prepare(
      `INSERT INTO documents (id, title, file_name, media_type, char_count, text_sha256, original_sha256, imported_at, updated_at)
       VALUES ('d1', 'Kept', 'k.txt', 'text/plain', 4, 'a', 'b', 't', 't')`,
    ).run();
    db.close();
    const next: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'adds a column',
      up: (d) => d.exec(`ALTER TABLE documents ADD COLUMN summary TEXT NOT NULL DEFAULT ''`),
    };
    const registry = MIGRATIONS as Migration[];
    registry.push(next);
    const upgraded = new Database(path);
    try {
      migrate(upgraded, LATEST_SCHEMA_VERSION, path);
      expect(upgraded.pragma('user_version', { simple: true })).toBe(next.version);
      expect(upgraded.prepare(`SELECT title, summary FROM documents`).all()).toEqual([
        { title: 'Kept', summary: '' },
      ]);
    } finally {
      registry.pop();
      upgraded.close();
    }
  });

  it('a failing migration leaves the project exactly as it was', () => {
    const path = join(tempDir(), 'half.sqlite');
    openProjectDatabase(path, { create: true }).db.close();
    const broken = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      up: (d: Database.Database) => {
        d.exec('CREATE TABLE added_by_broken (x)');
        throw new Error('disk on fire');
      },
    };
    const registry = MIGRATIONS as Migration[];
    registry.push(broken);
    const db = new Database(path);
    try {
      expect(() => migrate(db, LATEST_SCHEMA_VERSION, path)).toThrow('disk on fire');
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(
        db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'added_by_broken'`).pluck().get(),
      ).toBe(0);
    } finally {
      registry.pop();
      db.close();
    }
  });

  it('refuses a project from a newer version without writing a byte', () => {
    const path = join(tempDir(), 'future.sqlite');
    const future = new Database(path);
    future.exec('CREATE TABLE something_new (x)');
    future.pragma(`application_id = ${DOSSIER_APPLICATION_ID}`);
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    future.close();
    const hash = fileHash(path);
    const mtime = statSync(path).mtimeMs;
    let caught: unknown;
    try {
      openProjectDatabase(path, { create: false });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DossierError);
    expect((caught as DossierError).code).toBe('future_schema');
    expect((caught as DossierError).message).toMatch(/newer version of Dossier/);
    expect(fileHash(path)).toBe(hash);
    expect(statSync(path).mtimeMs).toBe(mtime);
  });

  it('refuses files that are not Dossier projects with a plain message', () => {
    const dir = tempDir();
    const text = join(dir, 'notes.sqlite');
    writeFileSync(
      text,
      'just some text that is certainly not a database, long enough to have a header..........',
    );
    expect(() => openProjectDatabase(text, { create: false })).toThrow(/not a Dossier project/);
    const other = join(dir, 'other.sqlite');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE contacts (name TEXT)');
    foreign.close();
    expect(() => openProjectDatabase(other, { create: false })).toThrow(/not a Dossier project/);
    expect(() => openProjectDatabase(join(dir, 'missing.sqlite'), { create: false })).toThrow(
      /No project file/,
    );
  });
});
