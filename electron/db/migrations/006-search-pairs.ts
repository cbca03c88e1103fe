// Schema 6: the search index rebuilt (issue 6), one FTS5 table per kind, with word pairs.
// - One table per kind (search_fts_document, search_fts_passage, ...): a search of the tags reads the tags'
//   index only. In schema 5's single table a word found in every document cost every kind its whole list,
//   even the kinds where it was nowhere, and so did each prefix.
// - Word pairs: every two neighbouring words are also indexed as one token, so a phrase reads the short
//   list of its pairs rather than the long lists of its words: "the minister" costs what "kalashnikov" does.
// - The index's text is computed by the functions of ../search-functions.ts, in JavaScript: a document's
//   blocks are cut at the app's UTF-16 offsets (schema 5 cut them in SQL, where an emoji shifted the cut),
//   and the plain spelling is made in one pass.
// Columns: title, body, meta (notes, outlet, file name), alt (the plain spelling of the three, when it
// differs), title_pairs and pairs (the word pairs of the title, and of body and meta), facets. Rows are
// addressed as in schema 5, search_rows (kind, ref) -> id, an id VACUUM and backups keep, each kind in a range
// of its own; the ids are given again here in the order the rows were made, so that the newest matches a
// search ranks (the highest ids) are the newest rows. (Schema 5 numbered a project's existing rows by id.)
import type { Database } from 'better-sqlite3';
import { registerSearchFunctions } from '../search-functions';
import { numberRows } from './005-search';
import type { Migration } from './index';

/** Per kind: the view of what is indexed (title, body, meta), live rows only, and the tables that feed it. */
export const SOURCES: {
  kind: string;
  view: string;
  /**
   * The tables whose changes re-index rows of this kind: `ref` names the row changed, found in the view's
   * ref column, or in its `via` column (a document's passages).
   */
  triggers: { table: string; ref: string; columns?: string[]; via?: string }[];
}[] = [
  {
    kind: 'document',
    view: `
      SELECT d.id AS ref, d.imported_at AS made, coalesce(d.title, d.file_name) AS title,
        dossier_search_body(t.text, t.blocks) AS body,
        trim(coalesce(d.outlet, '') || ' ' || d.file_name) AS meta,
        dossier_facets(d.outlet, d.language, d.published) AS facets
      FROM documents d JOIN document_texts t ON t.document_id = d.id
      WHERE d.deleted_at IS NULL`,
    triggers: [
      // Only the columns indexed: a document's other metadata and its updated_at change often.
      {
        table: 'documents',
        ref: 'id',
        columns: ['title', 'outlet', 'file_name', 'language', 'published', 'deleted_at'],
      },
      { table: 'document_texts', ref: 'document_id' },
    ],
  },
  {
    kind: 'passage',
    // A passage is found by its document's outlet, language and date.
    view: `SELECT h.id AS ref, h.created_at AS made, '' AS title, h.quote_exact AS body, coalesce(h.note, '') AS meta,
        dossier_facets(d.outlet, d.language, d.published) AS facets, h.document_id
      FROM highlights h JOIN documents d ON d.id = h.document_id WHERE h.deleted_at IS NULL`,
    triggers: [
      { table: 'highlights', ref: 'id' },
      { table: 'documents', ref: 'id', columns: ['outlet', 'language', 'published'], via: 'document_id' },
    ],
  },
  {
    kind: 'claim',
    view: `SELECT c.id AS ref, c.created_at AS made, c.statement AS title, coalesce(c.rationale, '') AS body,
        coalesce(c.note, '') AS meta, '' AS facets
      FROM claims c WHERE c.deleted_at IS NULL`,
    triggers: [{ table: 'claims', ref: 'id' }],
  },
  {
    kind: 'event',
    view: `SELECT e.id AS ref, e.created_at AS made, e.title AS title, coalesce(e.description, '') AS body,
        '' AS meta, '' AS facets
      FROM events e WHERE e.deleted_at IS NULL`,
    triggers: [{ table: 'events', ref: 'id' }],
  },
  {
    kind: 'entity',
    view: `SELECT e.id AS ref, e.created_at AS made, e.name AS title,
        coalesce((SELECT group_concat(a.value, ' ; ') FROM json_each(e.aliases) a), '') AS body,
        coalesce(e.description, '') AS meta, '' AS facets
      FROM entities e WHERE e.deleted_at IS NULL AND e.merged_into IS NULL`,
    triggers: [{ table: 'entities', ref: 'id' }],
  },
  {
    kind: 'tag',
    view: `SELECT t.id AS ref, t.created_at AS made, t.name AS title, coalesce(t.description, '') AS body, '' AS meta, '' AS facets
      FROM tags t WHERE t.deleted_at IS NULL AND t.merged_into IS NULL`,
    triggers: [{ table: 'tags', ref: 'id' }],
  },
];

export const viewName = (kind: string) => `search_source_${kind}`;

/**
 * The triggers that keep a kind's index up to date with one table: any change re-indexes the rows, their old
 * entries going and those still live coming back. `guard` is an SQL condition they fire under as well (schema
 * 9: not while the connection defers indexing to do it in bulk); null for none (schema 6).
 */
export function searchTriggersSql(
  kind: string,
  { table, ref, columns, via }: (typeof SOURCES)[number]['triggers'][number],
  guard: string | null,
  plain = PLAIN_SCHEMA_6,
): string {
  const rows = (row: 'NEW' | 'OLD') =>
    via
      ? `r.ref IN (SELECT ref FROM ${viewName(kind)} WHERE ${via} = ${row}.${ref})`
      : `r.ref = ${row}.${ref}`;
  const refresh = (row: 'NEW' | 'OLD') => `
          DELETE FROM ${searchTable(kind)} WHERE rowid IN
            (SELECT r.id FROM search_rows r WHERE r.kind = '${kind}' AND ${rows(row)});
          ${indexRows(kind, `WHERE ${via ?? 'ref'} = ${row}.${ref}`, plain)}`;
  const name = `search_${kind}_${table}`;
  // UPDATE OF fires when a column is set, changed or not: a metadata save sets them all.
  const changed = columns ? `(${columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')})` : '';
  const when = (...conditions: string[]) => {
    const all = conditions.filter(Boolean);
    return all.length ? `WHEN ${all.join(' AND ')}` : '';
  };
  const g = guard ?? '';
  return `
          ${via ? '' : `CREATE TRIGGER ${name}_insert AFTER INSERT ON ${table} ${when(g)} BEGIN ${refresh('NEW')} END;`}
          CREATE TRIGGER ${name}_update AFTER UPDATE ${columns ? `OF ${columns.join(', ')}` : ''}
            ON ${table} ${when(changed, g)} BEGIN ${refresh('NEW')} END;
          ${via ? '' : `CREATE TRIGGER ${name}_delete AFTER DELETE ON ${table} ${when(g)} BEGIN ${refresh('OLD')} END;`}
        `;
}

/** The FTS5 table of a kind's rows. */
export const searchTable = (kind: string) => `search_fts_${kind}`;

/**
 * Inserts the index rows of one kind: all of them, or those whose ref the `where` clause picks. New rows
 * are numbered after the kind's highest id, read once. (Not INSERT OR IGNORE: inside a trigger, the
 * statement that fired it decides conflicts, and an undo's upsert aborts.) The view is read in a subquery
 * with a LIMIT, which SQLite does not flatten into the join: its columns are computed once per row, not once
 * per use. CROSS JOIN keeps the rows to index as the outer loop: with a list of refs (search-index.ts), SQLite
 * would otherwise walk every row of the kind in search_rows and look each up in the list.
 */
export function indexRows(kind: string, where: string, plain = PLAIN_SCHEMA_6): string {
  return `
    ${numberRows(kind, viewName(kind), where, 's.made, s.ref')}
    INSERT INTO ${searchTable(kind)} (rowid, title, body, meta, alt, title_pairs, pairs, facets)
      SELECT r.id, s.title, s.body, s.meta,
        ${plain},
        dossier_pairs(s.title), dossier_pairs(s.body, s.meta), s.facets
      FROM (SELECT * FROM ${viewName(kind)} ${where} LIMIT -1) s
        CROSS JOIN search_rows r ON r.kind = '${kind}' AND r.ref = s.ref;`;
}

/**
 * The alt column: the plain spelling of title, body and meta. Schema 11 gives it breaks between the three
 * (PLAIN_SCHEMA_11), so that no phrase runs from one into the next.
 */
const PLAIN_SCHEMA_6 = 'dossier_plain(s.title || char(10) || s.body || char(10) || s.meta)';

/** Builds the index from scratch: the migration of an older project, and `dossier reindex`. */
export function fillSearchIndex(db: Database, plain = PLAIN_SCHEMA_6): void {
  registerSearchFunctions(db);
  db.exec(`DELETE FROM search_rows;`);
  for (const { kind } of SOURCES) {
    const table = searchTable(kind);
    db.exec(
      `DELETE FROM ${table}; ${indexRows(kind, '', plain)} INSERT INTO ${table} (${table}) VALUES ('optimize');`,
    );
  }
}

export const searchPairs: Migration = {
  version: 6,
  name: 'search index with word pairs',
  up(db) {
    registerSearchFunctions(db);
    // Schema 5's index, views and triggers go; its saved searches stay.
    const old = db
      .prepare(
        `SELECT type, name FROM sqlite_schema
         WHERE (type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\')
            OR (type = 'view' AND name LIKE 'search\\_source\\_%' ESCAPE '\\')`,
      )
      .all() as { type: 'trigger' | 'view'; name: string }[];
    for (const { type, name } of old) db.exec(`DROP ${type.toUpperCase()} "${name}"`);
    db.exec(`DROP TABLE search_fts;`);
    for (const source of SOURCES) {
      db.exec(`
        CREATE VIRTUAL TABLE ${searchTable(source.kind)} USING fts5(
          title, body, meta, alt, title_pairs, pairs, facets,
          tokenize = 'unicode61 remove_diacritics 2',
          prefix = '2 3 4'
        );
        CREATE VIEW ${viewName(source.kind)} AS ${source.view};
      `);
      for (const trigger of source.triggers) db.exec(searchTriggersSql(source.kind, trigger, null));
    }
    fillSearchIndex(db);
  },
};
