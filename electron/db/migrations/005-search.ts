// Schema 5: the full-text index (issue 6) and saved searches. One FTS5 table indexes every kind of row a
// search finds (documents without their boilerplate, passages, claims, events, entities, tags), kept in step
// by triggers, so the index changes in the same transaction as the row and is never stale, whoever writes
// (the app, the CLI, an undo, a merge). The unicode61 tokenizer folds case and diacritics ("niên" is
// "nien"); letters that carry no separable diacritic ("đ", "ø", "ß") are also indexed spelled plainly, in a
// column of their own, so "dang" finds "Đảng" while snippets keep the original spelling.
//
// FTS rows are addressed through search_rows (kind, ref) -> id, an INTEGER PRIMARY KEY, which VACUUM and
// backups keep, unlike the implicit rowids of the tables indexed. Each kind has its own range of ids, so a
// search of one kind is narrowed inside the index, not after it. Prefixes of two to four letters are indexed
// as such: "dan*" reads one list instead of merging those of every word it begins.
import type { Database } from 'better-sqlite3';
import type { Migration } from './index';

/** Per kind: the view of what is indexed (title, body, meta), live rows only, and the tables that feed it. */
const SOURCES: {
  kind: string;
  view: string;
  triggers: { table: string; ref: string; columns?: string[] }[];
}[] = [
  {
    kind: 'document',
    // The canonical text of the blocks that are not boilerplate. Offsets are UTF-16 units in the app and
    // characters in SQLite; they differ only after a character outside the Basic Multilingual Plane (an
    // emoji), which can shift a block boundary by a character: harmless for finding words.
    view: `
      SELECT d.id AS ref, coalesce(d.title, d.file_name) AS title,
        coalesce((SELECT group_concat(substr(t.text, json_extract(b.value, '$.start') + 1,
                    json_extract(b.value, '$.end') - json_extract(b.value, '$.start')), char(10))
                  FROM json_each(t.blocks) b
                  WHERE coalesce(json_extract(b.value, '$.boilerplate'), 0) = 0), '') AS body,
        trim(coalesce(d.outlet, '') || ' ' || d.file_name) AS meta
      FROM documents d JOIN document_texts t ON t.document_id = d.id
      WHERE d.deleted_at IS NULL`,
    triggers: [
      // Only the columns indexed: a document's other metadata and its updated_at change often.
      { table: 'documents', ref: 'id', columns: ['title', 'outlet', 'file_name', 'deleted_at'] },
      { table: 'document_texts', ref: 'document_id' },
    ],
  },
  {
    kind: 'passage',
    view: `SELECT h.id AS ref, '' AS title, h.quote_exact AS body, h.note AS meta
      FROM highlights h WHERE h.deleted_at IS NULL`,
    triggers: [{ table: 'highlights', ref: 'id' }],
  },
  {
    kind: 'claim',
    view: `SELECT c.id AS ref, c.statement AS title, c.rationale AS body, c.note AS meta
      FROM claims c WHERE c.deleted_at IS NULL`,
    triggers: [{ table: 'claims', ref: 'id' }],
  },
  {
    kind: 'event',
    view: `SELECT e.id AS ref, e.title AS title, e.description AS body, '' AS meta
      FROM events e WHERE e.deleted_at IS NULL`,
    triggers: [{ table: 'events', ref: 'id' }],
  },
  {
    kind: 'entity',
    view: `SELECT e.id AS ref, e.name AS title,
        coalesce((SELECT group_concat(a.value, ' ; ') FROM json_each(e.aliases) a), '') AS body,
        e.description AS meta
      FROM entities e WHERE e.deleted_at IS NULL AND e.merged_into IS NULL`,
    triggers: [{ table: 'entities', ref: 'id' }],
  },
  {
    kind: 'tag',
    view: `SELECT t.id AS ref, t.name AS title, t.description AS body, '' AS meta
      FROM tags t WHERE t.deleted_at IS NULL AND t.merged_into IS NULL`,
    triggers: [{ table: 'tags', ref: 'id' }],
  },
];

/** Letters without a separable diacritic, and how they are spelled plainly. */
const PLAIN_LETTERS: [string, string][] = [
  ['đ', 'd'],
  ['Đ', 'D'],
  ['ð', 'd'],
  ['Ð', 'D'],
  ['ø', 'o'],
  ['Ø', 'O'],
  ['ł', 'l'],
  ['Ł', 'L'],
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['Æ', 'AE'],
  ['œ', 'oe'],
  ['Œ', 'OE'],
  ['ı', 'i'],
  ['þ', 'th'],
  ['Þ', 'TH'],
];

/** SQL for the plain spelling of `expr`, or '' when it has none of those letters (most text). */
function plainSpelling(expr: string): string {
  const replaced = PLAIN_LETTERS.reduce((sql, [from, to]) => `replace(${sql}, '${from}', '${to}')`, expr);
  return `CASE WHEN ${replaced} = ${expr} THEN '' ELSE ${replaced} END`;
}

const viewName = (kind: string) => `search_source_${kind}`;

/**
 * Each kind's index rows have ids in a range of their own (the kind's number times 2^40, onwards), so a
 * search of one kind reads only that stretch of the index: FTS5 narrows a rowid range itself, before any
 * word is looked at.
 */
export const KIND_NUMBERS: Record<string, number> = {
  passage: 1,
  document: 2,
  claim: 3,
  event: 4,
  entity: 5,
  tag: 6,
};
const RANGE = 2 ** 40;

/** The first and last index row id of a kind. */
export function kindRowRange(kind: string): [number, number] {
  const base = KIND_NUMBERS[kind]! * RANGE;
  return [base, base + RANGE - 1];
}

/**
 * Numbers the rows of a kind's view not numbered yet (those the `where` clause picks): ids after the kind's
 * highest, read once, in the `order` given. Shared with later schemas, which keep this addressing.
 */
export function numberRows(kind: string, view: string, where: string, order = 's.ref'): string {
  const [first, last] = kindRowRange(kind);
  return `
    INSERT INTO search_rows (id, kind, ref)
      SELECT m.top + row_number() OVER (ORDER BY ${order}), '${kind}', s.ref
      FROM ${view} s,
        (SELECT coalesce(max(id), ${first}) AS top FROM search_rows WHERE id BETWEEN ${first} AND ${last}) m
      ${where} ${where ? 'AND' : 'WHERE'}
        NOT EXISTS (SELECT 1 FROM search_rows o WHERE o.kind = '${kind}' AND o.ref = s.ref);`;
}

/**
 * Inserts the index rows of one kind: all of them, or those whose ref the `where` clause picks. New rows
 * are numbered after the kind's highest id, read once. (Not INSERT OR IGNORE: inside a trigger, the
 * statement that fired it decides conflicts, and an undo's upsert aborts.)
 */
function indexRows(kind: string, where: string): string {
  const text = `s.title || char(10) || s.body || char(10) || s.meta`;
  return `
    ${numberRows(kind, viewName(kind), where)}
    INSERT INTO search_fts (rowid, title, body, meta, alt)
      SELECT r.id, s.title, s.body, s.meta, ${plainSpelling(text)}
      FROM ${viewName(kind)} s JOIN search_rows r ON r.kind = '${kind}' AND r.ref = s.ref ${where};`;
}

/** Builds the index from scratch: the migration of an older project, and `dossier reindex`. */
export function fillSearchIndex(db: Database): void {
  db.exec(`DELETE FROM search_fts; DELETE FROM search_rows;`);
  for (const source of SOURCES) db.exec(indexRows(source.kind, ''));
  db.exec(`INSERT INTO search_fts (search_fts) VALUES ('optimize');`);
}

export const search: Migration = {
  version: 5,
  name: 'full-text index and saved searches',
  up(db) {
    db.exec(`
      CREATE TABLE search_rows (
        id   INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        ref  TEXT NOT NULL,
        UNIQUE (kind, ref)
      ) STRICT;

      CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, meta, alt,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3 4'
      );

      CREATE TABLE saved_searches (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        query      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
    `);
    for (const source of SOURCES) {
      db.exec(`CREATE VIEW ${viewName(source.kind)} AS ${source.view};`);
      for (const { table, ref, columns } of source.triggers) {
        // Any change re-indexes the row: its old entry goes, and it comes back if it is still live.
        const refresh = (row: 'NEW' | 'OLD') => `
          DELETE FROM search_fts WHERE rowid =
            (SELECT id FROM search_rows WHERE kind = '${source.kind}' AND ref = ${row}.${ref});
          ${indexRows(source.kind, `WHERE s.ref = ${row}.${ref}`)}`;
        db.exec(`
          CREATE TRIGGER search_${table}_insert AFTER INSERT ON ${table} BEGIN ${refresh('NEW')} END;
          CREATE TRIGGER search_${table}_update AFTER UPDATE ${columns ? `OF ${columns.join(', ')}` : ''}
            ON ${table} BEGIN ${refresh('NEW')} END;
          CREATE TRIGGER search_${table}_delete AFTER DELETE ON ${table} BEGIN ${refresh('OLD')} END;
        `);
      }
    }
    fillSearchIndex(db);
  },
};
