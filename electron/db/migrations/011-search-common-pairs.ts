// Schema 11: a lighter search index (issue 10, B1 and B6: indexing was most of an import's and a merge's time).
// - Word pairs only of two common words (shared/common-words.ts, shared/search-query.ts): "of the" is indexed
//   as a pair, "state minister" is not. A phrase of common words is looked up as pairs; any other phrase has a
//   rarer word and is looked up as an FTS5 phrase. Indexing every pair cost twice what the words do.
// - The plain spelling (the alt column) has a break between title, body and meta, as the pairs have, now
//   that phrases are also looked up there: "Beta Gamma" is not a phrase when the title ends with "Beta" and
//   the text begins with "Gamma".
// The triggers are made again to index this way. Rows indexed before keep every pair: a superset of what a
// search reads, so phrases find them as before; only the rows with a plain spelling are indexed again here
// (their alt column changes), which is quick. `dossier reindex` rebuilds the rest, smaller.
import { registerSearchFunctions } from '../search-functions';
import { SOURCES, fillSearchIndex, indexRows, searchTable } from './006-search-pairs';
import type { Database } from 'better-sqlite3';
import { replaceSearchTriggers } from './009-search-bulk';
import type { Migration } from './index';

const PLAIN = 'dossier_plain(s.title, s.body, s.meta)';

/** Inserts the index rows of one kind, as schema 11 indexes them (see indexRows, schema 6). */
export const indexSearchRows = (kind: string, where: string): string => indexRows(kind, where, PLAIN);

/** Builds the index from scratch, as schema 11 indexes it: `dossier reindex`. */
export const rebuildSearchIndex = (db: Database): void => fillSearchIndex(db, PLAIN);

export const searchCommonPairs: Migration = {
  version: 11,
  name: 'search index with pairs of common words only',
  up(db) {
    registerSearchFunctions(db);
    replaceSearchTriggers(db, PLAIN);
    // The rows with a plain spelling are indexed again: their alt column gains its breaks.
    for (const source of SOURCES) {
      const table = searchTable(source.kind);
      db.exec(`
        CREATE TEMP TABLE dossier_plain_refs AS
          SELECT r.ref FROM ${table} f JOIN search_rows r ON r.id = f.rowid WHERE f.alt != '';
        DELETE FROM ${table} WHERE rowid IN
          (SELECT r.id FROM search_rows r WHERE r.kind = '${source.kind}'
             AND r.ref IN (SELECT ref FROM temp.dossier_plain_refs));
        ${indexSearchRows(source.kind, 'WHERE ref IN (SELECT ref FROM temp.dossier_plain_refs)')}
        DROP TABLE temp.dossier_plain_refs;`);
    }
  },
};
